package xmlspot

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const feedDoc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Show &amp; more</title>
    <description><![CDATA[<p>a <item> that is text</p>]]></description>
    <itunes:category text="Arts">
      <itunes:category text="Books"/>
    </itunes:category>
    <itunes:category text="History"/>
    <podcast:person role="host">Zoë Åström 東京</podcast:person><podcast:location geo="geo:1,2">Köln</podcast:location>
    <item>
      <title>One</title>
      <enclosure url="https://e.org/1.mp3?a=1&amp;b=>" length="10" type="audio/mpeg"/>
    </item>
    <!-- <item> in a comment -->
    <item>
      <title>Two</title>
      <podcast:transcript url="https://e.org/a.vtt" type="text/vtt"/>
      <podcast:transcript url="https://e.org/b.srt" type="application/x-subrip"/>
      <content:encoded><![CDATA[<p>line one
line two ]]]]><![CDATA[> still text</p>]]></content:encoded>
    </item>
  </channel>
</rss>
`

// pos returns the 1-based line and byte column of the first occurrence of
// marker after skip occurrences of it.
func pos(t *testing.T, doc, marker string, skip int) (int, int) {
	t.Helper()
	off := -1
	for i := 0; i <= skip; i++ {
		j := strings.Index(doc[off+1:], marker)
		if j < 0 {
			t.Fatalf("marker %q #%d not in the document", marker, skip)
		}
		off += j + 1
	}
	line := strings.Count(doc[:off], "\n") + 1
	// Columns count characters, as the validator's do.
	col := utf8.RuneCountInString(doc[strings.LastIndexByte(doc[:off], '\n')+1:off]) + 1
	return line, col
}

func TestAt(t *testing.T) {
	l := New([]byte(feedDoc))
	for _, tc := range []struct {
		name   string
		marker string
		skip   int
		want   Spot
	}{
		{"declaration", "<?xml", 0, Spot{Item: -1}},
		{"root", "<rss", 0, Spot{Item: -1}},
		{"channel", "<channel", 0, Spot{Item: -1}},
		{"channel title", "<title>Show", 0, Spot{Item: -1, Path: []Step{{"title", 0}}}},
		{"channel title text", "Show &amp;", 0, Spot{Item: -1, Path: []Step{{"title", 0}}}},
		{"inside CDATA", "<item> that", 0, Spot{Item: -1, Path: []Step{{"description", 0}}}},
		{"nested category", `<itunes:category text="Books"`, 0, Spot{Item: -1, Path: []Step{{"itunes:category", 0}, {"itunes:category", 0}}}},
		{"category attribute", `text="Books"`, 0, Spot{Item: -1, Path: []Step{{"itunes:category", 0}, {"itunes:category", 0}}, Attr: "text"}},
		{"second category", `<itunes:category text="History"`, 0, Spot{Item: -1, Path: []Step{{"itunes:category", 1}}}},
		{"after characters of several bytes on the line", "<podcast:location", 0, Spot{Item: -1, Path: []Step{{"podcast:location", 0}}}},
		{"attribute after them", `geo="geo:1,2"`, 0, Spot{Item: -1, Path: []Step{{"podcast:location", 0}}, Attr: "geo"}},
		{"first item", "<item>\n      <title>One", 0, Spot{Item: 0}},
		{"enclosure", "<enclosure", 0, Spot{Item: 0, Path: []Step{{"enclosure", 0}}}},
		{"enclosure length", `length="10"`, 0, Spot{Item: 0, Path: []Step{{"enclosure", 0}}, Attr: "length"}},
		{"enclosure url value", `1.mp3`, 0, Spot{Item: 0, Path: []Step{{"enclosure", 0}}}},
		{"comment between items", "<!-- <item>", 0, Spot{Item: -1}},
		{"second item title", "<title>Two", 0, Spot{Item: 1, Path: []Step{{"title", 0}}}},
		{"second transcript", "<podcast:transcript", 1, Spot{Item: 1, Path: []Step{{"podcast:transcript", 1}}}},
		{"transcript type", `type="application/x-subrip"`, 0, Spot{Item: 1, Path: []Step{{"podcast:transcript", 1}}, Attr: "type"}},
		{"second CDATA line", "line two", 0, Spot{Item: 1, Path: []Step{{"content:encoded", 0}}}},
		{"after split CDATA", "still text", 0, Spot{Item: 1, Path: []Step{{"content:encoded", 0}}}},
		{"end of channel", "</channel>", 0, Spot{Item: -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, col := pos(t, feedDoc, tc.marker, tc.skip)
			got := l.At(line, col)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("At(%d, %d) mismatch (-want +got):\n%s", line, col, diff)
			}
		})
	}
	// Positions past the end, or before the start, do not panic.
	for _, p := range [][2]int{{0, 0}, {1, 0}, {9999, 1}, {3, 9999}} {
		_ = l.At(p[0], p[1])
	}
}

// TestNames checks the element names the html report shows: like At's
// Path inside the channel, and also outside it, in a document without a
// channel, and below an <item> nested in an item.
func TestNames(t *testing.T) {
	doc := `<rss>
  <atom:link href="x"/>
  <channel>
    <title>Show</title>
    <itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>
    <item>
      <enclosure url="u"/>
      <podcast:x><item><title>In</title></item></podcast:x>
    </item>
  </channel>
  <channel><title>Second</title></channel>
</rss>
<feed><entry><title>Atom</title></entry></feed>
`
	ix := New([]byte(doc))
	for _, tc := range []struct {
		marker string
		item   int
		names  []string
	}{
		{"<rss", -1, nil},
		{"<atom:link", -1, []string{"atom:link"}},
		{"<channel>", -1, nil},
		{"<title>Show", -1, []string{"title"}},
		{`<itunes:category text="Books"`, -1, []string{"itunes:category", "itunes:category"}},
		{"<item>", 0, nil},
		{"<enclosure", 0, []string{"enclosure"}},
		{"<podcast:x>", 0, []string{"podcast:x"}},
		{"<title>In", 0, []string{"title"}}, // below the nested <item>
		{"<title>Second", -1, []string{"title"}},
		{"<entry>", -1, []string{"entry"}},
		{"<title>Atom", -1, []string{"entry", "title"}},
	} {
		line, col := pos(t, doc, tc.marker, 0)
		item, names := ix.Names(line, col)
		if item != tc.item || !slices.Equal(names, tc.names) {
			t.Errorf("Names at %q (%d:%d) = %d %q, want %d %q", tc.marker, line, col, item, names, tc.item, tc.names)
		}
	}
	for _, p := range [][2]int{{0, 0}, {-1, 5}, {99, 1}} {
		if item, names := ix.Names(p[0], p[1]); item != -1 || names != nil {
			t.Errorf("Names(%d, %d) = %d %q, want -1 and none", p[0], p[1], item, names)
		}
	}
	// At is relative to the channel: nothing outside it.
	if s := ix.At(pos(t, doc, "<title>Atom", 0)); s.Item != -1 || s.Path != nil {
		t.Errorf("At outside the channel = %+v", s)
	}
}

// TestItems checks the items' extents and titles the html report groups
// findings by.
func TestItems(t *testing.T) {
	doc := "<rss><channel>\n" +
		"<item><title>  One &amp;\n two </title></item>\n" + // entities decoded, white space folded
		"<item><title/><title></title><title><![CDATA[<b>Two</b>]]> &lt;2&gt;</title><title>later</title></item>\n" + // the first with text
		"<item/>\n" + // written empty: it runs to the end
		"<item><x><item><title>nested</title></item></x></item>\n" +
		"</channel>\n" +
		"<item><title>outside</title></item>\n" +
		"</rss>\n"
	ix := New([]byte(doc))
	want := []Item{
		{Title: "One & two"},
		{Title: "<b>Two</b> <2>"},
		{},
		{Title: "nested"},
	}
	got := ix.Items()
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(got), len(want), got)
	}
	for i, it := range got {
		if it.Title != want[i].Title {
			t.Errorf("item %d: title %q, want %q", i, it.Title, want[i].Title)
		}
		if it.Start < 0 || it.End <= it.Start || it.End > len(doc) || doc[it.Start:it.Start+5] != "<item" {
			t.Fatalf("item %d: extent %d-%d", i, it.Start, it.End)
		}
	}
	// Each item closed by </item> ends just past its own end tag (past
	// a nested item's, too); <item/> runs on to the end of the document.
	for i, closes := range map[int]int{0: 1, 1: 1, 3: 2} {
		if s := doc[got[i].Start:got[i].End]; !strings.HasSuffix(s, "</item>") || strings.Count(s, "</item>") != closes {
			t.Errorf("item %d is %q", i, s)
		}
	}
	if got[2].End != len(doc) {
		t.Errorf("<item/> ends at %d, want the end of the document (%d)", got[2].End, len(doc))
	}
	if l := ix.LineOf(got[1].Start); l != 4 {
		t.Errorf("the second item starts on line %d, want 4", l)
	}
	// An unclosed item runs to the end.
	if it := New([]byte("<rss><channel><item><title>T</title>")).Items(); len(it) != 1 || it[0].End != len("<rss><channel><item><title>T</title>") || it[0].Title != "T" {
		t.Errorf("unclosed item: %+v", it)
	}
}

// TestLoneLT: a '<' not followed by a name is text, not an element.
func TestLoneLT(t *testing.T) {
	doc := "<rss><channel><item><title>a < b <> c</title><link>u</link></item></channel></rss>"
	ix := New([]byte(doc))
	for _, marker := range []string{"< b", "<> c", "<link"} {
		line, col := pos(t, doc, marker, 0)
		want := []string{"title"}
		if marker == "<link" {
			want = []string{"link"}
		}
		if item, names := ix.Names(line, col); item != 0 || !slices.Equal(names, want) {
			t.Errorf("Names at %q = %d %q, want 0 %q", marker, item, names, want)
		}
		wantPath := []Step{{want[0], 0}}
		if s := ix.At(line, col); s.Item != 0 || !slices.Equal(s.Path, wantPath) {
			t.Errorf("At at %q = %+v, want item 0 path %v", marker, s, wantPath)
		}
	}
	// One item; its title is the text up to the next '<'.
	if it := ix.Items(); len(it) != 1 || it[0].Title != "a" {
		t.Errorf("items = %+v", it)
	}
}

// TestLines checks the source lines the html report quotes.
func TestLines(t *testing.T) {
	ix := New([]byte("one\r\ntwo\n\nfour"))
	if n := ix.Lines(); n != 4 {
		t.Errorf("Lines = %d, want 4", n)
	}
	for n, want := range map[int]string{0: "", 1: "one", 2: "two", 3: "", 4: "four", 5: ""} {
		if got := string(ix.Line(n)); got != want {
			t.Errorf("Line(%d) = %q, want %q", n, got, want)
		}
	}
	if ix.Line(0) != nil || ix.Line(5) != nil {
		t.Errorf("a line outside the document is not nil")
	}
	for off, want := range map[int]int{0: 1, 4: 1, 5: 2, 8: 2, 9: 3, 10: 4, 13: 4, 99: 4} {
		if got := ix.LineOf(off); got != want {
			t.Errorf("LineOf(%d) = %d, want %d", off, got, want)
		}
	}
	if n := New(nil).Lines(); n != 1 {
		t.Errorf("an empty document has %d lines, want 1", n)
	}
}

func FuzzIndex(f *testing.F) {
	f.Add([]byte(feedDoc), 5, 3)
	f.Add([]byte("<rss><channel><item></channel>"), 1, 20)
	f.Add([]byte("<a b='>' c=\"<\"/>"), 1, 4)
	f.Add([]byte("<rss><channel><item><title>a < b</title></item><item/></channel></rss>"), 1, 30)
	f.Fuzz(func(t *testing.T, data []byte, line, col int) {
		ix := New(data)
		items := ix.Items()
		s := ix.At(line, col)
		if s.Item < -1 || s.Item >= len(items) {
			t.Fatalf("At: Item = %d of %d", s.Item, len(items))
		}
		item, names := ix.Names(line, col)
		if item != s.Item {
			t.Fatalf("Names: item %d, At: %d", item, s.Item)
		}
		// Inside the channel, with no element named channel or item on
		// the way, both name the same elements.
		if len(s.Path) > 0 && !slices.ContainsFunc(s.Path, func(st Step) bool { return st.Name == "channel" || st.Name == "item" }) {
			var steps []string
			for _, st := range s.Path {
				steps = append(steps, st.Name)
			}
			if !slices.Equal(steps, names) {
				t.Fatalf("At's path %v, Names %q", s.Path, names)
			}
		}
		for i, it := range items {
			if it.Start < 0 || it.End <= it.Start || it.End > len(data) || (i > 0 && it.Start <= items[i-1].Start) {
				t.Fatalf("item %d: %d-%d", i, it.Start, it.End)
			}
			if strings.TrimSpace(it.Title) != it.Title || strings.ContainsAny(it.Title, "\n\t") {
				t.Fatalf("item %d: title %q", i, it.Title)
			}
		}
		if line >= 1 && line <= ix.Lines() {
			if l := ix.Line(line); l == nil && len(data) > 0 && line < ix.Lines() || strings.ContainsRune(string(l), '\n') {
				t.Fatalf("Line(%d) = %q", line, l)
			}
		}
	})
}
