package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = format
}

// Fatalf records the failure and stops the goroutine, as testing.T does.
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	r.msg = format
	panic(r)
}

func (r *recorder) Fatal(args ...any) { r.Fatalf("fatal") }

// run calls Assert with a recorder and reports whether it failed.
func run(t *testing.T, path string, got []byte, update bool) (failed bool) {
	r := &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != any(r) {
			panic(p)
		}
		failed = r.failed
	}()
	Assert(r, path, got, update)
	return r.failed
}

func TestAssert(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.golden")

	if !run(t, path, []byte("a\n"), false) {
		t.Errorf("a missing golden file passed")
	}
	if run(t, path, []byte("a\n"), true) {
		t.Errorf("-update failed")
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "a\n" {
		t.Errorf("-update wrote %q, %v; want \"a\\n\"", data, err)
	}
	if run(t, path, []byte("a\n"), false) {
		t.Errorf("equal output failed")
	}
	if run(t, path, []byte("a\r\n"), false) {
		t.Errorf("CRLF output failed against an LF golden file")
	}
	if !run(t, path, []byte("b\n"), false) {
		t.Errorf("different output passed")
	}
}
