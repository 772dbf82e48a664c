// Command benchcase runs one benchmark case as its own process, so that the
// parent (bench/cmd/benchrun) can measure the case's wall time and peak RSS
// alone. It prints one JSON line on stdout: {"work_ns":…,"bytes":…,"items":…},
// where work_ns is the time of the case's own work when the process also has
// to set up its input (the generate cases), else the whole run.
//
//	benchcase records       -n N -seed S            generate the records only (baseline)
//	benchcase write-podfeed -n N -seed S -out FILE  map the records into podfeed's model, feed.Encode
//	benchcase write-eduncan -n N -seed S -out FILE  the same with eduncan911/podcast v1.4.2
//	benchcase write-gorilla -n N -seed S -out FILE  the same with gorilla/feeds v1.2.0
//	benchcase build-lib     -show DIR -out FILE     show.Load + show.Build + feed.Encode
//	benchcase gofeed        FILE                    parse with mmcdole/gofeed
//	benchcase xmltoken      FILE                    encoding/xml Token() + InputPos() pass
//	benchcase probe         DIR                     probe DIR/media/* through DIR/.podfeed/cache.json
//	benchcase shape         -name S -scale N -corpus DIR -out FILE   write one feed shape (bench/gen)
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"sort"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/bench/gen"
	"github.com/podfeed/podfeed/bench/writers"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/media/cache"
	"github.com/podfeed/podfeed/show"
)

// result is what a case reports.
type result struct {
	WorkNS int64 `json:"work_ns"`
	Bytes  int64 `json:"bytes"`
	Items  int   `json:"items"`
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "benchcase: %v\n", err)
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: benchcase CASE [flags] [ARG]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	n := fs.Int("n", 10000, "episodes")
	seed := fs.Uint64("seed", gen.Seed, "generator seed")
	out := fs.String("out", "", "output file")
	showDir := fs.String("show", "", "show folder")
	shapeName := fs.String("name", "", "shape name (shape)")
	scale := fs.Float64("scale", 1, "shape scale (shape)")
	corpusDir := fs.String("corpus", "", "corpus folder (shape; empty: the shipped sample)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	var res result
	var err error
	switch args[0] {
	case "records", "write-podfeed", "write-eduncan", "write-gorilla":
		res, err = write(args[0], *n, *seed, *out)
	case "build-lib":
		res, err = buildLib(ctx, *showDir, *out)
	case "gofeed":
		res, err = parseGofeed(fs.Arg(0))
	case "xmltoken":
		res, err = xmlToken(fs.Arg(0))
	case "probe":
		res, err = probe(ctx, fs.Arg(0))
	case "shape":
		res, err = writeShape(*shapeName, *scale, *corpusDir, *out)
	default:
		return fmt.Errorf("unknown case %q", args[0])
	}
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return json.NewEncoder(stdout).Encode(res)
}

// write generates the records (not timed), then maps them into one
// writer's model and writes the feed to out through a 64 KiB buffer
// (timed, including the flush and close).
func write(which string, n int, seed uint64, out string) (result, error) {
	s, eps := gen.TheShow(), gen.Episodes(n, seed, false)
	runtime.GC()
	start := time.Now()
	if which == "records" {
		return result{WorkNS: int64(time.Since(start)), Items: len(eps)}, nil
	}
	f, err := os.Create(out)
	if err != nil {
		return result{}, err
	}
	defer f.Close()
	cw := &countWriter{w: f}
	bw := bufio.NewWriterSize(cw, 64<<10)
	switch which {
	case "write-podfeed":
		err = feed.Encode(bw, writers.Podfeed(s, eps))
	case "write-eduncan":
		var p interface{ Encode(io.Writer) error }
		p, err = writers.Eduncan(s, eps)
		if err == nil {
			err = p.Encode(bw)
		}
	case "write-gorilla":
		err = writers.Gorilla(s, eps).WriteRss(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		return result{}, err
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: cw.n, Items: len(eps)}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// buildLib is podfeed's build without the CLI: load the show folder,
// render and map it, encode the feed to out. No media is probed (the
// generated episodes give length, type and duration).
func buildLib(ctx context.Context, dir, out string) (result, error) {
	start := time.Now()
	// As the CLI does: the folder through os.Root, and each episode's
	// Markdown dropped once its item is built.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return result{}, err
	}
	defer root.Close()
	def, err := show.Load(root.FS(), ".")
	if err != nil {
		return result{}, err
	}
	res, err := show.Build(ctx, def, show.BuildOptions{Now: gen.Now, Generator: "podfeed bench", ReleaseNotes: true})
	if err != nil {
		return result{}, err
	}
	f, err := os.Create(out)
	if err != nil {
		return result{}, err
	}
	defer f.Close()
	cw := &countWriter{w: f}
	if err := feed.Encode(cw, res.Channel); err != nil {
		return result{}, err
	}
	if err := f.Close(); err != nil {
		return result{}, err
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: cw.n, Items: len(res.Channel.Items)}, nil
}

func parseGofeed(name string) (result, error) {
	start := time.Now()
	f, err := os.Open(name)
	if err != nil {
		return result{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return result{}, err
	}
	parsed, err := gofeed.NewParser().Parse(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return result{}, err
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: fi.Size(), Items: len(parsed.Items)}, nil
}

// xmlToken is the floor of any encoding/xml based pass: every token and
// its position, nothing kept.
func xmlToken(name string) (result, error) {
	start := time.Now()
	f, err := os.Open(name)
	if err != nil {
		return result{}, err
	}
	defer f.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	items := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return result{}, err
		}
		_, _ = d.InputPos()
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" {
			items++
		}
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: d.InputOffset(), Items: items}, nil
}

// probe probes every file under dir/media through the show's media cache,
// as podfeed build does, and saves the cache.
func probe(ctx context.Context, dir string) (result, error) {
	start := time.Now()
	entries, err := os.ReadDir(dir + "/media")
	if err != nil {
		return result{}, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, path.Join("media", e.Name()))
	}
	sort.Strings(names)
	c, warn := cache.Load(dir)
	if warn != nil {
		return result{}, warn
	}
	files := &cache.Files{FS: cache.DirFS(dir), Cache: c}
	var total int64
	for _, r := range files.ProbeAll(ctx, names, nil) {
		if r.Err != nil {
			return result{}, r.Err
		}
		total += r.Info.Size
	}
	if err := c.Save(); err != nil {
		return result{}, err
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: total, Items: len(names)}, nil
}

// writeShape writes one feed shape to out.
func writeShape(name string, scale float64, corpus, out string) (result, error) {
	s, ok := gen.ShapeNamed(name)
	if !ok {
		return result{}, fmt.Errorf("unknown shape %q", name)
	}
	start := time.Now()
	items, size, err := gen.WriteShapeFile(s, scale, corpus, out)
	if err != nil {
		return result{}, err
	}
	return result{WorkNS: int64(time.Since(start)), Bytes: size, Items: items}, nil
}
