package validate

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus.golden")

// TestCorpus validates every feed of $PODFEED_CORPUS/feeds with every
// profile: no panic, no rule failure, and per feed the count of findings
// of each rule must match testdata/corpus.golden (go test -run TestCorpus
// -update rewrites it; review the diff before committing).
func TestCorpus(t *testing.T) {
	files := corpus.Files(t, "feeds", "*.xml")
	var sb strings.Builder
	sb.WriteString("# Findings per rule for each corpus feed (go test ./validate -run TestCorpus -update).\n")
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), fh, Config{Path: filepath.Base(f)})
		fh.Close()
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		counts := map[string]int{}
		for _, d := range res.Diagnostics {
			if d.Code == "internal-error" {
				t.Errorf("%s: %s", filepath.Base(f), d.Message)
			}
			if d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Errorf("%s: %s at %d:%d", filepath.Base(f), d.Code, d.Pos.Line, d.Pos.Col)
			}
			counts[d.Code] += d.Occurrences()
		}
		codes := make([]string, 0, len(counts))
		for c := range counts {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		fmt.Fprintf(&sb, "\n%s items=%d well-formed=%v\n", filepath.Base(f), res.Document.ItemCount, res.WellFormed)
		for _, c := range codes {
			fmt.Fprintf(&sb, "\t%s %d\n", c, counts[c])
		}
	}
	corpus.Each(t, "chapters", "*.json", func(f string, data []byte) {
		res := Chapters(data, Config{Path: filepath.Base(f)})
		counts := map[string]int{}
		for _, d := range res.Diagnostics {
			counts[d.Code]++
		}
		codes := make([]string, 0, len(counts))
		for c := range counts {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		fmt.Fprintf(&sb, "\n%s chapter-file valid=%v\n", filepath.Base(f), res.WellFormed)
		for _, c := range codes {
			fmt.Fprintf(&sb, "\t%s %d\n", c, counts[c])
		}
	})
	golden := filepath.Join("testdata", "corpus.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := sb.String(); got != string(want) {
		t.Errorf("corpus findings changed (go test ./validate -run TestCorpus -update, then review the diff):\n%s", lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) or only in got (+), per feed.
func lineDiff(want, got string) string {
	feedOf := func(s string) map[string]string {
		m := map[string]string{}
		feed := ""
		for _, l := range strings.Split(s, "\n") {
			if l != "" && !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, "#") {
				feed = strings.Fields(l)[0]
			}
			m[feed+"|"+l] = feed
		}
		return m
	}
	w, g := feedOf(want), feedOf(got)
	var out []string
	for k := range w {
		if _, ok := g[k]; !ok {
			out = append(out, "- "+strings.Replace(k, "|", ": ", 1))
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			out = append(out, "+ "+strings.Replace(k, "|", ": ", 1))
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// TestPipelineMatchesSerial checks that running the hooks on their own
// goroutine changes nothing: every fixture and corpus feed gives the same
// findings both ways.
func TestPipelineMatchesSerial(t *testing.T) {
	sameFindingsEitherWay(t, "pipelined and serial runs", func(e *engine) { e.serial = true })
}

// sameFindingsEitherWay validates every fixture and corpus feed with the
// engine as it is and as change leaves it, and reports each feed whose
// findings differ; runs names the two ways in the message.
func sameFindingsEitherWay(t *testing.T, runs string, change func(*engine)) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.xml"))
	if dir := os.Getenv("PODFEED_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "feeds", "*.xml"))
		files = append(files, more...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var got [2][]Diagnostic
		for i, changed := range []bool{false, true} {
			e := newEngine(context.Background(), &Config{Path: f}, Rules())
			if changed {
				change(e)
			}
			e.doc.Path = f
			res, err := e.run(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			got[i] = res.Diagnostics
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("%s: %s differ (%d and %d findings)", f, runs, len(got[0]), len(got[1]))
		}
	}
}
