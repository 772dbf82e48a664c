package main

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/xmlspot"
)

// spotsChannel is a channel with n items whose notes span lines, hold
// non-ASCII text, markup in CDATA (an <item> tag among it) and attributes.
func spotsChannel(n int) *feed.Channel {
	ch := &feed.Channel{
		Title: "Spots", Link: "https://e.org/", Description: "<p>d\nover\nlines</p>", Language: "en",
		SelfURL: "https://e.org/feed.xml", ItunesImage: "https://e.org/a.jpg",
		Categories: []feed.Category{{Text: "Arts", Sub: "Books"}, {Text: "News"}},
		PubDate:    time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	for i := range n {
		g := strings.Repeat("é", i%3) + string(rune('a'+i%26))
		ch.Items = append(ch.Items, feed.Item{
			Title: "Épisode « " + g + " »", GUID: "g-" + g, Link: "https://e.org/" + g,
			Description:    "<p>x ]]> y\n  <item>not one</item>\nünïcode ✓</p>",
			ContentEncoded: strings.Repeat("<p>line\n</p>", i%4),
			Enclosure:      &feed.Enclosure{URL: "https://e.org/" + g + ".mp3", Length: int64(i + 1), Type: "audio/mpeg"},
			Categories:     []feed.ItemCategory{{Text: "c1"}, {Text: "c2", Domain: "d"}},
			PSC:            []feed.PSCChapter{{Start: time.Second, Title: "one"}, {Start: 2 * time.Second, Title: "two"}},
		})
	}
	return ch
}

// TestFeedSpotsMatchWholeIndex traces every position of encoded feeds,
// and a few past their lines and their end, through feedSpots and through
// xmlspot over the whole feed: the answers must be the same, whether the
// pass over the file was made by a reader to the end, stopped midway, or
// not at all.
func TestFeedSpotsMatchWholeIndex(t *testing.T) {
	for _, n := range []int{0, 1, 7} {
		var b bytes.Buffer
		lay, err := feed.EncodeLayout(&b, spotsChannel(n))
		if err != nil {
			t.Fatal(err)
		}
		var plain bytes.Buffer
		if err := feed.Encode(&plain, spotsChannel(n)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), plain.Bytes()) || lay.Size != int64(b.Len()) || len(lay.Items) != n {
			t.Fatalf("%d items: EncodeLayout wrote other bytes than Encode, or a wrong layout (%d items, size %d of %d)", n, len(lay.Items), lay.Size, b.Len())
		}
		doc := b.Bytes()
		whole := xmlspot.New(doc)
		lines := strings.Split(string(doc), "\n")
		for _, pass := range []string{"whole", "half", "none"} {
			s := newFeedSpots(bytes.NewReader(doc), lay)
			switch pass {
			case "whole":
				if _, err := io.Copy(io.Discard, s.track(bytes.NewReader(doc))); err != nil {
					t.Fatal(err)
				}
			case "half":
				if _, err := io.Copy(io.Discard, s.track(io.LimitReader(bytes.NewReader(doc), int64(len(doc)/2)))); err != nil {
					t.Fatal(err)
				}
			}
			inItems := 0
			for l := 0; l <= len(lines)+2; l++ {
				width := 3
				if l >= 1 && l <= len(lines) {
					width = len([]rune(lines[l-1])) + 3
				}
				for c := 0; c <= width; c++ {
					want, got := whole.At(l, c), s.At(l, c)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%d items, pass %s: At(%d, %d) = %+v, want %+v", n, pass, l, c, got, want)
					}
					if want.Item >= 0 {
						inItems++
					}
				}
			}
			if n > 0 && inItems == 0 {
				t.Errorf("%d items: no position fell in an item", n)
			}
		}
	}
}

// TestFeedSpotsShortFile: a feed file shorter than the layout says (cut
// off after it was written) places nothing, and does not fail.
func TestFeedSpotsShortFile(t *testing.T) {
	var b bytes.Buffer
	lay, err := feed.EncodeLayout(&b, spotsChannel(3))
	if err != nil {
		t.Fatal(err)
	}
	cut := b.Bytes()[:lay.Items[1].Start]
	s := newFeedSpots(bytes.NewReader(cut), lay)
	if got := s.At(3, 1); got.Item != -1 || got.Path != nil {
		t.Errorf("At on a cut feed = %+v, want nothing", got)
	}
}
