package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/podfeed/podfeed/bench/gen"
)

// benchShape is the feed podfeed builds from the generated show: the
// first shape of the table, made by podfeed build rather than bench/gen.
const benchShape = "bench"

func allShapes() []string {
	out := []string{benchShape}
	for _, s := range gen.Shapes() {
		out = append(out, s.Name)
	}
	return out
}

// shapeInput is one generated feed file.
type shapeInput struct {
	shape       string
	scale       int
	file        string
	bytes       int64
	items       int
	what        string
	findings    string // podfeed's summary line
	pod, lint   *kase  // both cores
	pod1, lint1 *kase  // taskset -c 0
}

// inputMeta is stored beside each generated input, so a later run reuses
// it only when it was made the same way.
type inputMeta struct {
	Version int    `json:"version"`
	Corpus  string `json:"corpus"`
	Items   int    `json:"items"`
	Bytes   int64  `json:"bytes"`
}

func readMeta(name string) (inputMeta, bool) {
	var m inputMeta
	b, err := os.ReadFile(name)
	if err != nil || json.Unmarshal(b, &m) != nil {
		return m, false
	}
	return m, true
}

func writeMeta(name string, m inputMeta) error {
	b, _ := json.Marshal(m)
	return os.WriteFile(name, b, 0o644)
}

// showDir makes (or reuses) the generated show of n episodes.
func showDir(p paths, n int, stderr io.Writer) (string, error) {
	dir := filepath.Join(p.out, fmt.Sprintf("show-%d", n))
	meta := dir + ".json"
	if m, ok := readMeta(meta); ok && m.Version == gen.ShapesVersion && m.Items == n {
		if _, err := os.Stat(filepath.Join(dir, "podcast.yaml")); err == nil {
			return dir, nil
		}
	}
	fmt.Fprintf(stderr, "writing the generated show of %d episodes\n", n)
	if err := gen.WriteShowN(dir, n, gen.Seed); err != nil {
		return "", err
	}
	return dir, writeMeta(meta, inputMeta{Version: gen.ShapesVersion, Items: n})
}

// builtFeed builds show (n episodes) with podfeed into a scratch folder
// and copies its feed.xml to file.
func builtFeed(ctx context.Context, p paths, show, file string) error {
	tmp := file + ".build"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, p.podfeed, "build", "--now="+gen.Now.Format(time.RFC3339), "--quiet", "--out", tmp, show)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("podfeed build of %s: %v\n%s", show, err, tail(msg))
	}
	return os.Rename(filepath.Join(tmp, "feed.xml"), file)
}

// prepareShape makes (or reuses) the input of shape at scale.
func prepareShape(ctx context.Context, c config, p paths, shape string, scale int, stderr io.Writer) (*shapeInput, error) {
	dir := filepath.Join(p.out, "shapes")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	in := &shapeInput{shape: shape, scale: scale, file: filepath.Join(dir, fmt.Sprintf("%s-x%d.xml", shape, scale))}
	if shape == benchShape {
		in.what = "the feed podfeed builds from the generated show (10,000 episodes per scale unit, notes from Markdown in CDATA)"
	} else {
		s, ok := gen.ShapeNamed(shape)
		if !ok {
			return nil, fmt.Errorf("unknown shape %q (want %s)", shape, strings.Join(allShapes(), ", "))
		}
		in.what = s.What
	}
	meta := in.file + ".json"
	if m, ok := readMeta(meta); ok && m.Version == gen.ShapesVersion && m.Corpus == c.corpus {
		if fi, err := os.Stat(in.file); err == nil && fi.Size() == m.Bytes {
			in.items, in.bytes = m.Items, m.Bytes
			return in, nil
		}
	}
	fmt.Fprintf(stderr, "writing shape %s at scale %d\n", shape, scale)
	if shape == benchShape {
		n := 10000 * scale
		show, err := showDir(p, n, stderr)
		if err != nil {
			return nil, err
		}
		if err := builtFeed(ctx, p, show, in.file); err != nil {
			return nil, err
		}
		fi, err := os.Stat(in.file)
		if err != nil {
			return nil, err
		}
		in.items, in.bytes = n, fi.Size()
	} else {
		s, _ := gen.ShapeNamed(shape)
		items, size, err := gen.WriteShapeFile(s, float64(scale), c.corpus, in.file)
		if err != nil {
			return nil, err
		}
		in.items, in.bytes = items, size
	}
	return in, writeMeta(meta, inputMeta{Version: gen.ShapesVersion, Corpus: c.corpus, Items: in.items, Bytes: in.bytes})
}

// summary runs podfeed validate once and returns its summary line (the
// counts of findings).
func summary(ctx context.Context, p paths, file string) (string, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, p.podfeed, "validate", "--fail-on", "none", file)
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("podfeed validate %s: %v\n%s", file, err, tail(out.Bytes()))
	}
	line := strings.TrimSpace(out.String())
	if i := strings.LastIndex(line, "\n"); i >= 0 {
		line = line[i+1:]
	}
	if _, after, ok := strings.Cut(line, ".xml: "); ok {
		line = after
	}
	return line, nil
}

func shapesSection(ctx context.Context, c config, p paths, xmllint bool, stderr io.Writer) (string, error) {
	var inputs []*shapeInput
	for _, scale := range c.scales {
		for _, shape := range c.shapes {
			in, err := prepareShape(ctx, c, p, shape, scale, stderr)
			if err != nil {
				return "", err
			}
			if in.findings, err = summary(ctx, p, in.file); err != nil {
				return "", err
			}
			inputs = append(inputs, in)
		}
	}
	var order [][]*kase
	for _, in := range inputs {
		name := fmt.Sprintf("%s ×%d", in.shape, in.scale)
		validate := []string{p.podfeed, "validate", "--fail-on", "none", in.file}
		lint := []string{"xmllint", "--stream", "--noout", in.file}
		in.pod = &kase{name: "podfeed validate " + name, argv: validate, timeout: c.timeout}
		in.lint = &kase{name: "xmllint " + name, argv: lint, timeout: c.timeout, skip: c.xmllintSkip}
		group := []*kase{in.pod, in.lint}
		if c.oneCore {
			in.pod1 = &kase{name: "podfeed validate, one core, " + name, argv: append([]string{"taskset", "-c", "0"}, validate...), timeout: c.timeout}
			in.lint1 = &kase{name: "xmllint, one core, " + name, argv: append([]string{"taskset", "-c", "0"}, lint...), timeout: c.timeout, skip: c.xmllintSkip}
			group = append(group, in.pod1, in.lint1)
		}
		if !xmllint {
			in.lint.skip = c.xmllintSkip
			if in.lint1 != nil {
				in.lint1.skip = c.xmllintSkip
			}
		}
		order = append(order, group)
	}
	var profile func()
	if c.profile {
		profile = func() {
			dir := filepath.Join(p.out, "profiles")
			_ = os.MkdirAll(dir, 0o755)
			for _, in := range inputs {
				base := fmt.Sprintf("validate-%s-x%d", in.shape, in.scale)
				in.pod.env = []string{"PODFEED_CPUPROFILE=" + filepath.Join(dir, base+".prof")}
				if in.pod1 != nil {
					in.pod1.env = []string{"PODFEED_CPUPROFILE=" + filepath.Join(dir, base+"-1core.prof")}
				}
			}
		}
	}
	if err := runRounds(ctx, "shapes", order, c.warmup, c.rounds, profile, stderr); err != nil {
		return "", err
	}
	return shapesTable(c, inputs), nil
}

// cell prints a case's wall or CPU median with its range, or why there
// is none.
func cell(k *kase, cpu bool) string {
	switch {
	case k == nil:
		return "—"
	case k.skip != "":
		return "skipped"
	case k.timedOut && !k.measured():
		return "> " + round(k.timeout) + " (stopped)"
	case !k.measured():
		return "—"
	}
	if cpu {
		return spreadOf(k.cpus)
	}
	s := spreadOf(k.walls)
	if k.timedOut {
		s += ", later runs > " + round(k.timeout)
	}
	return s
}

func rssCell(k *kase) string {
	if k == nil || !k.measured() {
		return "—"
	}
	return mib(medianInt(k.rss))
}

// kratio is a's median over b's (wall or CPU).
func kratio(a, b *kase, cpu bool) string {
	if a == nil || b == nil {
		return "—"
	}
	if b.timedOut && !b.measured() && a.measured() {
		return "> " + ratio(b.timeout, median(a.walls))
	}
	if !a.measured() || !b.measured() {
		return "—"
	}
	if cpu {
		return ratio(median(a.cpus), median(b.cpus)) + roundRange(a.cpus, b.cpus)
	}
	return ratio(median(a.walls), median(b.walls)) + roundRange(a.walls, b.walls)
}

// roundRange is the range of the ratios a[i] ÷ b[i] of the runs made in
// the same round, " (lo–hi)", or "" when the two were not measured in
// every round alike (a case stopped for its time).
func roundRange(a, b []time.Duration) string {
	if len(a) != len(b) || len(a) < 2 {
		return ""
	}
	lo, hi := 0.0, 0.0
	for i := range a {
		if a[i] <= 0 || b[i] <= 0 {
			return ""
		}
		r := a[i].Seconds() / b[i].Seconds()
		if i == 0 || r < lo {
			lo = r
		}
		if i == 0 || r > hi {
			hi = r
		}
	}
	return fmt.Sprintf(" (%.2f–%.2f)", lo, hi)
}

func shapesTable(c config, inputs []*shapeInput) string {
	var b strings.Builder
	b.WriteString("### Validate: podfeed against xmllint, per feed shape\n\n")
	fmt.Fprintf(&b, "`podfeed validate --fail-on none FILE` (every rule, text report) against `xmllint --stream --noout FILE` (libxml2 %s, well-formedness only), each its own process under GNU time; %d measured rounds after %d warm-up, every case once per round, the order rotated from round to round; medians (min–max).\n\n",
		orUnknown(xmllintVersion(context.Background())), c.rounds, c.warmup)
	b.WriteString("| shape | size, items | podfeed wall | xmllint wall | **wall ratio** (xmllint ÷ podfeed) | podfeed CPU | xmllint CPU | **CPU ratio** (podfeed ÷ xmllint) | peak RSS podfeed / xmllint | one core: podfeed wall | one core: xmllint wall | **one-core ratio** (xmllint ÷ podfeed) | podfeed found |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, in := range inputs {
		fmt.Fprintf(&b, "| %s ×%d | %.1f MB, %d | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s |\n",
			in.shape, in.scale, float64(in.bytes)/1e6, in.items,
			cell(in.pod, false), cell(in.lint, false), kratio(in.lint, in.pod, false),
			cell(in.pod, true), cell(in.lint, true), kratio(in.pod, in.lint, true),
			rssCell(in.pod), rssCell(in.lint),
			cell(in.pod1, false), cell(in.lint1, false), kratio(in.lint1, in.pod1, false),
			in.findings)
	}
	b.WriteString("\nRatios: of the medians, then in brackets the lowest and highest of the ratios of the two runs made in the same round. Wall and CPU ratios above 1 favour podfeed in the wall columns (xmllint took longer) and xmllint in the CPU column (podfeed used more CPU). The targets (issue 14): wall ratio ≥ 1 on every shape, CPU ratio ≤ 1.2, one-core ratio ≥ 1, podfeed's peak RSS ≤ 64 MB at scale 10.\n\nThe shapes:\n\n")
	seen := map[string]bool{}
	for _, in := range inputs {
		if !seen[in.shape] {
			seen[in.shape] = true
			fmt.Fprintf(&b, "- **%s**: %s.\n", in.shape, in.what)
		}
	}
	b.WriteString("\n")
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "(version unknown)"
	}
	return s
}
