// Command gendocs writes the rule documentation pages (docs/rules/<code>.md
// and docs/rules/README.md) from the rules' declarations. Run it with
// `go generate ./validate`; validate's tests fail when the pages drift.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/podfeed/podfeed/validate"
)

func main() {
	out := flag.String("out", "docs/rules", "folder to write the pages to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rules := validate.Rules()
	want := map[string]bool{"README.md": true}
	for _, r := range rules {
		name := r.Code + ".md"
		want[name] = true
		if err := os.WriteFile(filepath.Join(out, name), []byte(validate.RuleMarkdown(r)), 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "README.md"), []byte(validate.RulesIndexMarkdown(rules)), 0o644); err != nil {
		return err
	}
	// Remove pages of rules that no longer exist.
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && !want[e.Name()] {
			if err := os.Remove(filepath.Join(out, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
