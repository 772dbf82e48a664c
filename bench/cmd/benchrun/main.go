// Command benchrun prepares the benchmark inputs (bench/gen), runs every
// case as a separate process, interleaved (A B C … A B C …) so that drift
// on a shared machine hits every contender alike, and prints Markdown
// tables of medians with their ranges: wall and CPU time, peak RSS (GNU
// time) and ratios to the peer measured in the same rounds.
//
// Three sections, each optional (-sections):
//
//   - shapes: podfeed validate against xmllint --stream --noout on every
//     feed shape of bench/gen (and the feed podfeed builds from the
//     generated show), at each scale (1 and 10: about 30-60 and 300-600
//     MB), on both cores and on one (taskset -c 0);
//   - build: podfeed build of the generated show at each size, a first
//     build into an empty folder and an unchanged rebuild, and the
//     library calls alone;
//   - peers: the feed writers, parsers and media probing side by side.
//
// bench/run builds it and the binaries it runs; see docs/benchmarks.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// config is what the flags say.
type config struct {
	episodes, mediaFiles, runs int // peers section
	warmup                     int // unmeasured rounds before the runs (every section)
	rounds                     int // measured rounds of the shapes and build sections
	shapes                     []string
	scales                     []int
	buildSizes                 []int
	oneCore                    bool
	sections                   map[string]bool
	timeout                    time.Duration
	out, bin, fixtures, corpus string
	profile                    bool
	xmllintSkip                string // why xmllint is not run, when it is not
	command                    string // the command line to print
}

func main() {
	var c config
	var shapes, scales, sizes, sections string
	flag.IntVar(&c.episodes, "episodes", 10000, "peers: episodes in the generated show")
	flag.IntVar(&c.mediaFiles, "media", 2000, "peers: files in the generated media folder")
	flag.IntVar(&c.runs, "runs", 5, "peers: measured runs of each case")
	flag.IntVar(&c.warmup, "warmup", 1, "unmeasured rounds of every case before the measured ones")
	flag.IntVar(&c.rounds, "rounds", 10, "shapes and build: measured rounds")
	flag.StringVar(&shapes, "shapes", strings.Join(allShapes(), ","), "shapes: the feed shapes, comma-separated")
	flag.StringVar(&scales, "scales", "1,10", "shapes: scales, comma-separated (1: 30-60 MB, 10: 300-600 MB)")
	flag.StringVar(&sizes, "build-episodes", "10000,100000", "build: show sizes in episodes, comma-separated")
	flag.BoolVar(&c.oneCore, "one-core", true, "shapes: also run podfeed and xmllint on one core (taskset -c 0)")
	flag.StringVar(&sections, "sections", "shapes,build,peers", "sections to run, comma-separated")
	flag.DurationVar(&c.timeout, "timeout", 5*time.Minute, "a run longer than this stops its case (reported as timed out)")
	flag.StringVar(&c.out, "out", "out", "folder for the generated inputs and outputs")
	flag.StringVar(&c.bin, "bin", "out/bin", "folder holding podfeed and benchcase")
	flag.StringVar(&c.fixtures, "fixtures", "../media/testdata", "podfeed's media fixtures")
	flag.StringVar(&c.corpus, "corpus", "", "the shared corpus folder for the corpus shape (empty: the sample bench/gen ships)")
	flag.BoolVar(&c.profile, "profile", false, "write a CPU profile of every podfeed run of the last round to OUT/profiles (PODFEED_CPUPROFILE)")
	flag.StringVar(&c.xmllintSkip, "xmllint-skip", "", "reason xmllint is not run (empty: run it if found)")
	flag.StringVar(&c.command, "command", "bench/run", "the command line to print with the tables")
	flag.Parse()
	var err error
	c.shapes = splitList(shapes)
	if c.scales, err = intList(scales); err == nil {
		c.buildSizes, err = intList(sizes)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchrun: %v\n", err)
		os.Exit(2)
	}
	c.sections = map[string]bool{}
	for _, s := range splitList(sections) {
		if s != "shapes" && s != "build" && s != "peers" {
			fmt.Fprintf(os.Stderr, "benchrun: unknown section %q (want shapes, build, peers)\n", s)
			os.Exit(2)
		}
		c.sections[s] = true
	}
	if err := run(context.Background(), c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "benchrun: %v\n", err)
		os.Exit(2)
	}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// paths are the binaries and folders every section uses.
type paths struct {
	out, bin, podfeed, benchcase string
}

func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	p := paths{out: abs(c.out), bin: abs(c.bin)}
	p.podfeed, p.benchcase = filepath.Join(p.bin, "podfeed"), filepath.Join(p.bin, "benchcase")
	if c.corpus != "" {
		c.corpus = abs(c.corpus)
	}
	xmllint := c.xmllintSkip == ""
	if xmllint {
		if _, err := exec.LookPath("xmllint"); err != nil {
			c.xmllintSkip = "xmllint not found"
			xmllint = false
		}
	}

	var b strings.Builder
	load0 := loadavg()
	fmt.Fprintf(&b, "Machine: %d cores (%s), %s, %s; load average %s at the start",
		runtime.NumCPU(), uname(), cpuModel(), runtime.Version(), load0)
	var body strings.Builder
	if c.sections["shapes"] {
		t, err := shapesSection(ctx, c, p, xmllint, stderr)
		if err != nil {
			return fmt.Errorf("shapes: %w", err)
		}
		body.WriteString(t)
	}
	if c.sections["build"] {
		t, err := buildSection(ctx, c, p, stderr)
		if err != nil {
			return fmt.Errorf("build: %w", err)
		}
		body.WriteString(t)
	}
	if c.sections["peers"] {
		t, err := peersSection(ctx, c, p, stderr)
		if err != nil {
			return fmt.Errorf("peers: %w", err)
		}
		body.WriteString(t)
	}
	fmt.Fprintf(&b, ", %s at the end. %s UTC.\n\nCommand: `%s`.\n\n", loadavg(), time.Now().UTC().Format("2006-01-02 15:04"), c.command)
	b.WriteString(body.String())
	if err := os.WriteFile(filepath.Join(p.out, "table.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	_, err := io.WriteString(stdout, b.String())
	return err
}

// rounds runs every case of cases rounds times after warmup unmeasured
// rounds. Each round starts one case further along the list, so that no
// case always runs right after the same neighbour; groups that must stay
// in order (a rebuild after its build) are one entry of order.
func runRounds(ctx context.Context, what string, order [][]*kase, warmup, rounds int, lastRound func(), stderr io.Writer) error {
	for round := 1 - warmup; round <= rounds; round++ {
		if round <= 0 {
			fmt.Fprintf(stderr, "%s: warm-up round\n", what)
		} else {
			fmt.Fprintf(stderr, "%s: round %d of %d (load %s)\n", what, round, rounds, loadavg())
		}
		if round == rounds && lastRound != nil {
			lastRound()
		}
		start := 0
		if round > 0 {
			start = (round - 1) % len(order)
		}
		for i := range order {
			for _, k := range order[(start+i)%len(order)] {
				if err := k.once(ctx, round > 0); err != nil {
					return fmt.Errorf("%s: %w", k.name, err)
				}
			}
		}
	}
	return nil
}

// absNames joins each slash name to dir.
func absNames(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, filepath.FromSlash(n))
	}
	return out
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
