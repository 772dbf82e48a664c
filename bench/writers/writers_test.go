package writers

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/bench/gen"
	"github.com/podfeed/podfeed/feed"
)

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

type writer struct {
	name  string
	write func(io.Writer) error
}

// fromModels returns the three writers, each with its model built from eps
// beforehand.
func fromModels(tb testing.TB, eps []gen.Episode) []writer {
	s := gen.TheShow()
	ch := Podfeed(s, eps)
	p, err := Eduncan(s, eps)
	if err != nil {
		tb.Fatal(err)
	}
	g := Gorilla(s, eps)
	return []writer{
		{"podfeed", func(w io.Writer) error { return feed.Encode(w, ch) }},
		{"eduncan911", p.Encode},
		{"gorilla", g.WriteRss},
	}
}

// TestWritersWellFormed checks that each writer's output is well-formed
// XML and holds every episode's GUID, so the benchmark compares writers
// that really wrote the items.
func TestWritersWellFormed(t *testing.T) {
	eps := gen.Episodes(20, gen.Seed, false)
	for _, w := range fromModels(t, eps) {
		var b bytes.Buffer
		if err := w.write(&b); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", w.name, err)
			}
		}
		for _, e := range eps {
			if !strings.Contains(b.String(), e.GUID) {
				t.Errorf("%s: GUID %s missing", w.name, e.GUID)
			}
		}
	}
}

// BenchmarkWriters writes the same 10,000 generated episodes with each
// writer, from each writer's own model built beforehand; MB/s counts the
// bytes each one writes.
func BenchmarkWriters(b *testing.B) {
	for _, wr := range fromModels(b, gen.Episodes(10000, gen.Seed, false)) {
		b.Run(wr.name, func(b *testing.B) {
			var cw countWriter
			if err := wr.write(&cw); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := wr.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
