package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/show"
)

// TestChapterTitlesRoundTrip: whatever a Podlove chapter title holds (any
// script, umlauts, markup characters, a time or a date of its own, a
// speaker label, emphasis marks), the chapters the import writes are read
// back by build with the same start and title.
func TestChapterTitlesRoundTrip(t *testing.T) {
	titles := []string{
		"Grüße aus Köln – Straße", "Ärger über Öl", "東京の夜", "Ночь · Утро", "مرحبا", "🎙️ Intro",
		"Kapitel 2: 10:00 Uhr Nachrichten", "2024-05-01", "v1.2.3 released", "[Intro]", "(Teil 1)",
		"Q&A <live>", "**bold** and _it_", "Alice: Hi there", "- Listenpunkt", "12:34", "# Überschrift",
		"Link https://example.com/x", " spaced  out ", "Über [03.00]", "Titel | mit | Pipes |",
	}
	var chs strings.Builder
	for i, title := range titles {
		fmt.Fprintf(&chs, `<psc:chapter start="%d" title="%s"/>`, i*60, escapeAttr(title))
	}
	src := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:psc="http://podlove.org/simple-chapters"><channel><title>T</title>` +
		`<item><title>A</title><guid>a</guid><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate>` +
		`<enclosure url="https://x.example.com/a.mp3" length="1000" type="audio/mpeg"/>` +
		`<psc:chapters version="1.2">` + chs.String() + `</psc:chapters></item></channel></rss>`
	r := mustParse(t, []byte(src), Options{})
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(dir, files, false); err != nil {
		t.Fatal(err)
	}
	def, err := show.Load(os.DirFS(dir), ".")
	if err != nil {
		data, _ := os.ReadFile(filepath.Join(dir, r.Episodes[0].File))
		t.Fatalf("Load: %v\n%s", err, data)
	}
	res, err := show.Build(context.Background(), def, show.BuildOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	psc := res.Channel.Items[0].PSC
	if len(psc) != len(titles) {
		t.Fatalf("%d chapters built, want %d", len(psc), len(titles))
	}
	for i, c := range psc {
		if want := strings.TrimSpace(titles[i]); c.Title != want || c.Start != time.Duration(i)*time.Minute {
			t.Errorf("chapter %d = %s %q, want %s %q", i+1, c.Start, c.Title, time.Duration(i)*time.Minute, want)
		}
	}
}

func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(s)
}
