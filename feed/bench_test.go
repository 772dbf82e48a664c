package feed

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchNotes is about 2 KB of HTML show notes.
func benchNotes(i int) string {
	var b strings.Builder
	b.WriteString("<p>In episode ")
	b.WriteString(strconv.Itoa(i))
	b.WriteString(" we talk about feeds &amp; the people who publish them.</p>\n<ul>\n")
	for b.Len() < 1900 {
		b.WriteString(`<li><a href="https://example.com/links?id=`)
		b.WriteString(strconv.Itoa(b.Len()))
		b.WriteString(`&amp;ref=feed">A link worth reading</a> — with a few words of context.</li>` + "\n")
	}
	b.WriteString("</ul>\n<p>Thanks for listening.</p>")
	return b.String()
}

// benchChannel is a show of n episodes with about 2 KB of notes each.
func benchChannel(n int) *Channel {
	no := false
	ch := &Channel{
		Title: "Benchmark Show", Link: "https://example.com/", Description: "<p>A show for benchmarks.</p>",
		Language: "en-us", SelfURL: "https://example.com/feed.xml", ItunesAuthor: "Jo Host",
		ItunesImage: "https://example.com/art.jpg", ItunesOwner: &Owner{Name: "Jo Host", Email: "jo@example.com"},
		Categories: []Category{{Text: "Technology"}}, GUID: "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		PubDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	base := time.Date(2000, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := n; i > 0; i-- {
		notes := benchNotes(i)
		ch.Items = append(ch.Items, Item{
			Title:          "Episode " + strconv.Itoa(i) + ": a title of ordinary length",
			Link:           "https://example.com/episodes/" + strconv.Itoa(i),
			Description:    notes,
			ContentEncoded: notes,
			GUID:           "https://example.com/episodes/" + strconv.Itoa(i),
			PubDate:        base.Add(time.Duration(i) * 24 * time.Hour),
			Enclosure:      &Enclosure{URL: "https://cdn.example.com/ep" + strconv.Itoa(i) + ".mp3", Length: 31457280, Type: "audio/mpeg"},
			ItunesImage:    "https://example.com/ep.jpg",
			Duration:       time.Duration(1800+i) * time.Second,
			Explicit:       &no,
			Episode:        i,
			EpisodeType:    "full",
			Persons:        []Person{{Name: "Jo Host", Role: "host"}},
			Transcripts:    []Transcript{{URL: "https://example.com/t/" + strconv.Itoa(i) + ".vtt", Type: "text/vtt"}},
		})
	}
	return ch
}

// BenchmarkEncode writes shows of 100, 1,000 and 10,000 episodes with about
// 2 KB of HTML notes each (in description and content:encoded).
func BenchmarkEncode(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		ch := benchChannel(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var cw countWriter
			if err := Encode(&cw, ch); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := Encode(io.Discard, ch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkReadSummary reads back the feed of 10,000 episodes.
func BenchmarkReadSummary(b *testing.B) {
	data := mustEncode(b, benchChannel(10000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadSummary(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
