package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's first screen stays true: its commands are the ones that
// work on a fresh clone. The podfeed commands in its first code block run
// here as written (on a copy of the example show); the test command is
// plain go test ./..., which passes with nothing beside the checkout
// because the corpus tests skip (internal/corpus tests that).
func TestREADMEFirstScreen(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```sh\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```sh block")
	}
	var ran, tests int
	for _, line := range strings.Split(block, "\n") {
		cmd, _, _ := strings.Cut(line, "#")
		f := strings.Fields(cmd)
		switch {
		case len(f) >= 3 && f[0] == "go" && f[1] == "run" && f[2] == "./cmd/podfeed":
			args := f[3:]
			for i, a := range args {
				if a == "examples/lantern-hour" {
					args[i] = exampleCopy(t)
				}
			}
			code, stdout, stderr := runCLI(args...)
			if code != 0 {
				t.Errorf("README's %q: exit %d\n%s%s", strings.TrimSpace(cmd), code, stdout, stderr)
			}
			ran++
		case len(f) == 3 && f[0] == "go" && f[1] == "test" && f[2] == "./...":
			tests++
		}
	}
	if ran == 0 || tests == 0 {
		t.Errorf("README's first block has %d podfeed commands and %d plain 'go test ./...': want both", ran, tests)
	}
}
