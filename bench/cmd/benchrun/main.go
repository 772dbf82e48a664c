// Command benchrun prepares the benchmark inputs (bench/gen), runs every
// case as a separate process, interleaved (A B C … A B C …) so that drift
// on a shared machine hits every contender alike, and prints one Markdown
// table of medians: wall time, throughput, peak RSS (from the child's
// rusage) and the ratio to podfeed's row of the same group.
//
// bench/run builds it and the binaries it runs; see docs/benchmarks.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/bench/gen"
	"github.com/podfeed/podfeed/bench/writers"
)

// config is what the flags say.
type config struct {
	episodes, mediaFiles, runs int
	warmup                     int // unmeasured rounds before the runs
	out, bin, fixtures         string
	xmllintSkip                string // why xmllint is not run, when it is not
	command                    string // the command line to print
}

func main() {
	var c config
	flag.IntVar(&c.episodes, "episodes", 10000, "episodes in the generated show")
	flag.IntVar(&c.mediaFiles, "media", 2000, "files in the generated media folder")
	flag.IntVar(&c.runs, "runs", 5, "measured runs of each case")
	flag.IntVar(&c.warmup, "warmup", 1, "unmeasured rounds of every case before the measured ones")
	flag.StringVar(&c.out, "out", "out", "folder for the generated inputs and outputs")
	flag.StringVar(&c.bin, "bin", "out/bin", "folder holding podfeed and benchcase")
	flag.StringVar(&c.fixtures, "fixtures", "../media/testdata", "podfeed's media fixtures")
	flag.StringVar(&c.xmllintSkip, "xmllint-skip", "", "reason xmllint is not run (empty: run it if found)")
	flag.StringVar(&c.command, "command", "bench/run", "the command line to print with the table")
	flag.Parse()
	if err := run(context.Background(), c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "benchrun: %v\n", err)
		os.Exit(2)
	}
}

// kase is one contender: a command run as its own process.
type kase struct {
	group, name string
	argv        []string
	before      func() error // run before each run, not measured
	useWork     bool         // rank by the work time the case reports, not wall time
	baseline    bool         // not a contender: no ratio
	bytes       int64        // input or output size; 0: as the case reports
	items       int
	unit        string // "items" or "files"
	note        string
	skip        string // non-empty: not run, and why

	walls, works []time.Duration
	rss          []int64 // KiB
	cpus         []time.Duration
	reported     result
}

// result is benchcase's JSON line.
type result struct {
	WorkNS int64 `json:"work_ns"`
	Bytes  int64 `json:"bytes"`
	Items  int   `json:"items"`
}

func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	out, bin := abs(c.out), abs(c.bin)
	podfeed, benchcase := filepath.Join(bin, "podfeed"), filepath.Join(bin, "benchcase")

	// Inputs: the show folder, its feed (built by podfeed, the file every
	// parser reads), the media folder.
	fmt.Fprintf(stderr, "preparing %d episodes and %d media files under %s\n", c.episodes, c.mediaFiles, out)
	showDir := filepath.Join(out, "show")
	if err := gen.WriteShow(showDir, gen.Episodes(c.episodes, gen.Seed, true)); err != nil {
		return err
	}
	feedFile := filepath.Join(out, "feed.xml")
	buildOut := filepath.Join(out, "build")
	nowFlag := "--now=" + gen.Now.Format(time.RFC3339)
	if err := os.RemoveAll(buildOut); err != nil {
		return err
	}
	prep := exec.CommandContext(ctx, podfeed, "build", nowFlag, "--quiet", "--out", buildOut, showDir)
	if msg, err := prep.CombinedOutput(); err != nil {
		return fmt.Errorf("podfeed build of the generated show: %v\n%s", err, msg)
	}
	if err := copyFile(filepath.Join(buildOut, "feed.xml"), feedFile); err != nil {
		return err
	}
	fi, err := os.Stat(feedFile)
	if err != nil {
		return err
	}
	feedSize := fi.Size()
	mediaDir := filepath.Join(out, "mediashow")
	mediaNames, mediaSize, err := gen.WriteMedia(mediaDir, c.fixtures, c.mediaFiles)
	if err != nil {
		return err
	}
	var findings bytes.Buffer
	v := exec.CommandContext(ctx, podfeed, "validate", "--fail-on", "none", feedFile)
	v.Stdout, v.Stderr = &findings, &findings
	if err := v.Run(); err != nil {
		return fmt.Errorf("podfeed validate of the generated feed: %v\n%s", err, findings.Bytes())
	}
	summary := "findings printed"
	for _, line := range strings.Split(findings.String(), "\n") {
		if _, after, ok := strings.Cut(line, ".xml: "); ok && strings.Contains(after, " errors, ") {
			summary = "finds " + after
		}
	}

	n := c.episodes
	ncase := func(name string) []string {
		return []string{benchcase, name, "-n", strconv.Itoa(n), "-out", filepath.Join(out, name+".xml")}
	}
	removeCache := func() error { return os.RemoveAll(filepath.Join(mediaDir, ".podfeed")) }
	cases := []*kase{
		{group: "generate", name: "podfeed feed.Encode", argv: ncase("write-podfeed"), useWork: true, items: n, unit: "items",
			note: "writes every field of the show"},
		{group: "generate", name: "eduncan911/podcast v1.4.2", argv: ncase("write-eduncan"), useWork: true, items: n, unit: "items",
			note: "cannot write " + writers.CannotEduncan},
		{group: "generate", name: "gorilla/feeds v1.2.0", argv: ncase("write-gorilla"), useWork: true, items: n, unit: "items",
			note: "cannot write " + writers.CannotGorilla},
		{group: "generate", name: "(records only: the input every writer starts from)", argv: []string{benchcase, "records", "-n", strconv.Itoa(n)}, items: n, unit: "items", baseline: true,
			note: "baseline of the three processes above: generating the episodes in memory"},

		{group: "build", name: "podfeed build (CLI: load, render Markdown, validate, write)", argv: []string{podfeed, "build", nowFlag, "--quiet", "--out", buildOut, showDir},
			before: func() error { return os.RemoveAll(buildOut) }, bytes: feedSize, items: n, unit: "items",
			note: "first build into an empty folder; the build's validation gate included"},
		{group: "build", name: "show.Load + show.Build + feed.Encode (library)", argv: []string{benchcase, "build-lib", "-show", showDir, "-out", filepath.Join(out, "build-lib.xml")},
			items: n, unit: "items", note: "the same without the CLI's validation gate and outputs"},

		{group: "parse/validate", name: "podfeed validate (whole process, every rule)", argv: []string{podfeed, "validate", "--fail-on", "none", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: summary + "; well-formedness included"},
		{group: "parse/validate", name: "mmcdole/gofeed v1.4.2 (parse only)", argv: []string{benchcase, "gofeed", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "builds the whole feed in memory, judges nothing"},
		{group: "parse/validate", name: "encoding/xml Token() + InputPos() (Go floor)", argv: []string{benchcase, "xmltoken", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "tokens only, judges nothing"},
		{group: "parse/validate", name: "xmllint --stream --noout (libxml2, C)", argv: []string{"xmllint", "--stream", "--noout", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "well-formedness only", skip: c.xmllintSkip},

		{group: "media", name: "podfeed probe through the cache, cold (no .podfeed/cache.json)", argv: []string{benchcase, "probe", mediaDir}, before: removeCache, bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "media/cache.Files.ProbeAll, as podfeed build does; the files are in the page cache"},
		{group: "media", name: "podfeed probe through the cache, cached (second run)", argv: []string{benchcase, "probe", mediaDir}, bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "every file matches its cached size and mtime: none is opened"},
		{group: "media", name: "podfeed probe --json (CLI, no cache)", argv: append([]string{podfeed, "probe", "--json"}, absNames(mediaDir, mediaNames)...), bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "prints every result as JSON"},
	}
	if c.xmllintSkip == "" {
		if _, err := exec.LookPath("xmllint"); err != nil {
			cases[9].skip = "xmllint not found"
		} else if v := xmllintVersion(ctx); v != "" {
			cases[9].name = "xmllint --stream --noout (libxml2 " + v + ", C)"
		}
	}

	load0 := loadavg()
	for round := 1 - c.warmup; round <= c.runs; round++ {
		if round <= 0 {
			fmt.Fprintf(stderr, "warm-up round\n")
		} else {
			fmt.Fprintf(stderr, "round %d of %d\n", round, c.runs)
		}
		for _, k := range cases {
			if k.skip != "" {
				continue
			}
			if err := k.once(ctx, round > 0); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
		}
	}
	load1 := loadavg()

	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %d cores (%s), %s, %s; load average %s at the start, %s at the end. %s UTC.\n\n",
		runtime.NumCPU(), uname(), cpuModel(), runtime.Version(), load0, load1, time.Now().UTC().Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "Command: `%s` (%d episodes, feed %.1f MB; %d media files, %.1f MB; medians of %d runs, %s, cases interleaved).\n\n",
		c.command, c.episodes, float64(feedSize)/1e6, len(mediaNames), float64(mediaSize)/1e6, c.runs, warmups(c.warmup))
	b.WriteString("| group | case | time | min–max | CPU | MB/s | items/s | peak RSS | × podfeed | notes |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	var ref *kase
	for i, k := range cases {
		if i == 0 || cases[i-1].group != k.group {
			ref = k
		}
		if k.skip != "" {
			fmt.Fprintf(&b, "| %s | %s | — | — | — | — | — | — | — | skipped: %s |\n", k.group, k.name, k.skip)
			continue
		}
		t := k.time()
		size := k.bytes
		if size == 0 {
			size = k.reported.Bytes
		}
		mbs := "—"
		if size > 0 {
			mbs = fmt.Sprintf("%.0f", float64(size)/1e6/t.Seconds())
		}
		ratio := "1.00"
		switch {
		case k.baseline:
			ratio = "—"
		case k != ref:
			ratio = fmt.Sprintf("%.2f", t.Seconds()/ref.time().Seconds())
		}
		how := "wall"
		if k.useWork {
			how = fmt.Sprintf("in process; wall %s", round(median(k.walls)))
		}
		lo, hi := k.spread()
		fmt.Fprintf(&b, "| %s | %s | %s (%s) | %s–%s | %s | %s | %.0f %s/s | %.0f MiB | %s | %s |\n",
			k.group, k.name, round(t), how, round(lo), round(hi), round(median(k.cpus)), mbs, float64(k.items)/t.Seconds(), k.unit, float64(medianInt(k.rss))/1024, ratio, k.note)
	}
	b.WriteString("\n" + legend)
	if err := os.WriteFile(filepath.Join(out, "table.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

const legend = `time: median (min–max: the fastest and slowest run); "in process" is the time the generate case reports for mapping the ` +
	`episodes into its writer's model and writing the feed to a file (the process first generates the ` +
	`episodes, as the "records only" row shows); every other time is the whole process, start to exit. ` +
	`CPU: median user + system time of the whole process (above the wall time when it runs on both cores). ` +
	`MB/s: bytes written (generate), read (parse/validate) or probed files' total size (media), over that time. ` +
	`peak RSS: median of the processes' maximum resident set sizes; CPU and RSS from GNU time. ` +
	`× podfeed: time over the first row of the group (below 1: faster than podfeed).` + "\n"

// timeBin is GNU time, which reports the peak RSS of what it runs.
const timeBin = "/usr/bin/time"

// once runs k one time and, when keep is set, records the measurements.
func (k *kase) once(ctx context.Context, keep bool) error {
	if k.before != nil {
		if err := k.before(); err != nil {
			return err
		}
	}
	// /usr/bin/time forks the case from its own small process: the peak
	// RSS of a child that Go starts directly (with vfork) would count
	// this parent's resident memory too.
	rssFile := filepath.Join(os.TempDir(), fmt.Sprintf("benchrun-rss-%d", os.Getpid()))
	argv := append([]string{timeBin, "-f", "%M %U %S", "-o", rssFile}, k.argv...)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return fmt.Errorf("%v\n%s", err, tail(stderr.Bytes()))
	}
	rb, err := os.ReadFile(rssFile)
	if err != nil {
		return fmt.Errorf("peak RSS: %w", err)
	}
	_ = os.Remove(rssFile)
	rss, cpu, err := parseTime(string(rb))
	if err != nil {
		return fmt.Errorf("%s output %q: %w", timeBin, rb, err)
	}
	if !keep {
		return nil
	}
	k.walls = append(k.walls, wall)
	k.rss = append(k.rss, rss) // KiB
	k.cpus = append(k.cpus, cpu)
	if filepath.Base(k.argv[0]) == "benchcase" {
		var r result
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			return fmt.Errorf("benchcase output %q: %w", stdout.Bytes(), err)
		}
		if r.Items != k.items {
			return fmt.Errorf("handled %d %s, want %d", r.Items, k.unit, k.items)
		}
		k.reported = r
		k.works = append(k.works, time.Duration(r.WorkNS))
	}
	return nil
}

// time is the median the row is ranked by.
func (k *kase) time() time.Duration {
	if k.useWork {
		return median(k.works)
	}
	return median(k.walls)
}

// parseTime reads GNU time's "%M %U %S": peak RSS in KiB, then user and
// system CPU seconds, added up.
func parseTime(s string) (int64, time.Duration, error) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return 0, 0, errors.New("want peak RSS, user and system time")
	}
	f = f[len(f)-3:] // a failing command adds a line before
	rss, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0, 0, err
	}
	var cpu time.Duration
	for _, x := range f[1:] {
		sec, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return 0, 0, err
		}
		cpu += time.Duration(sec * float64(time.Second))
	}
	return rss, cpu, nil
}

// spread is the fastest and slowest of the runs the row is ranked by.
func (k *kase) spread() (time.Duration, time.Duration) {
	ds := k.walls
	if k.useWork {
		ds = k.works
	}
	if len(ds) == 0 {
		return 0, 0
	}
	return slices.Min(ds), slices.Max(ds)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianInt(xs []int64) int64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func round(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f ms", float64(d)/1e6)
}

// absNames joins each slash name to dir.
func absNames(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, filepath.FromSlash(n))
	}
	return out
}

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func warmups(n int) string {
	switch n {
	case 0:
		return "no warm-up"
	case 1:
		return "after 1 warm-up round"
	}
	return fmt.Sprintf("after %d warm-up rounds", n)
}

// xmllintVersion is libxml2's version as xmllint reports it ("20914"
// becomes "2.9.14"), or "" when it cannot be told.
func xmllintVersion(ctx context.Context) string {
	out, _ := exec.CommandContext(ctx, "xmllint", "--version").CombinedOutput()
	_, after, ok := strings.Cut(string(out), "libxml version ")
	if !ok {
		return ""
	}
	f := strings.Fields(after)
	if len(f) == 0 {
		return ""
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d.%d.%d", n/10000, n/100%100, n%100)
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func uname() string {
	b, err := exec.Command("uname", "-m").Output()
	if err != nil {
		return runtime.GOARCH
	}
	return strings.TrimSpace(string(b))
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "CPU unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "CPU unknown"
}
