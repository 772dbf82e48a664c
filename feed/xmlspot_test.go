package feed

import (
	"bytes"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/xmlspot"
)

// TestEncodedSpots traces every item of an encoded channel: what Encode
// writes, xmlspot indexes (the build gate relies on it).
func TestEncodedSpots(t *testing.T) {
	ch := &Channel{Title: "S", Description: "<p>d</p>", Link: "https://e.org/", Language: "en"}
	for _, g := range []string{"a", "b", "c"} {
		ch.Items = append(ch.Items, Item{Title: "T " + g, GUID: g, Description: "<p>x ]]> y</p>", Enclosure: &Enclosure{URL: "https://e.org/" + g + ".mp3", Length: 1, Type: "audio/mpeg"}})
	}
	var b bytes.Buffer
	if err := Encode(&b, ch); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	ix := xmlspot.New(b.Bytes())
	for i, g := range []string{"a", "b", "c"} {
		off := strings.Index(doc, `<guid isPermaLink="false">`+g)
		if off < 0 {
			t.Fatalf("no guid %s in the feed", g)
		}
		// The document is ASCII: the column counts bytes.
		line, col := strings.Count(doc[:off], "\n")+1, off-strings.LastIndexByte(doc[:off], '\n')
		got := ix.At(line, col)
		if got.Item != i || len(got.Path) != 1 || got.Path[0].Name != "guid" {
			t.Errorf("guid of item %d: At = %+v", i, got)
		}
	}
	if items := ix.Items(); len(items) != 3 || items[1].Title != "T b" {
		t.Errorf("items = %+v", items)
	}
}
