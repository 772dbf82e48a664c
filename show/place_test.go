package show

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/xmlspot"
)

// TestPlaceOf builds a show, finds elements in the encoded feed and traces
// them back to the definitions.
func TestPlaceOf(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml": {Data: []byte(pinnedShow + "episodes:\n  - title: Inline\n    date: 2025-01-03\n    audio: https://x.org/i.mp3\n    length: 7\n")},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\ntype: audio/mpeg\n"+
			"transcripts:\n  - url: https://x.org/a.vtt\n  - url: https://x.org/a.srt\n", "Some notes.\n\n00:00 Start\n01:00 Middle\n02:00 End\n"),
		"episodes/b.md": ep("title: B\ndate: 2025-01-02\naudio: https://x.org/b.mp3\nlength: 2\n", ""),
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	res, err := Build(context.Background(), def, BuildOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := feed.Encode(&buf, res.Channel); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	l := xmlspot.New(buf.Bytes())
	cases := []struct {
		marker string // found in the feed; the spot is its first byte
		want   string // file:line:col key
		at     int    // the spot is this many bytes into the marker
	}{
		{"<channel>", "podcast.yaml:1:1 ", 0},
		{"<title>Test Show", "podcast.yaml:1:8 title", 0},
		{"<itunes:email>", "podcast.yaml:7:30 owner.email", 0},
		{"<itunes:category", "podcast.yaml:9:14 categories[0]", 0},
		{"<podcast:guid>", "podcast.yaml:11:7 guid", 0},
		{`<enclosure url="https://x.org/i.mp3"`, "podcast.yaml:15:12 audio", 0},
		{`length="7"`, "podcast.yaml:16:13 length", 0},
		{`<enclosure url="https://x.org/b.mp3"`, "episodes/b.md:4:8 audio", 0},
		{`length="2"`, "episodes/b.md:5:9 length", 0},
		{`length="2" type="audio/mpeg"`, "episodes/b.md:4:8 audio", len(`length="2" `)}, // no type given: the audio's
		{`<title>A</title>`, "episodes/a.md:2:8 title", 0},
		{`<content:encoded><![CDATA[<p>Some`, "episodes/a.md:11:1 notes", 0},
		{`<podcast:transcript url="https://x.org/a.srt"`, "episodes/a.md:9:5 transcripts[1]", 0},
		{`<podcast:chapters`, "episodes/a.md:11:1 notes", 0},                             // chapters found in the notes
		{`a.mp3" length="1" type=`, "episodes/a.md:6:7 type", len(`a.mp3" length="1" `)}, // given
	}
	check := func(stage string) {
		t.Helper()
		for _, tc := range cases {
			t.Run(stage+"/"+tc.marker, func(t *testing.T) {
				off := strings.Index(doc, tc.marker)
				if off < 0 {
					t.Fatalf("%q is not in the feed", tc.marker)
				}
				off += tc.at
				line := strings.Count(doc[:off], "\n") + 1
				col := off - strings.LastIndexByte(doc[:off], '\n')
				p, key := res.PlaceOf(l.At(line, col))
				if got := fmt.Sprintf("%s:%d:%d %s", p.File, p.Line, p.Col, key); got != tc.want {
					t.Errorf("PlaceOf(feed %d:%d) = %s, want %s", line, col, got, tc.want)
				}
			})
		}
	}
	check("built")

	// What the build command does once the feed is encoded: the notes go,
	// the places and the summary the subscriber check compares stay.
	sum := feed.SummaryOf(res.Channel)
	titles := map[string]string{}
	for _, e := range def.Episodes {
		titles[e.File] = e.Title
	}
	def.ReleaseNotes()
	res.ReleaseItemText()
	for _, e := range def.Episodes {
		if e.Notes != "" || e.Title != titles[e.File] || e.BodyLine == 0 && e.File == "episodes/a.md" {
			t.Errorf("after ReleaseNotes %s: notes %q, title %q (was %q), body line %d", e.File, e.Notes, e.Title, titles[e.File], e.BodyLine)
		}
	}
	for _, it := range res.Channel.Items {
		if it.Description != "" || it.ContentEncoded != "" {
			t.Errorf("after ReleaseItemText %s: description %q, content:encoded %q", it.Title, it.Description, it.ContentEncoded)
		}
	}
	if got := feed.SummaryOf(res.Channel); !reflect.DeepEqual(got, sum) {
		t.Errorf("summary after the release = %+v, want %+v", got, sum)
	}
	check("released")
}
