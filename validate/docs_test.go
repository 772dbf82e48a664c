package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsUpToDate fails when docs/rules drifts from the declarations:
// run `go generate ./validate` after changing a rule.
func TestDocsUpToDate(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	rules := Rules()
	want := map[string]string{"README.md": RulesIndexMarkdown(rules)}
	for _, r := range rules {
		want[r.Code+".md"] = RuleMarkdown(r)
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%v: run go generate ./validate", err)
			continue
		}
		if string(got) != text {
			t.Errorf("docs/rules/%s is out of date: run go generate ./validate", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && want[e.Name()] == "" {
			t.Errorf("docs/rules/%s has no rule: run go generate ./validate", e.Name())
		}
	}
}
