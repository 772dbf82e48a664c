package importer

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/show"
)

// buildImport imports data and builds the show in memory: a unit-test
// stand-in for the CLI flow, which cmd/podfeed's acceptance tests run.
func buildImport(t *testing.T, data []byte) []byte {
	t.Helper()
	r := mustParse(t, data, Options{})
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
		t.Fatalf("Load: %v", err)
	}
	res, err := show.Build(context.Background(), def, show.BuildOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var b bytes.Buffer
	if err := feed.Encode(&b, res.Channel); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCompare: the built feed of testdata/full.xml means what the source
// means, and every kind of loss in it is caught, named by its field.
func TestCompare(t *testing.T) {
	src, err := os.ReadFile("testdata/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	built := string(buildImport(t, src))
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c, err := Compare(src, []byte(built), CompareOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Differences {
		t.Errorf("unexpected difference: %s", d)
	}
	if c.Items != 2 || c.Skipped != 1 {
		t.Errorf("compared %d items, skipped %d; want 2 and the draft", c.Items, c.Skipped)
	}
	tests := []struct {
		name, old, new, field string
	}{
		{"item lost", `<guid isPermaLink="false">lantern-001</guid>`, `<guid isPermaLink="false">other</guid>`, "guid"},
		{"title", `<title>The Long Night: Part 1</title>`, `<title>The Long Night</title>`, "title"},
		{"enclosure url", `url="https://cdn.example.com/ep1.mp3"`, `url="https://cdn.example.com/ep1.m4a"`, "enclosure url"},
		{"enclosure length", `length="12345678"`, `length="0"`, "enclosure length"},
		{"enclosure type", `length="12345678" type="audio/mpeg"`, `length="12345678" type="audio/mp4"`, "enclosure type"},
		{"date", `<pubDate>Wed, 01 May 2024 16:00:00 +0000</pubDate>`, `<pubDate>Wed, 01 May 2024 09:00:00 +0000</pubDate>`, "pubDate"},
		{"duration", `<itunes:duration>3723</itunes:duration>`, `<itunes:duration>3720</itunes:duration>`, "itunes:duration"},
		{"odd duration added up", `<itunes:duration>3605</itunes:duration>`, `<itunes:duration>3725</itunes:duration>`, "itunes:duration"},
		{"season", `<itunes:season>1</itunes:season>`, ``, "itunes:season"},
		{"episode", `<itunes:episode>1</itunes:episode>`, `<itunes:episode>2</itunes:episode>`, "itunes:episode"},
		{"episode type", `<itunes:episodeType>bonus</itunes:episodeType>`, `<itunes:episodeType>full</itunes:episodeType>`, "itunes:episodeType"},
		{"explicit", `<itunes:explicit>false</itunes:explicit>
      <itunes:season>`, `<itunes:explicit>true</itunes:explicit>
      <itunes:season>`, "itunes:explicit"},
		{"item author", `<author>ada@lantern.example.com (Ada Lantern)</author>`, ``, "author"},
		{"item category", `<category>Stories</category>`, ``, "category"},
		{"comments", `<comments>https://lantern.example.com/1#comments</comments>`, ``, "comments"},
		{"source", `<source url="https://lantern.example.com/original.xml">The Lantern Archive</source>`, ``, "source"},
		{"managingEditor", `<managingEditor>ed@lantern.example.com (Ed Itor)</managingEditor>`, ``, "managingEditor"},
		{"webMaster", `<webMaster>web@lantern.example.com</webMaster>`, `<webMaster>other@example.com</webMaster>`, "webMaster"},
		{"chapter title in another script", `title="東京の夜 · Ночь"`, `title="??? · ????"`, "psc:chapters"},
		{"notes text", `<li>One &amp; two</li>`, `<li>One</li>`, "notes (text)"},
		{"channel category", `<itunes:category text="Leisure"/>`, ``, "itunes:category"},
		{"podcast:person", `>Bob</podcast:person>`, `>Robert</podcast:person>`, "podcast:person"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(built, tt.old) {
				t.Fatalf("the built feed has no %q", tt.old)
			}
			c, err := Compare(src, []byte(strings.Replace(built, tt.old, tt.new, 1)), CompareOptions{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range c.Differences {
				if d.Field == tt.field {
					return
				}
			}
			t.Errorf("no %s difference found; differences: %v", tt.field, c.Differences)
		})
	}
	// An item dated after the build is held back, not lost.
	c, err = Compare(src, []byte(built), CompareOptions{Now: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Items != 1 || c.Skipped != 2 || len(c.Differences) != 0 {
		t.Errorf("with Now before the second item: %d items, %d skipped, %v", c.Items, c.Skipped, c.Differences)
	}
}
