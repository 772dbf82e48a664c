package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Assert compares got with the file at path. With update set it writes got
// to path first (creating its folder), so the comparison then passes. Line
// endings are normalized to \n on both sides before comparing. A missing
// file fails the test with a hint to run with -update; a difference is
// reported as a diff (-want +got).
func Assert(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(normalize(want)), string(normalize(got))); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// normalize turns CRLF line endings into LF.
func normalize(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}
