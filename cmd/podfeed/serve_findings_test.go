package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/internal/version"
)

// TestServeSaysRelativeLinkOnce: podfeed serve, like build, says a
// relative link in show notes once, at its own line and column; the
// validator's rss-relative-link findings for the same episode file (one
// per element, at the notes' first line) are not listed again. A relative
// link the build does not warn about (none in this show) would still be.
func TestServeSaysRelativeLinkOnce(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"podcast.yaml": "title: Links\ndescription: Notes with links.\nlanguage: en\nfeed_url: https://example.org/feed.xml\n" +
			"guid: bab2ba12-9757-5da6-a770-0e70e6bcf214\nauthor: Someone\nimage: https://example.org/art.jpg\n" +
			"owner: {name: Someone, email: someone@example.org}\ncategories: [Technology]\nexplicit: false\n",
		"episodes/one.md": "---\ntitle: One\ndate: 2025-01-01\naudio: https://example.org/one.mp3\nlength: 1000\nduration: \"30:00\"\nguid: one\n---\nSee [the page](/about) for more.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, now: time.Now, version: version.Read()}
	pb := &previewBuilder{e: e, dir: dir, root: root, at: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), net: fetch.Options{}}
	pb.prober = newMediaProber(e, dir, root, false, fetch.Options{})
	b := pb.build(context.Background())
	if len(b.Errors) > 0 {
		t.Fatalf("build errors: %v", b.Errors)
	}
	if len(b.Episodes) != 1 {
		t.Fatalf("%d episodes, want 1", len(b.Episodes))
	}
	var said, repeated int
	for _, f := range append(b.Findings, b.Episodes[0].Findings...) {
		switch {
		case f.Code == "rss-relative-link":
			repeated++
		case strings.Contains(f.Message, `relative link "/about"`):
			said++
			if want := filepath.Join(dir, "episodes", "one.md") + ":9:"; !strings.HasPrefix(f.Source, want) {
				t.Errorf("the link's warning is at %s, want %s…", f.Source, want)
			}
		}
	}
	if said != 1 || repeated != 0 {
		t.Errorf("the relative link is said %d times by the build and %d times by rss-relative-link; want once, by the build", said, repeated)
	}
}
