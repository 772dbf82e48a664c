package importer

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/podfeed/podfeed/show"
	"github.com/podfeed/podfeed/validate"
)

// The importer itself must not import validate (see doc.go); its tests use
// validate as an independent oracle for issue 6's "builds cleanly under
// podfeed validate --profile apple".

// appleErrors runs the apple profile over a feed and returns its errors
// (warnings and infos do not make a feed unclean).
func appleErrors(t *testing.T, name string, data []byte) []validate.Diagnostic {
	t.Helper()
	res, err := validate.Run(context.Background(), bytes.NewReader(data), validate.Config{
		Profiles: []validate.Profile{validate.ProfileApple},
		Path:     name,
	})
	if err != nil {
		t.Fatalf("validate.Run %s: %v", name, err)
	}
	var out []validate.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity == validate.Error {
			out = append(out, d)
		}
	}
	return out
}

func formatDiags(ds []validate.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %d:%d: %s (%s)", d.Pos.Line, d.Pos.Col, d.Message, d.Code)
	}
	return b.String()
}

// TestCorpusAppleClean checks issue 6's "the imported show builds cleanly
// under podfeed validate --profile apple" honestly: for every corpus feed
// whose source has no apple-profile errors, the feed that build writes
// from its import has none either. Feeds whose source has errors are
// counted and left out: the import repairs some problems, not all, and a
// podcaster must fix the rest in the show definitions.
func TestCorpusAppleClean(t *testing.T) {
	dir, wellFormed := corpusFeeds(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu                   sync.Mutex
		checked, sourceDirty int
		eligible             int
		withStandIns         []string
	)
	t.Run("feeds", func(t *testing.T) {
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".xml") {
				continue
			}
			if _, lenient := lenientImport[name]; !wellFormed[name] && !lenient {
				continue // refused by the import: TestCorpusRoundTrip checks that
			}
			eligible++
			t.Run(strings.TrimSuffix(name, ".xml"), func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				srcErrs := appleErrors(t, name, data)
				res, err := Parse(data, Options{})
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				before := res.Show
				built, ok := buildImported(t, name, res)
				if len(srcErrs) > 0 {
					mu.Lock()
					sourceDirty++
					mu.Unlock()
					after := "does not build"
					if ok {
						errs := appleErrors(t, "feed.xml", built)
						after = fmt.Sprintf("%d in the feed built from its import", len(errs))
						if filled := standInsUsed(before, res.Show); len(filled) > 0 {
							after += ", with stand-ins for " + strings.Join(filled, ", ")
						}
						after += formatDiags(errs)
					}
					t.Logf("not checked: the source has %d apple-profile errors (%s)", len(srcErrs), after)
					return
				}
				if !ok {
					t.Fatalf("%s does not build: a clean source must", name)
				}
				if filled := standInsUsed(before, res.Show); len(filled) > 0 {
					mu.Lock()
					withStandIns = append(withStandIns, name+" ("+strings.Join(filled, ", ")+")")
					mu.Unlock()
				}
				if errs := appleErrors(t, "feed.xml", built); len(errs) > 0 {
					t.Errorf("the source has no apple-profile errors, the feed built from its import has %d:%s", len(errs), formatDiags(errs))
				}
				mu.Lock()
				checked++
				mu.Unlock()
			})
		}
	})
	t.Logf("apple profile: %d feeds with an apple-clean source checked, %d left out (source has apple-profile errors)", checked, sourceDirty)
	if len(withStandIns) > 0 {
		sort.Strings(withStandIns)
		t.Logf("stand-ins used for clean sources: %s", strings.Join(withStandIns, "; "))
	}
	if checked == 0 && checked+sourceDirty == eligible && !t.Failed() { // not when -run picked a few
		t.Error("no corpus feed has an apple-clean source: the test checked nothing")
	}
}

// standInsUsed names the fields standIns filled in after.
func standInsUsed(before, after show.Show) []string {
	var out []string
	for _, f := range []struct {
		key     string
		changed bool
	}{
		{"feed_url", before.FeedURL != after.FeedURL},
		{"author", before.Author != after.Author},
		{"language", before.Language != after.Language},
		{"categories", len(before.Categories) != len(after.Categories)},
		{"image", before.Image != after.Image},
	} {
		if f.changed {
			out = append(out, f.key)
		}
	}
	return out
}
