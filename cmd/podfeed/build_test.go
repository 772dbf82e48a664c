package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// exampleCopy copies the example show to a temporary folder, so tests never
// write into the repository (the build keeps its media cache in the show).
func exampleCopy(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "lantern-hour")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(repoRoot(), "examples", "lantern-hour"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

// buildExample builds a copy of the example show into out and returns
// the exit code and stderr.
func buildExample(t *testing.T, out string, extra ...string) (int, string) {
	t.Helper()
	return buildShow(t, exampleCopy(t), out, extra...)
}

func buildShow(t *testing.T, dir, out string, extra ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"podfeed", "build", "--now", "2025-11-25T00:00:00Z", "--out", out}, extra...)
	args = append(args, dir)
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	return code, stderr.String()
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestExampleGolden builds the example show and compares every output file
// with testdata/golden/lantern-hour (refresh with -update).
func TestExampleGolden(t *testing.T) {
	out := t.TempDir()
	if code, stderr := buildExample(t, out); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	got := readTree(t, out)
	goldenDir := filepath.Join("testdata", "golden", "lantern-hour")
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := readTree(t, goldenDir)
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("build did not write %s", name)
		}
	}
	for name, data := range got {
		w, ok := want[name]
		if !ok {
			t.Errorf("build wrote %s, which has no golden file (run go test -update)", name)
			continue
		}
		if !bytes.Equal(data, w) {
			t.Errorf("%s differs from its golden file (run go test -update and review the diff)", name)
		}
	}
}

// TestBuildTwiceSameBytes: a second build of unchanged definitions gives
// byte-identical outputs, and does not trip the subscriber-safety check.
func TestBuildTwiceSameBytes(t *testing.T) {
	out := t.TempDir()
	show := exampleCopy(t)
	if code, stderr := buildShow(t, show, out); code != 0 {
		t.Fatalf("first build exit %d:\n%s", code, stderr)
	}
	first := readTree(t, out)
	// The second build answers from the media cache the first one wrote.
	if _, err := os.Stat(filepath.Join(show, ".podfeed", "cache.json")); err != nil {
		t.Errorf("no media cache after the first build: %v", err)
	}
	if code, stderr := buildShow(t, show, out); code != 0 {
		t.Fatalf("second build exit %d:\n%s", code, stderr)
	}
	second := readTree(t, out)
	if len(first) != len(second) {
		t.Fatalf("first build wrote %d files, second %d", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s changed between two builds of the same input", name)
		}
	}
}

// TestExampleSurvivesGofeed parses the example feed with gofeed, a widely
// used reader, and checks every field the example sets comes through.
func TestExampleSurvivesGofeed(t *testing.T) {
	out := t.TempDir()
	if code, stderr := buildExample(t, out); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	f, err := os.Open(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("title", feed.Title, "The Lantern Hour")
	check("link", feed.Link, "https://lanternhour.example.org/")
	check("feed link", feed.FeedLink, "https://lanternhour.example.org/feed.xml")
	check("language", feed.Language, "en-gb")
	check("copyright", feed.Copyright, "© 2025 Maren Holt. Some rights reserved.")
	it := feed.ITunesExt
	if it == nil {
		t.Fatal("no itunes extension")
	}
	check("itunes:author", it.Author, "Maren Holt")
	check("itunes:explicit", it.Explicit, "false")
	check("itunes:type", it.Type, "episodic")
	check("itunes:image", it.Image, "https://media.lanternhour.example.org/artwork/lantern-hour-3000.jpg")
	check("itunes:owner email", it.Owner.Email, "maren@lanternhour.example.org")
	if len(it.Categories) != 2 || it.Categories[1].Subcategory == nil || it.Categories[1].Subcategory.Text != "Places & Travel" {
		t.Errorf("itunes categories = %+v", it.Categories)
	}
	pc := feed.Extensions["podcast"]
	for _, tag := range []string{"guid", "locked", "funding", "person", "location", "license", "medium", "updateFrequency", "podroll", "txt", "value"} {
		if len(pc[tag]) == 0 {
			t.Errorf("channel lost podcast:%s", tag)
		}
	}
	if len(feed.Items) != 4 {
		t.Fatalf("items = %d, want 4 (one scheduled, one draft held back)", len(feed.Items))
	}
	titles := []string{"Fog Signals", "Fresnel's Lens: Bending Light Across the Sea", "The Keepers of Skerryvore", "Welcome to The Lantern Hour"}
	for i, want := range titles {
		check("item title", feed.Items[i].Title, want)
	}
	trailer := feed.Items[3]
	check("trailer episodeType", trailer.ITunesExt.EpisodeType, "trailer")
	check("trailer duration", trailer.ITunesExt.Duration, "12") // probed from the file
	check("trailer length", trailer.Enclosures[0].Length, "36494")
	fresnel := feed.Items[1]
	check("guid", fresnel.GUID, "lantern-hour-002")
	check("enclosure", fresnel.Enclosures[0].URL, "https://media.lanternhour.example.org/audio/lantern-hour-002.mp3")
	check("length", fresnel.Enclosures[0].Length, "50331648")
	check("season", fresnel.ITunesExt.Season, "1")
	check("episode", fresnel.ITunesExt.Episode, "2")
	ipc := fresnel.Extensions["podcast"]
	if got := len(ipc["transcript"]); got != 2 {
		t.Errorf("transcripts = %d, want 2", got)
	}
	if got := len(ipc["person"]); got != 2 {
		t.Errorf("persons = %d, want 2", got)
	}
	for _, tag := range []string{"location", "soundbite", "license"} {
		if len(ipc[tag]) == 0 {
			t.Errorf("item lost podcast:%s", tag)
		}
	}
	if !strings.Contains(fresnel.Content, "<strong>Dr. Ines Carvalho</strong>") {
		t.Errorf("content:encoded lost the rendered notes: %q", fresnel.Content)
	}
}

// TestBuildPreviousExitCodes: what --previous fails on decides the exit
// code: a network or I/O failure is 2, a document that is not a whole
// feed, or a feed the new one would break, is 1. Nothing is written.
func TestBuildPreviousExitCodes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			io.WriteString(w, `<rss version="2.0"><channel><title>t</title><item><guid>gone</guid><title>Gone</title></item></channel></rss>`)
		case "/cut.xml":
			io.WriteString(w, `<rss version="2.0"><channel><title>t</title><item><guid>a</guid></item><item><gu`)
		case "/page.html":
			io.WriteString(w, `<html><body>moved</body></html>`)
		case "/broken":
			w.Header().Set("Content-Length", "1000")
			io.WriteString(w, `<rss version="2.0"><channel>`) // the connection ends early
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	for _, tc := range []struct {
		previous string
		code     int
	}{
		{srv.URL + "/feed.xml", exitInvalid},
		{srv.URL + "/cut.xml", exitInvalid},
		{srv.URL + "/page.html", exitInvalid},
		{srv.URL + "/missing.xml", exitUsage},
		{srv.URL + "/broken", exitUsage},
		{"http://127.0.0.1:1/feed.xml", exitUsage},
		{filepath.Join(t.TempDir(), "none.xml"), exitUsage},
	} {
		t.Run(tc.previous, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			code, stderr := buildExample(t, out, "--previous", tc.previous, "--allow-private")
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the output folder exists after a refused build (%v)", err)
			}
		})
	}
}

// TestGateCapsPerRule: a rule that fires on every episode prints its first
// findings and counts the rest, so thousands of episodes do not mean
// thousands of lines.
func TestGateCapsPerRule(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "show")
	if err := os.MkdirAll(filepath.Join(dir, "episodes"), 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := "title: Many\ndescription: Many episodes.\nlanguage: en\nlink: https://example.org/\nfeed_url: https://example.org/feed.xml\n" +
		"guid: bab2ba12-9757-5da6-a770-0e70e6bcf214\nauthor: A\nowner: {name: A, email: a@example.org}\nimage: https://example.org/a.jpg\ncategories: [Technology]\nexplicit: false\n"
	if err := os.WriteFile(filepath.Join(dir, "podcast.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	const n = perRuleShown + 7
	for i := range n {
		ep := fmt.Sprintf("---\ntitle: Episode %d\ndate: 2025-01-%02d\naudio: https://example.org/%d.ogg\ntype: audio/ogg\nlength: 30000000\nduration: \"30:00\"\n---\nNotes.\n", i, 1+i%28, i)
		if err := os.WriteFile(filepath.Join(dir, "episodes", fmt.Sprintf("e%02d.md", i)), []byte(ep), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stderr := buildShow(t, dir, filepath.Join(t.TempDir(), "out"))
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d:\n%s", code, exitInvalid, stderr)
	}
	for _, code := range []string{"apple-media-format", "apple-type-extension-mismatch"} {
		if got := strings.Count(stderr, "["+code+"] (feed.xml:"); got != perRuleShown {
			t.Errorf("%s findings printed: %d, want %d", code, got, perRuleShown)
		}
		if want := fmt.Sprintf("podfeed: 7 more findings of [%s] not shown\n", code); !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stderr, fmt.Sprintf("the new feed has %d validation errors", n)) {
		t.Errorf("the error count is not of every finding:\n%s", stderr)
	}
}
