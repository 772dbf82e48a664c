package feed

import (
	"bytes"
	"errors"
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

// TestEncodeLayout: EncodeLayout writes Encode's bytes, and each span runs
// from its item's "<item>" to just past its "</item>".
func TestEncodeLayout(t *testing.T) {
	for _, ch := range []*Channel{minimalChannel(), fullChannel(), benchChannel(5), {Title: "none"}} {
		var plain, b bytes.Buffer
		if err := Encode(&plain, ch); err != nil {
			t.Fatal(err)
		}
		lay, err := EncodeLayout(&b, ch)
		if err != nil {
			t.Fatal(err)
		}
		doc := b.String()
		if doc != plain.String() || lay.Size != int64(len(doc)) || len(lay.Items) != len(ch.Items) {
			t.Fatalf("%q: other bytes than Encode, or layout %+v for %d bytes and %d items", ch.Title, lay, len(doc), len(ch.Items))
		}
		next := 0
		for i, sp := range lay.Items {
			start := strings.Index(doc[next:], "<item>") + next
			end := strings.Index(doc[start:], "</item>") + start + len("</item>")
			if sp.Start != int64(start) || sp.End != int64(end) {
				t.Errorf("%q item %d: span %+v, want {%d %d}", ch.Title, i, sp, start, end)
			}
			next = end
		}
	}
}

// TestEncodeLayoutWriteError: a writer that fails midway fails the encode.
func TestEncodeLayoutWriteError(t *testing.T) {
	if _, err := EncodeLayout(&failAfter{n: 100 << 10}, benchChannel(200)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("EncodeLayout into a failing writer: %v, want its error", err)
	}
}

type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}
