package stylesheet

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/validate"
)

// BenchmarkXSL is what writing feed.xsl adds to a build.
func BenchmarkXSL(b *testing.B) {
	o := Options{Title: "The Lantern Hour", FeedURL: "https://lanternhour.example.org/feed.xml", Apple: "https://podcasts.apple.com/podcast/id1"}
	b.ReportAllocs()
	for b.Loop() {
		if len(XSL(o)) == 0 {
			b.Fatal("empty")
		}
	}
}

// BenchmarkValidateStylesheet validates the same 5,000-item feed without
// and with the xml-stylesheet instruction: the instruction must cost the
// validator nothing measurable. Compare the two with
//
//	go test ./stylesheet -run '^$' -bench ValidateStylesheet -benchmem -count 6 -cpu 1
func BenchmarkValidateStylesheet(b *testing.B) {
	ch := testChannel("<p>Notes with a <a href=\"https://example.org/\">link</a>.</p>")
	one := ch.Items[0]
	ch.Items = ch.Items[:0]
	for i := range 5000 {
		it := one
		it.GUID = "ep-" + strconv.Itoa(i)
		it.Title = "Episode " + strconv.Itoa(i)
		it.PubDate = one.PubDate.Add(-time.Duration(i) * 24 * time.Hour)
		ch.Items = append(ch.Items, it)
	}
	for _, tc := range []struct {
		name string
		href string
	}{{"without", ""}, {"with", Name}} {
		ch.Stylesheet = tc.href
		var buf bytes.Buffer
		if err := feed.Encode(&buf, ch); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := validate.Run(context.Background(), bytes.NewReader(data), validate.Config{})
				if err != nil || res.Document.ItemCount != 5000 {
					b.Fatal(err, res.Document.ItemCount)
				}
			}
		})
	}
}
