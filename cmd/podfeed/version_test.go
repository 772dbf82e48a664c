package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The version a user sees is the one the build recorded: a binary built
// the way goreleaser builds releases (-X …/internal/version.stamped) says
// that version,
// and its docs links point at that tag.
func TestVersionOfARealBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; not with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build podfeed with")
	}
	bin := filepath.Join(t.TempDir(), "podfeed")
	build := exec.Command(goBin, "build", "-o", bin, "-ldflags", "-X github.com/podfeed/podfeed/internal/version.stamped=v1.4.0", ".")
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^podfeed version v1\.4\.0 \(go1\.\d+`).Match(out) {
		t.Errorf("--version = %q, want podfeed version v1.4.0 (go…)", out)
	}
	out, err = exec.Command(bin, "explain", "rss-no-items").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "\nDocs: https://github.com/podfeed/podfeed/blob/v1.4.0/docs/rules/rss-no-items.md\n") {
		t.Errorf("explain of a v1.4.0 build does not link the v1.4.0 page:\n%s", out)
	}
}
