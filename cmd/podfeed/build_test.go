package main

import (
	"bytes"
	"context"
	"io/fs"
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
