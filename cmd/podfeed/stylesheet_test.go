package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/validate"
)

const stylesheetPI = `<?xml-stylesheet type="text/xsl" href="feed.xsl"?>` + "\n"

// TestStylesheetOnByDefault builds the example as a user would, with and
// without feed_stylesheet: false, and checks what is written: feed.xsl
// and its instruction by default, neither when turned off, and otherwise
// the same feed byte for byte.
func TestStylesheetOnByDefault(t *testing.T) {
	on := t.TempDir()
	if code, stderr := buildExample(t, on); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	dir := exampleCopy(t)
	appendFile(t, filepath.Join(dir, "podcast.yaml"), "feed_stylesheet: false\n")
	off := t.TempDir()
	if code, stderr := buildShow(t, dir, off); code != 0 {
		t.Fatalf("build with feed_stylesheet: false exit %d:\n%s", code, stderr)
	}
	withPI := readFile(t, filepath.Join(on, "feed.xml"))
	without := readFile(t, filepath.Join(off, "feed.xml"))
	if !bytes.Contains(withPI, []byte("?>\n"+stylesheetPI+"<rss ")) {
		t.Errorf("the default build's feed does not link feed.xsl right after the declaration:\n%s", withPI[:200])
	}
	if bytes.Contains(without, []byte("xml-stylesheet")) {
		t.Errorf("feed_stylesheet: false still links a stylesheet")
	}
	if got := bytes.Replace(withPI, []byte(stylesheetPI), nil, 1); !bytes.Equal(got, without) {
		t.Errorf("the feeds differ by more than the instruction")
	}
	if _, err := os.Stat(filepath.Join(on, "feed.xsl")); err != nil {
		t.Errorf("the default build wrote no feed.xsl: %v", err)
	}
	if _, err := os.Stat(filepath.Join(off, "feed.xsl")); err == nil {
		t.Errorf("feed_stylesheet: false wrote feed.xsl")
	}

	// What the validator says through the CLI, and what a client parser
	// reads, is the same with and without the stylesheet.
	// The instruction blanked out keeps every position where it was.
	blank := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(blank, blankPI(withPI), 0o644); err != nil {
		t.Fatal(err)
	}
	vOn, vOff := validateJSON(t, filepath.Join(on, "feed.xml")), validateJSON(t, blank)
	if diff := cmp.Diff(vOff, vOn); diff != "" {
		t.Errorf("validate --format json differs with the stylesheet (-without +with):\n%s", diff)
	}
	if diff := cmp.Diff(feedJSON(t, gofeedParse(t, without)), feedJSON(t, gofeedParse(t, withPI))); diff != "" {
		t.Errorf("gofeed reads the feed differently with the stylesheet (-without +with):\n%s", diff)
	}
}

// TestStylesheetInvisibleOnCorpus puts the instruction into every corpus
// feed and checks that the validator's findings and gofeed's reading are
// those of the same feed with the instruction blanked out.
func TestStylesheetInvisibleOnCorpus(t *testing.T) {
	n := 0
	corpus.Each(t, "feeds", "*.xml", func(path string, data []byte) {
		with, blank, ok := insertPI(data)
		if !ok {
			return // not a document with a declaration line to put it after
		}
		n++
		name := filepath.Base(path)
		a := findings(t, blank)
		b := findings(t, with)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%s: findings differ with the stylesheet (-without +with):\n%s", name, diff)
		}
		fa, errA := gofeed.NewParser().ParseString(string(blank))
		fb, errB := gofeed.NewParser().ParseString(string(with))
		if (errA == nil) != (errB == nil) {
			t.Errorf("%s: gofeed error %v without, %v with the stylesheet", name, errA, errB)
			return
		}
		if errA == nil {
			if diff := cmp.Diff(feedJSON(t, fa), feedJSON(t, fb)); diff != "" {
				t.Errorf("%s: gofeed reads differently with the stylesheet (-without +with):\n%s", name, diff)
			}
		}
	})
	if n < 50 {
		t.Errorf("only %d corpus feeds had a declaration line to test with", n)
	}
}

// insertPI puts the instruction after the XML declaration: on a line of
// its own when the declaration ends its line, as build writes it, else on
// the declaration's line. It returns the document with the instruction,
// and the same with the instruction's characters turned into spaces, so
// that every position in the two is the same: white space between the
// declaration and the root is nothing, so the second is the feed without
// the stylesheet.
func insertPI(data []byte) (with, blank []byte, ok bool) {
	if !bytes.HasPrefix(data, []byte("<?xml ")) || bytes.Contains(data, []byte("<?xml-stylesheet")) {
		return nil, nil, false
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || bytes.IndexByte(data[:end], '\n') >= 0 {
		return nil, nil, false
	}
	end += 2
	pi := stylesheetPI
	if bytes.HasPrefix(data[end:], []byte("\n")) {
		end++
	} else {
		pi = " " + strings.TrimSuffix(pi, "\n") + " "
	}
	with = append(append(append([]byte{}, data[:end]...), pi...), data[end:]...)
	return with, blankPI(with), true
}

// blankPI turns the stylesheet instruction in data into spaces.
func blankPI(data []byte) []byte {
	pi := strings.TrimSuffix(stylesheetPI, "\n")
	return bytes.Replace(data, []byte(pi), bytes.Repeat([]byte(" "), len(pi)), 1)
}

func findings(t *testing.T, data []byte) []validate.Diagnostic {
	t.Helper()
	res, err := validate.Run(context.Background(), bytes.NewReader(data), validate.Config{Path: "feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Diagnostics
}

type jsonFindings struct {
	Findings []map[string]any `json:"findings"`
	Summary  map[string]any   `json:"summary"`
}

func validateJSON(t *testing.T, path string) jsonFindings {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"podfeed", "validate", "--format", "json", "--all", path}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("validate %s: exit %d\n%s", path, code, stderr.String())
	}
	var r jsonFindings
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) == 0 {
		t.Fatalf("validate %s found nothing: the comparison would prove nothing", path)
	}
	return r
}

func gofeedParse(t *testing.T, data []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// feedJSON is everything gofeed read (its exported fields), to compare.
func feedJSON(t *testing.T, f *gofeed.Feed) string {
	t.Helper()
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func appendFile(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
