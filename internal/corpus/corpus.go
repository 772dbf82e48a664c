// Package corpus hands tests the shared corpus of real feeds and chapter
// files, found at $PODFEED_CORPUS (.ci/run sets it to ../shared/corpus).
//
// It is imported by tests only and imports no podfeed package, so any
// package's tests can use it.
package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the corpus folder. It skips the test when PODFEED_CORPUS is
// not set, saying how to run it, so that go test ./... passes on a fresh
// clone with nothing beside it; it fails the test when PODFEED_CORPUS
// names a folder that is not there, since whoever set it meant the
// corpus tests to run.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PODFEED_CORPUS")
	if dir == "" {
		t.Skip("real-feed corpus test skipped: PODFEED_CORPUS is not set (run PODFEED_CORPUS=/path/to/shared/corpus go test ./...; .ci/run sets it to ../shared/corpus)")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("PODFEED_CORPUS=%s is not a folder (%v): point it at the shared corpus, or unset it to skip the corpus tests", dir, err)
	}
	return dir
}

// Files returns the files of the corpus folder sub (such as "feeds")
// whose names match pattern. It skips the test when PODFEED_CORPUS is not
// set, and fails it when the folder holds no such file.
func Files(t testing.TB, sub, pattern string) []string {
	t.Helper()
	dir := filepath.Join(Dir(t), sub)
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s in %s (err %v)", pattern, dir, err)
	}
	return files
}

// Each calls f with the path and contents of every file Files returns.
func Each(t testing.TB, sub, pattern string, f func(path string, data []byte)) {
	t.Helper()
	for _, path := range Files(t, sub, pattern) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f(path, data)
	}
}

// Entry is one row of the corpus's INDEX.tsv.
type Entry struct {
	File string // the file name in feeds/ or chapters/
	// WellFormed is false when the well_formed column says NO; Reason is
	// the rest of that column then ("no element found: line 122, column
	// 0", as expat words it, with 0-based columns).
	WellFormed bool
	Reason     string
	Kind       string // "feed", "chapters", "psc"
}

// Index reads INDEX.tsv, keyed by file name. It skips the test when
// PODFEED_CORPUS is not set and fails it when the index cannot be read.
func Index(t testing.TB) map[string]Entry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(Dir(t), "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[h] = i
	}
	for _, h := range []string{"file", "well_formed", "kind"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("INDEX.tsv has no %s column", h)
		}
	}
	out := map[string]Entry{}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		get := func(h string) string {
			if i := col[h]; i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		wf := get("well_formed")
		e := Entry{File: get("file"), WellFormed: strings.HasPrefix(wf, "yes"), Kind: get("kind")}
		if !e.WellFormed {
			e.Reason = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(wf, "NO"), ":"))
		}
		out[e.File] = e
	}
	return out
}
