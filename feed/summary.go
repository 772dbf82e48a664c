package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Summary is what a subscriber-safety check needs from an existing feed:
// where the feed says it lives and which episodes it lists.
type Summary struct {
	Link       string // channel <link>
	SelfURL    string // <atom:link rel="self" href="…"> of the channel
	NewFeedURL string // <itunes:new-feed-url>
	Items      []SummaryItem

	// Truncated is set when the document broke off (cut short or malformed)
	// after the channel started: Items holds the items read before that.
	Truncated bool
}

// SummaryItem identifies one episode of an existing feed.
type SummaryItem struct {
	GUID         string // <guid>, trimmed; empty when the item has none
	Title        string
	EnclosureURL string // url of the first <enclosure>
}

// ReadSummary reads the channel link, self URL, itunes:new-feed-url and the
// GUID, title and enclosure URL of every item of an RSS feed. It is lenient:
// HTML entities, mismatched end tags, undeclared prefixes and a
// byte-order mark are accepted, ISO-8859-1 and Windows-1252 declarations are
// honoured, and a document cut off after the channel started gives what was
// read so far. It fails only when no RSS channel can be found.
func ReadSummary(r io.Reader) (*Summary, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader

	var (
		s         Summary
		stack     []string // local names of the open elements
		inChannel bool
		item      *SummaryItem
		text      bytes.Buffer
		sawEnc    bool
	)
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) && inChannel {
				if len(stack) > 0 {
					s.Truncated = true // elements left open
				}
				break
			}
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("feed: read summary: no RSS channel found")
			}
			if inChannel {
				s.Truncated = true // cut off or broken late in the document: keep what was read
				break
			}
			return nil, fmt.Errorf("feed: read summary: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			switch {
			case t.Name.Local == "channel" && len(stack) == 2:
				inChannel = true
			case inChannel && t.Name.Local == "item" && len(stack) == 3:
				s.Items = append(s.Items, SummaryItem{})
				item = &s.Items[len(s.Items)-1]
				sawEnc = false
			case item != nil && t.Name.Local == "enclosure" && !sawEnc && isRSS(t.Name.Space):
				item.EnclosureURL = strings.TrimSpace(attrValue(t.Attr, "url"))
				sawEnc = true
			case item == nil && inChannel && len(stack) == 3 && t.Name.Local == "link" && isAtom(t.Name.Space):
				if strings.EqualFold(attrValue(t.Attr, "rel"), "self") && s.SelfURL == "" {
					s.SelfURL = strings.TrimSpace(attrValue(t.Attr, "href"))
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			depth := len(stack)
			stack = stack[:depth-1]
			v := strings.TrimSpace(text.String())
			switch {
			case item != nil && depth == 3 && t.Name.Local == "item":
				item = nil
			case item != nil && depth == 4 && isRSS(t.Name.Space):
				switch t.Name.Local {
				case "guid":
					item.GUID = v
				case "title":
					item.Title = v
				}
			case item == nil && inChannel && depth == 3:
				switch {
				case t.Name.Local == "link" && isRSS(t.Name.Space) && s.Link == "":
					s.Link = v
				case t.Name.Local == "new-feed-url" && isItunes(t.Name.Space):
					s.NewFeedURL = v
				}
			}
			text.Reset()
		}
	}
	return &s, nil
}

// isRSS reports whether an element name is in no namespace (RSS 2.0).
func isRSS(space string) bool { return space == "" }

func isAtom(space string) bool { return space == NSAtom || space == "atom" }

func isItunes(space string) bool {
	return strings.EqualFold(space, NSItunes) || space == "itunes"
}

func attrValue(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// charsetReader decodes the single-byte charsets feeds declare besides
// UTF-8; any other label is read as UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return &latin1Reader{r: in}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &latin1Reader{r: in, cp1252: true}, nil
	}
	return in, nil
}

// cp1252Rune maps bytes 0x80–0x9F of Windows-1252 (0 where undefined).
func cp1252Rune(c byte) rune {
	t := [32]rune{
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	}
	return t[c-0x80]
}

// latin1Reader turns ISO-8859-1 (or Windows-1252) bytes into UTF-8.
type latin1Reader struct {
	r      io.Reader
	cp1252 bool
	in     []byte
	out    []byte
	pos    int // read position in out
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if l.pos == len(l.out) {
		if l.in == nil {
			l.in = make([]byte, 4096)
		}
		n, err := l.r.Read(l.in)
		l.out, l.pos = l.out[:0], 0
		for _, c := range l.in[:n] {
			r := rune(c)
			if l.cp1252 && c >= 0x80 && c < 0xA0 {
				if m := cp1252Rune(c); m != 0 {
					r = m
				}
			}
			l.out = utf8.AppendRune(l.out, r)
		}
		if n == 0 {
			return 0, err
		}
	}
	n := copy(p, l.out[l.pos:])
	l.pos += n
	return n, nil
}

// SummaryOf gives the Summary of a channel about to be written, to compare
// with the Summary of the feed it replaces.
func SummaryOf(ch *Channel) *Summary {
	s := &Summary{Link: ch.Link, SelfURL: ch.SelfURL, NewFeedURL: ch.NewFeedURL}
	if len(ch.Items) > 0 {
		s.Items = make([]SummaryItem, len(ch.Items))
	}
	for i := range ch.Items {
		it := &ch.Items[i]
		s.Items[i] = SummaryItem{GUID: it.GUID, Title: it.Title}
		if it.Enclosure != nil {
			s.Items[i].EnclosureURL = it.Enclosure.URL
		}
	}
	return s
}
