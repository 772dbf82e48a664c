package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestCatalogue checks every declared rule: unique kebab-case code, the
// documentation fields filled in, known profiles, and fixtures on disk.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	rules := Rules()
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	for i, r := range rules {
		if i > 0 && rules[i-1].Code > r.Code {
			t.Errorf("Rules() not sorted: %s before %s", rules[i-1].Code, r.Code)
		}
		if seen[r.Code] {
			t.Errorf("duplicate code %q", r.Code)
		}
		seen[r.Code] = true
		if !kebab.MatchString(r.Code) {
			t.Errorf("%q is not kebab-case", r.Code)
		}
		for field, v := range map[string]string{"Title": r.Title, "Doc": r.Doc, "Hint": r.Hint, "Source": r.Source, "Since": r.Since, "Bad": r.Bad, "Good": r.Good} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", r.Code, field)
			}
		}
		if r.Severity < Info || r.Severity > Error {
			t.Errorf("%s: severity %d out of range", r.Code, r.Severity)
		}
		if len(r.Profiles) == 0 {
			t.Errorf("%s: no profiles", r.Code)
		}
		for _, p := range r.Profiles {
			if _, ok := ParseProfile(string(p)); !ok {
				t.Errorf("%s: unknown profile %q", r.Code, p)
			}
		}
		if r.Channel == nil && r.Item == nil && r.Finish == nil && !reportedByEngine(r.Code) {
			t.Errorf("%s: no hook, and the engine does not report it", r.Code)
		}
		dir := filepath.Join("testdata", r.Code)
		bad, _ := filepath.Glob(filepath.Join(dir, "bad_*"))
		ok, _ := filepath.Glob(filepath.Join(dir, "ok_*"))
		if len(bad) == 0 || len(ok) == 0 {
			t.Errorf("%s: want at least one bad_ and one ok_ fixture in %s (have %d, %d)", r.Code, dir, len(bad), len(ok))
		}
		if Lookup(r.Code) == nil {
			t.Errorf("Lookup(%q) = nil", r.Code)
		}
	}
	if Lookup("no-such-rule") != nil {
		t.Error("Lookup of an unknown code returned a rule")
	}
	// Every fixture folder belongs to a rule.
	dirs, _ := os.ReadDir("testdata")
	for _, d := range dirs {
		if d.IsDir() && kebab.MatchString(d.Name()) && !seen[d.Name()] && !strings.HasPrefix(d.Name(), "engine") {
			t.Errorf("testdata/%s: no rule has this code", d.Name())
		}
	}
}
