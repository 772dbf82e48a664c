package feed

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const layoutDoc = `<?xml version="1.0" encoding="UTF-8"?>
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

func TestLayoutAt(t *testing.T) {
	l := NewLayout([]byte(layoutDoc))
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
			line, col := pos(t, layoutDoc, tc.marker, tc.skip)
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

// TestLayoutEncoded traces every item of an encoded channel.
func TestLayoutEncoded(t *testing.T) {
	ch := &Channel{Title: "S", Description: "<p>d</p>", Link: "https://e.org/", Language: "en"}
	for _, g := range []string{"a", "b", "c"} {
		ch.Items = append(ch.Items, Item{Title: "T " + g, GUID: g, Description: "<p>x ]]> y</p>", Enclosure: &Enclosure{URL: "https://e.org/" + g + ".mp3", Length: 1, Type: "audio/mpeg"}})
	}
	var b bytes.Buffer
	if err := Encode(&b, ch); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	l := NewLayout(b.Bytes())
	for i, g := range []string{"a", "b", "c"} {
		line, col := pos(t, doc, `<guid isPermaLink="false">`+g, 0)
		got := l.At(line, col)
		if got.Item != i || len(got.Path) != 1 || got.Path[0].Name != "guid" {
			t.Errorf("guid of item %d: At = %+v", i, got)
		}
	}
}

func FuzzLayout(f *testing.F) {
	f.Add([]byte(layoutDoc), 5, 3)
	f.Add([]byte("<rss><channel><item></channel>"), 1, 20)
	f.Add([]byte("<a b='>' c=\"<\"/>"), 1, 4)
	f.Fuzz(func(t *testing.T, data []byte, line, col int) {
		l := NewLayout(data)
		s := l.At(line, col)
		if s.Item < -1 {
			t.Fatalf("Item = %d", s.Item)
		}
	})
}
