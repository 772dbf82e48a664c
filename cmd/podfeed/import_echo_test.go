package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import echoes what it read from a feed only as short excerpts: a feed
// whose title and item titles are a megabyte each (and carry a terminal
// escape) prints a few hundred bytes to stderr, not megabytes.
func TestImportEchoesExcerpts(t *testing.T) {
	big := strings.Repeat("Very long title \u009b31m ", 1<<16) // 1.4 MB, with a CSI escape
	feed := `<?xml version="1.0"?>
<rss version="2.0"><channel><title>` + big + `</title><link>https://example.org/</link>
<description>d</description>
<item><title>` + big + `</title><enclosure url="https://example.org/1.mp3" length="1" type="audio/mpeg"/><pubDate>never</pubDate></item>
</channel></rss>`
	dir := t.TempDir()
	in := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(in, []byte(feed), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"podfeed", "import", "--out", filepath.Join(dir, "show"), in}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("import exit %d: %.2000s", code, stderr.String())
	}
	got := stderr.String()
	if len(got) > 4<<10 {
		t.Errorf("import printed %d bytes to stderr, want at most 4 KB:\n%.1000s", len(got), got)
	}
	if strings.Contains(got, "\u009b") {
		t.Errorf("import echoed a terminal escape from the feed: %q", got)
	}
	if !strings.Contains(got, `"Very long title \u009b31m Very long title`) || !strings.Contains(got, "…") {
		t.Errorf("import stderr does not quote the title as an excerpt:\n%s", got)
	}
}

// An error about the input quotes it as an excerpt too.
func TestImportErrorExcerpt(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "feed.xml")
	enc := strings.Repeat("x", 1<<20)
	if err := os.WriteFile(in, []byte(`<?xml version="1.0" encoding="`+enc+`"?><rss/>`), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"podfeed", "import", "--out", filepath.Join(dir, "show"), in}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != 1 || stderr.Len() > 1<<10 || !strings.Contains(stderr.String(), "unknown character encoding") {
		t.Errorf("import exit %d, %d bytes on stderr, want 1 and a short error: %.300s", code, stderr.Len(), stderr.String())
	}
}
