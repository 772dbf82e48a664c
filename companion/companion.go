package companion

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/podfeed/podfeed/feed"
)

// The file names the companion feeds are published under, beside the RSS
// feed.
const (
	JSONFeedName = "feed.json"
	AtomName     = "atom.xml"
)

// JSONFeedVersion is the version URL written in feed.json.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// generic turns a channel into gorilla/feeds' generic Feed.
func generic(ch *feed.Channel) *feeds.Feed {
	f := &feeds.Feed{
		Title:       ch.Title,
		Link:        &feeds.Link{Href: ch.Link},
		Description: ch.Description,
		Copyright:   ch.Copyright,
		Updated:     updated(ch),
		Created:     ch.PubDate,
	}
	if a := author(ch); a != "" {
		f.Author = &feeds.Author{Name: a}
	}
	for i := range ch.Items {
		it := &ch.Items[i]
		gi := &feeds.Item{
			Title:       it.Title,
			Description: it.Description,
			Content:     it.ContentEncoded,
			Id:          it.GUID,
			Created:     it.PubDate,
		}
		if it.Link != "" {
			gi.Link = &feeds.Link{Href: it.Link}
		}
		if a := firstNonEmpty(it.ItunesAuthor, ch.ItunesAuthor); a != "" {
			gi.Author = &feeds.Author{Name: a}
		}
		if e := it.Enclosure; e != nil {
			gi.Enclosure = &feeds.Enclosure{Url: e.URL, Type: e.Type, Length: strconv.FormatInt(e.Length, 10)}
		}
		f.Items = append(f.Items, gi)
	}
	return f
}

// updated is the channel's last change: lastBuildDate, else pubDate, else
// the newest item date.
func updated(ch *feed.Channel) time.Time {
	if !ch.LastBuildDate.IsZero() {
		return ch.LastBuildDate.UTC()
	}
	if !ch.PubDate.IsZero() {
		return ch.PubDate.UTC()
	}
	var t time.Time
	for i := range ch.Items {
		if d := ch.Items[i].PubDate; d.After(t) {
			t = d
		}
	}
	return t.UTC()
}

func author(ch *feed.Channel) string {
	if ch.ItunesAuthor != "" {
		return ch.ItunesAuthor
	}
	if ch.ItunesOwner != nil {
		return ch.ItunesOwner.Name
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func image(ch *feed.Channel) string {
	if ch.ItunesImage != "" {
		return ch.ItunesImage
	}
	if ch.Image != nil {
		return ch.Image.URL
	}
	return ""
}

// jsonAttachment is a JSON Feed 1.1 attachment. gorilla/feeds'
// JSONAttachment names the size "size" and holds it in an int32; JSON Feed
// says "size_in_bytes", and episodes can pass 2 GiB.
type jsonAttachment struct {
	URL               string  `json:"url"`
	MIMEType          string  `json:"mime_type"`
	Title             string  `json:"title,omitempty"`
	SizeInBytes       int64   `json:"size_in_bytes,omitempty"`
	DurationInSeconds float64 `json:"duration_in_seconds,omitempty"`
}

// jsonItem is gorilla's item with its attachments field replaced and the
// JSON Feed 1.0 "author" dropped ("authors" stays).
type jsonItem struct {
	*feeds.JSONItem
	Author      *feeds.JSONAuthor `json:"author,omitempty"`
	Attachments []jsonAttachment  `json:"attachments,omitempty"`
}

// jsonFeed is gorilla's feed with its items replaced by jsonItem and the
// JSON Feed 1.0 "author" dropped.
type jsonFeed struct {
	*feeds.JSONFeed
	Author *feeds.JSONAuthor `json:"author,omitempty"`
	Items  []jsonItem        `json:"items"`
}

// JSONFeed returns ch as a JSON Feed 1.1 document (indented by two spaces,
// ending with a newline): gorilla/feeds' JSONFeed struct with feed_url
// (selfURL, where this document is published; not the RSS feed's URL),
// icon, language and expired set, and each enclosure as an attachment
// (url, mime_type, size_in_bytes, duration_in_seconds).
func JSONFeed(ch *feed.Channel, selfURL string) ([]byte, error) {
	if ch == nil {
		return nil, fmt.Errorf("companion: json feed: nil channel")
	}
	jf := (&feeds.JSON{Feed: generic(ch)}).JSONFeed()
	jf.Version = JSONFeedVersion
	jf.FeedUrl = selfURL
	jf.Icon = image(ch)
	jf.Language = ch.Language
	jf.Description = plainDescription(ch)
	if ch.Complete {
		expired := true
		jf.Expired = &expired
	}
	out := jsonFeed{JSONFeed: jf, Items: make([]jsonItem, len(jf.Items))}
	for i, ji := range jf.Items {
		it := &ch.Items[i]
		ji.Image = it.ItunesImage
		// JSON Feed's summary is plain text and content_html the notes;
		// gorilla puts the HTML description into summary.
		ji.Summary = it.ItunesSummary
		ji.ContentHTML = firstNonEmpty(it.ContentEncoded, it.Description)
		if ji.ContentHTML == "" {
			// JSON Feed wants content_html or content_text.
			ji.ContentText = firstNonEmpty(it.ItunesSummary, it.Title)
		}
		if ji.Id == "" && it.Enclosure != nil {
			ji.Id = it.Enclosure.URL // the identity apps fall back to
		}
		if ji.PublishedDate != nil {
			utc := ji.PublishedDate.UTC()
			ji.PublishedDate = &utc
		}
		out.Items[i] = jsonItem{JSONItem: ji}
		if e := it.Enclosure; e != nil && e.URL != "" {
			out.Items[i].Attachments = append(out.Items[i].Attachments, jsonAttachment{
				URL: e.URL, MIMEType: e.Type, SizeInBytes: e.Length,
				DurationInSeconds: float64(it.Duration / time.Second),
			})
		}
		for _, a := range it.AlternateEnclosures {
			for _, s := range a.Sources {
				if !strings.HasPrefix(s.URI, "http://") && !strings.HasPrefix(s.URI, "https://") {
					continue
				}
				out.Items[i].Attachments = append(out.Items[i].Attachments, jsonAttachment{
					URL: s.URI, MIMEType: firstNonEmpty(s.ContentType, a.Type), Title: a.Title, SizeInBytes: a.Length,
					DurationInSeconds: float64(it.Duration / time.Second),
				})
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("companion: json feed: %w", err)
	}
	return buf.Bytes(), nil
}

// atomFeed is gorilla/feeds' AtomFeed with more than one feed link: its
// Links field hides AtomFeed.Link, which holds one.
type atomFeed struct {
	*feeds.AtomFeed
	Links []feeds.AtomLink `xml:"link"`
}

// Atom returns ch as an Atom 1.0 document: gorilla/feeds' AtomFeed with a
// stable feed id (urn:uuid of podcast:guid, else the RSS feed's URL, else
// the link), an alternate link and a self link to selfURL (where this
// document is published; none when ""), icon and logo, and each entry's
// id from the item's GUID, its published date and its enclosure link.
func Atom(ch *feed.Channel, selfURL string) ([]byte, error) {
	if ch == nil {
		return nil, fmt.Errorf("companion: atom: nil channel")
	}
	g := generic(ch)
	af := (&feeds.Atom{Feed: g}).AtomFeed()
	af.Id = feedID(ch)
	af.Updated = rfc3339(updated(ch))
	af.Icon = image(ch)
	af.Logo = image(ch)
	af.Subtitle = plainDescription(ch) // a text construct: no markup
	// The feed's links go in atomFeed.Links, the self link among them.
	af.Link = nil
	out := atomFeed{AtomFeed: af}
	if ch.Link != "" {
		out.Links = append(out.Links, feeds.AtomLink{Href: ch.Link, Rel: "alternate", Type: "text/html"})
	}
	if selfURL != "" {
		out.Links = append(out.Links, feeds.AtomLink{Href: selfURL, Rel: "self", Type: "application/atom+xml"})
	}
	for i, e := range af.Entries {
		it := &ch.Items[i]
		e.Id = entryID(ch, it)
		e.Updated = rfc3339(it.PubDate)
		e.Published = e.Updated
		links := e.Links[:0]
		for _, l := range e.Links {
			if l.Href != "" {
				links = append(links, l)
			}
		}
		if it.Link == "" && e.Content == nil && ch.Link != "" {
			// An entry without content needs an alternate link.
			links = append(links, feeds.AtomLink{Href: ch.Link, Rel: "alternate", Type: "text/html"})
		}
		e.Links = links
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("companion: atom: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// feedID is the Atom feed id: an IRI that does not change when the feed
// moves if the show has a podcast:guid.
func feedID(ch *feed.Channel) string {
	switch {
	case ch.GUID != "":
		return "urn:uuid:" + ch.GUID
	case ch.SelfURL != "":
		return ch.SelfURL
	}
	return ch.Link
}

// entryID is the Atom entry id: the item's GUID when it is already an
// absolute IRI, urn:uuid for a UUID, else a tag URI built from the
// channel's host, the item's date and the escaped GUID.
func entryID(ch *feed.Channel, it *feed.Item) string {
	g := it.GUID
	if g == "" {
		if it.Enclosure != nil {
			return it.Enclosure.URL
		}
		return ""
	}
	if u, err := url.Parse(g); err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") && !strings.ContainsAny(g, " \t\n") {
		return g
	}
	if isUUID(g) {
		return "urn:uuid:" + strings.ToLower(g)
	}
	host := "podfeed.invalid"
	if u, err := url.Parse(firstNonEmpty(ch.Link, ch.SelfURL)); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	day := "2000-01-01"
	if !it.PubDate.IsZero() {
		day = it.PubDate.UTC().Format("2006-01-02")
	}
	return "tag:" + host + "," + day + ":" + url.PathEscape(g)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// plainDescription is the show's description as plain text: the itunes
// summary when there is one, else the HTML description without its tags.
func plainDescription(ch *feed.Channel) string {
	if ch.ItunesSummary != "" {
		return ch.ItunesSummary
	}
	return stripTags(ch.Description)
}

// stripTags removes HTML tags, unescapes entities and collapses white space.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
