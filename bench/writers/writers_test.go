package writers

import (
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eduncan911/podcast"
	"github.com/gorilla/feeds"
	"github.com/podfeed/podfeed/feed"
)

// notes is about 2 KB of HTML show notes.
func notes(i int) string {
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

// show is n episodes, newest first, each with notes in description and
// content:encoded, an enclosure, a duration and an image.
func show(n int) *feed.Channel {
	no := false
	ch := &feed.Channel{
		Title: "Benchmark Show", Link: "https://example.com/", Description: "<p>A show for benchmarks.</p>",
		Language: "en-us", SelfURL: "https://example.com/feed.xml", ItunesAuthor: "Jo Host",
		ItunesImage: "https://example.com/art.jpg", ItunesOwner: &feed.Owner{Name: "Jo Host", Email: "jo@example.com"},
		Categories: []feed.Category{{Text: "Technology"}},
		PubDate:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	base := time.Date(2000, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := n; i > 0; i-- {
		s := notes(i)
		ch.Items = append(ch.Items, feed.Item{
			Title:          "Episode " + strconv.Itoa(i) + ": a title of ordinary length",
			Link:           "https://example.com/episodes/" + strconv.Itoa(i),
			Description:    s,
			ContentEncoded: s,
			GUID:           "https://example.com/episodes/" + strconv.Itoa(i),
			PubDate:        base.Add(time.Duration(i) * 24 * time.Hour),
			Enclosure:      &feed.Enclosure{URL: "https://cdn.example.com/ep" + strconv.Itoa(i) + ".mp3", Length: 31457280, Type: "audio/mpeg"},
			ItunesImage:    "https://example.com/ep.jpg",
			Duration:       time.Duration(1800+i) * time.Second,
			Explicit:       &no,
		})
	}
	return ch
}

// eduncan turns the show into eduncan911/podcast's model (it has no
// content:encoded, so it writes the notes once).
func eduncan(tb testing.TB, ch *feed.Channel) *podcast.Podcast {
	p := podcast.New(ch.Title, ch.Link, ch.Description, &ch.PubDate, &ch.PubDate)
	p.Language = ch.Language
	p.AddAtomLink(ch.SelfURL)
	p.AddAuthor(ch.ItunesOwner.Name, ch.ItunesOwner.Email)
	p.AddImage(ch.ItunesImage)
	p.AddCategory("Technology", nil)
	for i := range ch.Items {
		it := &ch.Items[i]
		pi := podcast.Item{Title: it.Title, Link: it.Link, Description: it.Description, GUID: it.GUID, IExplicit: "false"}
		pub := it.PubDate
		pi.AddPubDate(&pub)
		pi.AddEnclosure(it.Enclosure.URL, podcast.MP3, it.Enclosure.Length)
		pi.AddImage(it.ItunesImage)
		pi.AddDuration(int64(it.Duration / time.Second))
		if _, err := p.AddItem(pi); err != nil {
			tb.Fatal(err)
		}
	}
	return &p
}

// gorilla turns the show into gorilla/feeds' model.
func gorilla(ch *feed.Channel) *feeds.Feed {
	f := &feeds.Feed{
		Title: ch.Title, Link: &feeds.Link{Href: ch.Link}, Description: ch.Description,
		Author: &feeds.Author{Name: ch.ItunesOwner.Name, Email: ch.ItunesOwner.Email}, Created: ch.PubDate,
		Image: &feeds.Image{Url: ch.ItunesImage, Title: ch.Title, Link: ch.Link},
	}
	for i := range ch.Items {
		it := &ch.Items[i]
		f.Items = append(f.Items, &feeds.Item{
			Title: it.Title, Link: &feeds.Link{Href: it.Link}, Description: it.Description, Content: it.ContentEncoded,
			Id: it.GUID, Created: it.PubDate,
			Enclosure: &feeds.Enclosure{Url: it.Enclosure.URL, Type: it.Enclosure.Type, Length: strconv.FormatInt(it.Enclosure.Length, 10)},
		})
	}
	return f
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkWriters writes the same show of 10,000 episodes with each
// writer, from each writer's own model built beforehand; MB/s counts the
// bytes each one writes.
func BenchmarkWriters(b *testing.B) {
	ch := show(10000)
	writers := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"podfeed", func(w io.Writer) error { return feed.Encode(w, ch) }},
		{"eduncan911", func() func(io.Writer) error {
			p := eduncan(b, ch)
			return p.Encode
		}()},
		{"gorilla", func() func(io.Writer) error {
			f := gorilla(ch)
			return f.WriteRss
		}()},
	}
	for _, wr := range writers {
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
