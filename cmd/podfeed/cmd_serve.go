package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/internal/xmlspot"
	"github.com/podfeed/podfeed/media/remote"
	"github.com/podfeed/podfeed/preview"
	"github.com/podfeed/podfeed/show"
	"github.com/podfeed/podfeed/stylesheet"
	"github.com/podfeed/podfeed/validate"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "preview a show in the browser, rebuilt as you edit it",
		ArgsUsage: "[SHOW_DIR]",
		Description: "Builds SHOW_DIR in memory and serves it on http://127.0.0.1:PORT/: the show and\n" +
			"each episode as listeners will see them, with the validator's findings next to\n" +
			"the episode they concern (at the show file and line that cause them), the\n" +
			"episodes held back, and the feed as the styled feed shows it. Every change in\n" +
			"the folder rebuilds it and reloads the open pages. Nothing is written: not the\n" +
			"output folder, not the media cache.",
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "port", Value: 8080, Usage: "port on 127.0.0.1 (0 picks a free one)"},
			&cli.StringFlag{Name: "now", Usage: "preview the show as of this time instead of now: a date as episodes write it"},
			&cli.DurationFlag{Name: "poll", Usage: "look for changes every `INTERVAL` (e.g. 1s) instead of being told by the system (for network and container file systems that tell nothing)"},
			&cli.BoolFlag{Name: "probe-remote", Usage: "read length, type and duration of audio URLs over HTTP"},
		}, netFlags(netDefaults{timeout: remote.DefaultTimeout})...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageError(fmt.Errorf("serve takes one show folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			return runServe(c, e, dir)
		},
	}
}

func runServe(c *cli.Context, e *env, dir string) error {
	ctx := c.Context
	var at time.Time
	if s := c.String("now"); s != "" {
		t, err := show.ParseDate(s)
		if err != nil {
			return usageError(fmt.Errorf("--now: %w", err))
		}
		at = t
	}
	port := c.Int("port")
	if port < 0 || port > 65535 {
		return usageError(fmt.Errorf("--port %d: want 0 to 65535", port))
	}
	if c.Duration("poll") < 0 {
		return usageError(errors.New("--poll must not be negative"))
	}
	netOpt, err := netOptions(c)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageError(fmt.Errorf("%s: no such folder (serve takes the show folder, the one that holds podcast.yaml)", dir))
	}
	if _, err := os.Stat(filepath.Join(dir, "podcast.yaml")); errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, "podcast.json")); errors.Is(err, os.ErrNotExist) {
			return invalidInput(fmt.Errorf("%s: no podcast.yaml here", dir))
		}
	}

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := preview.New()
	// Reads stay inside the show folder, as build's do.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer root.Close()
	pb := &previewBuilder{e: e, dir: dir, root: root, at: at, probeRemote: c.Bool("probe-remote"), net: netOpt}
	pb.prober = newMediaProber(e, dir, root, pb.probeRemote, netOpt)
	report := func(b *preview.Build) {
		errs, warns, infos := b.Counts()
		if len(b.Errors) > 0 {
			fmt.Fprintf(e.stderr, "build %d: %s; nothing would be written\n", b.Gen, plural(len(b.Errors), "problem"))
			return
		}
		fmt.Fprintf(e.stderr, "build %d: %s, %s, %s, %s\n", b.Gen, plural(len(b.Episodes), "episode"), plural(errs, "error"), plural(warns, "warning"), plural(infos, "info"))
	}
	first := pb.build(ctx)
	srv.Set(first)
	report(first)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(e.stderr, "serving %s on http://%s/ (Ctrl-C stops)\n", dir, ln.Addr())

	changes, stopWatch, err := watchShow(ctx, dir, c.Duration("poll"))
	if err != nil {
		srv.Close()
		hs.Close()
		return fmt.Errorf("serve: watch %s: %w", dir, err)
	}
	defer stopWatch()
	for {
		select {
		case <-changes:
			b := pb.build(ctx)
			srv.Set(b)
			report(b)
		case err := <-served:
			srv.Close()
			return fmt.Errorf("serve: %w", err)
		case <-ctx.Done():
			srv.Close()
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			hs.Shutdown(shut)
			return nil
		}
	}
}

// previewBuilder builds the show in memory for the preview, as build
// would, and writes nothing: the media prober keeps what it learns in
// memory between builds and never saves it.
type previewBuilder struct {
	e           *env
	dir         string
	root        *os.Root  // dir, which every read stays inside
	at          time.Time // zero: the clock
	probeRemote bool
	net         fetch.Options
	prober      *mediaProber
	gen         int
}

func (pb *previewBuilder) build(ctx context.Context) *preview.Build {
	pb.gen++
	now := pb.e.now()
	b := &preview.Build{Gen: pb.gen, Time: now, Dir: pb.dir}
	if !pb.at.IsZero() {
		now = pb.at
	}
	fail := func(err error) *preview.Build {
		var errs show.Errors
		if errors.As(err, &errs) {
			for _, x := range errs {
				x.File = filepath.Join(pb.dir, x.File)
				b.Errors = append(b.Errors, x.Error())
			}
		} else {
			b.Errors = append(b.Errors, err.Error())
		}
		return b
	}
	def, err := show.Load(pb.root.FS(), ".")
	if def == nil {
		return fail(err)
	}
	var srcs []string
	for _, ep := range def.Episodes {
		if !ep.Draft && ep.Audio != "" {
			srcs = append(srcs, ep.Audio)
		}
	}
	pb.prober.Prefetch(ctx, srcs)
	res, err := show.Build(ctx, def, show.BuildOptions{
		Now:         now,
		Prober:      pb.prober,
		ProbeRemote: pb.probeRemote,
		Generator:   "podfeed " + pb.e.version.Version,
	})
	if err != nil {
		return fail(err)
	}
	files, err := renderOutputs(def, res)
	if err != nil {
		return fail(err)
	}
	b.Files = map[string][]byte{}
	for _, f := range files {
		if f.Data != nil {
			b.Files[f.Name] = f.Data
		}
	}
	b.Channel = res.Channel
	b.Media = pb.root.FS()
	b.FeedURL = def.Show.FeedURL
	b.Links = stylesheet.Links(stylesheetOptions(&def.Show))
	for _, h := range res.Held {
		b.Held = append(b.Held, preview.Held{Slug: h.Slug, Reason: h.Reason, Date: h.Date})
	}

	eps := itemEpisodes(def, res)
	used := map[string]int{}
	for i := range res.Channel.Items {
		it := &res.Channel.Items[i]
		pe := preview.Episode{Item: it}
		if ep := eps[i]; ep != nil {
			pe.File = filepath.Join(pb.dir, filepath.FromSlash(ep.File))
			pe.ID = ep.Slug
			if ep.Audio != "" && !strings.Contains(ep.Audio, "://") {
				pe.Audio = path.Clean(filepath.ToSlash(ep.Audio))
			}
		}
		if pe.ID == "" {
			pe.ID = "item-" + strconv.Itoa(i+1)
		}
		if n := used[pe.ID]; n > 0 {
			pe.ID += "-" + strconv.Itoa(n+1)
		}
		used[pe.ID]++
		b.Episodes = append(b.Episodes, pe)
	}

	// The build's own warnings go where they were found.
	for _, w := range res.Warnings {
		f := preview.Finding{Severity: "warning", Message: w.Msg, Source: (&show.Error{File: filepath.Join(pb.dir, w.File), Line: w.Line, Col: w.Col}).Where()}
		pb.attach(b, eps, w.File, f)
	}
	// The validator's findings, as the build gate sees them.
	feedXML := b.Files["feed.xml"]
	vres, err := validate.Run(ctx, bytes.NewReader(feedXML), validate.Config{Path: "feed.xml", DocsRef: pb.e.version.DocsRef()})
	if err != nil {
		return fail(fmt.Errorf("validate the feed: %w", err))
	}
	layout := xmlspot.New(feedXML)
	said := saidByBuild(res)
	for _, d := range vres.Diagnostics {
		item, place, msg := placeFinding(res, layout, d)
		if said.repeats(pb.dir, d, place) {
			continue // the build's warning above says it at its own place
		}
		f := preview.Finding{
			Severity: d.Severity.String(), Code: d.Code, Message: msg, Hint: d.Hint, URL: d.URL,
			Source: placeString(pb.dir, place),
			Feed:   fmt.Sprintf("feed.xml:%d:%d", d.Pos.Line, d.Pos.Col),
		}
		if item >= 0 && item < len(b.Episodes) {
			b.Episodes[item].Findings = append(b.Episodes[item].Findings, f)
		} else {
			b.Findings = append(b.Findings, f)
		}
	}
	return b
}

// attach puts a finding about show file file under the episode it
// defines, or else under the show.
func (pb *previewBuilder) attach(b *preview.Build, eps []*show.Episode, file string, f preview.Finding) {
	for i, ep := range eps {
		if ep != nil && ep.File == file && file != "podcast.yaml" && file != "podcast.json" {
			b.Episodes[i].Findings = append(b.Episodes[i].Findings, f)
			return
		}
	}
	b.Findings = append(b.Findings, f)
}

// itemEpisodes returns, for each item of the built feed, the episode that
// defines it (nil when none is found): the episode of the item's file, or
// for episodes defined inline in podcast.yaml, the one with its title and
// date.
func itemEpisodes(def *show.Definition, res *show.Result) []*show.Episode {
	out := make([]*show.Episode, len(res.Channel.Items))
	taken := map[*show.Episode]bool{}
	for i := range res.Channel.Items {
		file := res.ItemPlace(i, "").File
		for _, ep := range def.Episodes {
			if !taken[ep] && !ep.Draft && ep.File == file && file != def.ShowFile {
				out[i] = ep
				break
			}
		}
		if out[i] == nil {
			it := &res.Channel.Items[i]
			for _, ep := range def.Episodes {
				if taken[ep] || ep.Draft || ep.Title != it.Title {
					continue
				}
				if d, err := show.ParseDate(ep.Date); err == nil && !d.Equal(it.PubDate) {
					continue
				}
				out[i] = ep
				break
			}
		}
		if out[i] != nil {
			taken[out[i]] = true
		}
	}
	return out
}
