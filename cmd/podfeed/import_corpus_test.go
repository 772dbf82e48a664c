package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/validate"
)

// runCLI runs podfeed as a user would, with args after the program name,
// and returns its exit code, stdout and stderr.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"podfeed"}, args...), strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// importAndBuild is the migrating user's command line, with nothing
// filled in and no prober faked: podfeed import FEED --out DIR, then
// podfeed build --force DIR. It returns the feed build wrote, the time it
// was built at, and whether the build gate found errors (a plain build
// would have stopped there and named them).
func importAndBuild(t *testing.T, feedPath string) ([]byte, time.Time, bool) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "show")
	code, _, stderr := runCLI("import", feedPath, "--out", dir)
	if code != 0 {
		t.Fatalf("podfeed import %s --out %s: exit %d\n%s", feedPath, dir, code, stderr)
	}
	now := time.Now()
	code, _, stderr = runCLI("build", "--force", dir)
	if code != 0 {
		t.Fatalf("podfeed build --force %s: exit %d\n%s", dir, code, stderr)
	}
	built, err := os.ReadFile(filepath.Join(dir, "public", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return built, now, strings.Contains(stderr, "podfeed: --force: writing a feed with")
}

// compareImported reports every difference in meaning between the source
// and the built feed; it returns the comparison for the totals.
func compareImported(t *testing.T, source, built []byte, now time.Time) *importer.Comparison {
	t.Helper()
	c, err := importer.Compare(source, built, importer.CompareOptions{Now: now})
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	for _, d := range c.Differences {
		t.Errorf("lost in import and build: %s", d)
	}
	if c.Items == 0 && c.Skipped == 0 && bytes.Contains(source, []byte("<enclosure")) {
		t.Errorf("compared no item of a feed with enclosures")
	}
	return c
}

// TestImportBuildFull runs importer/testdata/full.xml (every element the
// import models) and the example of docs/import.md through the user's
// command line and compares by meaning. It needs no corpus.
func TestImportBuildFull(t *testing.T) {
	for _, tc := range []struct {
		path                 string
		items, skipped, vals int
	}{
		{filepath.Join(repoRoot(), "importer", "testdata", "full.xml"), 2, 1, 67},
		{filepath.Join(repoRoot(), "examples", "import", "night-shift.xml"), 2, 0, 30},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			src, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			built, now, _ := importAndBuild(t, tc.path)
			c := compareImported(t, src, built, now)
			if c.Items != tc.items || c.Skipped != tc.skipped || c.Fields < tc.vals {
				t.Errorf("compared %d items (%d skipped), %d values: want %d (%d skipped) and at least %d values", c.Items, c.Skipped, c.Fields, tc.items, tc.skipped, tc.vals)
			}
		})
	}
}

// malformed says what the import does with a trait INDEX.tsv calls not
// well-formed: read it leniently and say so in a note, or refuse it with
// the line and column. Decided per trait, not per file.
type malformed struct {
	lenient bool
	note    string // for lenient: a note the import must print
}

// traitOf classifies a not-well-formed corpus feed by the problem INDEX.tsv
// names (expat's words) and, where expat's words cover several traits, by
// the character it points at.
func traitOf(t *testing.T, reason string, data []byte) (string, malformed) {
	t.Helper()
	switch {
	case strings.Contains(reason, "XML or text declaration not at start of entity"):
		return "blank before the XML declaration", malformed{lenient: true, note: "before the XML declaration"}
	case strings.Contains(reason, "unbound prefix"):
		return "undeclared well-known prefix", malformed{lenient: true, note: "is used without an xmlns:"}
	case strings.Contains(reason, "junk after document element"):
		return "text after the root element", malformed{lenient: true, note: "ignored text after the end of the feed"}
	case strings.Contains(reason, "no element found"):
		return "cut off", malformed{}
	case strings.Contains(reason, "mismatched tag"):
		return "mismatched tag", malformed{}
	case strings.Contains(reason, "syntax error"):
		return "not XML where it starts", malformed{}
	case strings.Contains(reason, "invalid token"):
		switch c := charAt(t, reason, data); {
		case c == '&':
			return "bare &", malformed{lenient: true, note: "bare & or unknown entity references as literal text"}
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return "control character", malformed{lenient: true, note: "control character(s) that XML does not allow"}
		default:
			return fmt.Sprintf("invalid token %q", c), malformed{}
		}
	}
	t.Fatalf("INDEX.tsv names a problem no expectation covers: %q (decide what the import does with it)", reason)
	return "", malformed{}
}

var expatPos = regexp.MustCompile(`line (\d+), column (\d+)`)

// charAt returns the byte at the place expat names (line 1-based, column
// 0-based).
func charAt(t *testing.T, reason string, data []byte) byte {
	t.Helper()
	m := expatPos.FindStringSubmatch(reason)
	if m == nil {
		t.Fatalf("no position in %q", reason)
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	s := bufio.NewScanner(bytes.NewReader(data))
	s.Buffer(nil, 16<<20)
	for n := 1; s.Scan(); n++ {
		if l := s.Bytes(); n == line && col < len(l) {
			if col > 0 && l[col-1] == '&' {
				return '&' // expat points past a bare &, at what follows it
			}
			return l[col]
		}
	}
	t.Fatalf("no line %d column %d", line, col)
	return 0
}

// appleErrors runs the apple profile over a feed and returns its errors.
func appleErrors(t *testing.T, data []byte) []validate.Diagnostic {
	t.Helper()
	res, err := validate.Run(context.Background(), bytes.NewReader(data), validate.Config{Profiles: []validate.Profile{validate.ProfileApple}})
	if err != nil {
		t.Fatalf("validate.Run: %v", err)
	}
	var out []validate.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity == validate.Error {
			out = append(out, d)
		}
	}
	return out
}

// TestCorpusImportBuild is issue 11's acceptance test. For every corpus
// feed, the user's command line: podfeed import FEED --out DIR, then
// podfeed build --force DIR, nothing filled in and nothing faked; then
// the source and the built feed are compared by meaning (importer.Compare
// lists what is compared), and a source without apple-profile errors must
// give a feed without them. Feeds INDEX.tsv calls not well-formed are read
// leniently with a note, or refused with line:col, by trait (traitOf).
func TestCorpusImportBuild(t *testing.T) {
	index := corpus.Index(t)
	files := corpus.Files(t, "feeds", "*.xml")
	var (
		mu                                 sync.Mutex
		built, lenient, refused, appleSame int
		plain                              int // builds a plain build would write
		items, fields                      int
		traits                             = map[string][]string{}
	)
	t.Run("feeds", func(t *testing.T) {
		for _, path := range files {
			name := filepath.Base(path)
			entry, listed := index[name]
			if !listed {
				t.Errorf("%s: not in INDEX.tsv", name)
				continue
			}
			t.Run(strings.TrimSuffix(name, ".xml"), func(t *testing.T) {
				t.Parallel()
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !entry.WellFormed {
					trait, want := traitOf(t, entry.Reason, src)
					mu.Lock()
					traits[trait] = append(traits[trait], name)
					mu.Unlock()
					dir := filepath.Join(t.TempDir(), "show")
					code, _, stderr := runCLI("import", path, "--out", dir)
					if !want.lenient {
						if code != 1 {
							t.Fatalf("%s: import exit %d, want 1 (refused)\n%s", trait, code, stderr)
						}
						if !regexp.MustCompile(`import: \S+:\d+:\d+: `).MatchString(stderr) {
							t.Errorf("%s: refusal without line:col: %s", trait, stderr)
						}
						if _, err := os.Stat(dir); err == nil {
							t.Errorf("%s: refused, but %s was written", trait, dir)
						}
						t.Logf("%s: refused: %s", trait, strings.TrimSpace(stderr))
						mu.Lock()
						refused++
						mu.Unlock()
						return
					}
					if code != 0 || !strings.Contains(stderr, want.note) {
						t.Fatalf("%s: import exit %d, want 0 and a note containing %q:\n%s", trait, code, want.note, stderr)
					}
					mu.Lock()
					lenient++
					mu.Unlock()
				}
				out, now, gateErrors := importAndBuild(t, path)
				c := compareImported(t, src, out, now)
				sameApple := false
				if srcErrs := appleErrors(t, src); len(srcErrs) == 0 {
					if errs := appleErrors(t, out); len(errs) > 0 {
						for _, d := range errs {
							t.Errorf("the source has no apple-profile errors; the built feed has %d:%d: %s [%s]", d.Pos.Line, d.Pos.Col, d.Message, d.Code)
						}
					} else {
						sameApple = true
					}
				}
				mu.Lock()
				built++
				if !gateErrors {
					plain++
				}
				items += c.Items
				fields += c.Fields
				if sameApple {
					appleSame++
				}
				mu.Unlock()
			})
		}
	})
	var tr []string
	for k, v := range traits {
		sort.Strings(v)
		tr = append(tr, fmt.Sprintf("%s: %s", k, strings.Join(v, ", ")))
	}
	sort.Strings(tr)
	t.Logf("corpus: %d feeds imported and built with --force (%d read leniently; %d would build with a plain build, the rest stop at the gate naming what to add), %d refused; %d items and %d values compared by meaning; %d apple-clean sources stayed apple-clean\n  not well-formed, by trait:\n  %s",
		built, lenient, plain, refused, items, fields, appleSame, strings.Join(tr, "\n  "))
}
