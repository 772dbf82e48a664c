package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/podfeed/podfeed/bench/gen"
)

// buildRow is one show size's build cases.
type buildRow struct {
	episodes       int
	first, rebuild *kase
	lib            *kase
	feedBytes      int64
}

func buildSection(ctx context.Context, c config, p paths, stderr io.Writer) (string, error) {
	var rows []*buildRow
	var order [][]*kase
	for _, n := range c.buildSizes {
		show, err := showDir(p, n, stderr)
		if err != nil {
			return "", err
		}
		out := filepath.Join(p.out, fmt.Sprintf("build-%d", n))
		// --max-size: the rebuild reads the feed the first build wrote,
		// and at 100,000 episodes (426 MB) that passes the default cap on
		// a previous feed (256 MB), which would refuse the rebuild.
		argv := []string{p.podfeed, "build", "--now=" + gen.Now.Format(time.RFC3339), "--quiet", "--max-size", "2GB", "--out", out, show}
		clean := func() error {
			if err := os.RemoveAll(out); err != nil {
				return err
			}
			return os.RemoveAll(filepath.Join(show, ".podfeed"))
		}
		r := &buildRow{episodes: n}
		r.first = &kase{name: fmt.Sprintf("podfeed build, %d episodes, first build", n), argv: argv, before: clean, timeout: c.timeout}
		r.rebuild = &kase{name: fmt.Sprintf("podfeed build, %d episodes, unchanged rebuild", n), argv: argv, timeout: c.timeout}
		r.lib = &kase{name: fmt.Sprintf("show.Load + show.Build + feed.Encode, %d episodes", n),
			argv:  []string{p.benchcase, "build-lib", "-show", show, "-out", filepath.Join(p.out, fmt.Sprintf("build-lib-%d.xml", n))},
			items: n, unit: "items", timeout: c.timeout}
		rows = append(rows, r)
		// the rebuild runs right after the first build it rebuilds
		order = append(order, []*kase{r.first, r.rebuild}, []*kase{r.lib})
	}
	var profile func()
	if c.profile {
		profile = func() {
			dir := filepath.Join(p.out, "profiles")
			_ = os.MkdirAll(dir, 0o755)
			for _, r := range rows {
				r.first.env = []string{"PODFEED_CPUPROFILE=" + filepath.Join(dir, fmt.Sprintf("build-%d-first.prof", r.episodes))}
				r.rebuild.env = []string{"PODFEED_CPUPROFILE=" + filepath.Join(dir, fmt.Sprintf("build-%d-rebuild.prof", r.episodes))}
			}
		}
	}
	if err := runRounds(ctx, "build", order, c.warmup, c.rounds, profile, stderr); err != nil {
		return "", err
	}
	for _, r := range rows {
		if fi, err := os.Stat(filepath.Join(p.out, fmt.Sprintf("build-%d", r.episodes), "feed.xml")); err == nil {
			r.feedBytes = fi.Size()
		}
	}
	return buildTable(c, rows), nil
}

func buildTable(c config, rows []*buildRow) string {
	var b strings.Builder
	b.WriteString("### Build: the generated show\n\n")
	fmt.Fprintf(&b, "`podfeed build --now=… --quiet --max-size 2GB --out DIR SHOW` on the generated show (about 2 KB of Markdown notes per episode, remote media: nothing to probe), the validation gate included; a first build into an empty folder (no cache), then an unchanged rebuild over its output. %d measured rounds after %d warm-up; medians (min–max).\n\n", c.rounds, c.warmup)
	b.WriteString("| episodes | feed | first build, wall | CPU | peak RSS | unchanged rebuild, wall | CPU | peak RSS | rebuild ÷ first | library calls only, wall | peak RSS |\n")
	b.WriteString("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %.1f MB | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.episodes, float64(r.feedBytes)/1e6,
			cell(r.first, false), cell(r.first, true), rssCell(r.first),
			cell(r.rebuild, false), cell(r.rebuild, true), rssCell(r.rebuild),
			kratio(r.rebuild, r.first, false),
			cell(r.lib, false), rssCell(r.lib))
	}
	if len(rows) >= 2 {
		small, big := rows[0], rows[len(rows)-1]
		if small.first.measured() && big.first.measured() {
			fmt.Fprintf(&b, "\n%d episodes took %s× the time of %d (first builds, medians; linear would be %d×).\n",
				big.episodes, ratio(median(big.first.walls), median(small.first.walls)), small.episodes, big.episodes/small.episodes)
		}
	}
	b.WriteString("\nTargets (issue 14): 10,000 episodes ≤ 0.6 s and ≤ 200 MB; 100,000 in ≤ 10× the 10,000 time and ≤ 600 MB; a rebuild at most as slow as the first build.\n\n")
	return b.String()
}
