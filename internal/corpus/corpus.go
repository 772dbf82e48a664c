// Package corpus hands tests the shared corpus of real feeds and chapter
// files, found at $PODFEED_CORPUS (.ci/run sets it to ../shared/corpus).
//
// It is imported by tests only and imports no podfeed package, so any
// package's tests can use it.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder, and skips the test when PODFEED_CORPUS
// is not set.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PODFEED_CORPUS")
	if dir == "" {
		t.Skip("PODFEED_CORPUS is not set: no corpus to read")
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
