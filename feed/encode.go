package feed

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Namespace URIs declared on <rss>.
const (
	NSItunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	NSContent = "http://purl.org/rss/1.0/modules/content/"
	NSAtom    = "http://www.w3.org/2005/Atom"
	NSPodcast = "https://podcastindex.org/namespace/1.0"
	NSPSC     = "http://podlove.org/simple-chapters"
)

// Encode writes ch as an RSS 2.0 podcast feed: the XML declaration, <rss>
// with its namespaces, then every non-empty field in the canonical order
// documented in docs/feed-output.md, indented by two spaces and ending with
// a newline. The same Channel always gives the same bytes.
//
// Text is escaped; Description and ContentEncoded are written as CDATA.
// Characters XML does not allow are dropped and invalid UTF-8 becomes
// U+FFFD, so the output is always well-formed. Encode does not judge
// content: a missing title is simply not written.
func Encode(w io.Writer, ch *Channel) error {
	_, err := encodeFeed(w, ch, false)
	return err
}

// Span is the extent of one element in the encoded feed, in bytes from
// the start of the output: Start is the offset of its '<', End the offset
// just past the '>' of its end tag.
type Span struct{ Start, End int64 }

// Layout is where an encoded feed put its channel's items, in their
// order: enough to find what a position of the feed falls in by reading
// only the item that holds it (the build gate traces validator findings
// this way without holding the feed in memory).
type Layout struct {
	Items []Span
	Size  int64 // bytes written in all
}

// EncodeLayout is Encode that also returns where each item went. The
// bytes are the same as Encode's.
func EncodeLayout(w io.Writer, ch *Channel) (*Layout, error) {
	return encodeFeed(w, ch, true)
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func encodeFeed(w io.Writer, ch *Channel, spans bool) (*Layout, error) {
	if ch == nil {
		return nil, fmt.Errorf("feed: encode: nil channel")
	}
	e := newEncoder(w, ch, spans)
	for i := range ch.Items {
		e.Item(&ch.Items[i])
	}
	return e.Close()
}

// Encoder writes a feed one item at a time, for a caller that makes the
// items as it goes and does not hold them all (a build renders the show
// notes of a few items at a time). The bytes are Encode's for the channel
// with the items given, in the order given.
type Encoder struct {
	cw    *counter
	x     *xw
	lay   *Layout
	spans bool // record where each item goes
}

// NewEncoder writes the feed's start: the channel's fields, everything
// before its first item. Of ch.Items it reads only whether any has PSC
// chapters (which declares their namespace); the items themselves are
// given to Item.
func NewEncoder(w io.Writer, ch *Channel) *Encoder {
	return newEncoder(w, ch, true)
}

func newEncoder(w io.Writer, ch *Channel, spans bool) *Encoder {
	cw := &counter{w: w}
	x := &xw{b: bufio.NewWriterSize(cw, 64<<10), num: make([]byte, 0, 64)}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if ch.Stylesheet != "" {
		x.b.WriteString(`<?xml-stylesheet type="text/xsl" href="`)
		x.escape(ch.Stylesheet, true)
		x.b.WriteString("\"?>\n")
	}
	x.start("rss")
	x.attr("version", "2.0")
	x.attr("xmlns:itunes", NSItunes)
	x.attr("xmlns:content", NSContent)
	x.attr("xmlns:atom", NSAtom)
	x.attr("xmlns:podcast", NSPodcast)
	if hasPSC(ch) {
		x.attr("xmlns:psc", NSPSC)
	}
	x.endOpen()
	x.open("channel")
	x.channel(ch)
	e := &Encoder{cw: cw, x: x, lay: &Layout{}, spans: spans}
	if spans {
		e.lay.Items = make([]Span, 0, len(ch.Items))
	}
	return e
}

// at is the offset of the next byte written.
func (e *Encoder) at() int64 { return e.cw.n + int64(e.x.b.Buffered()) }

// Item writes the next item. A write that fails is reported by Close;
// after it, Item writes nothing.
func (e *Encoder) Item(it *Item) {
	if !e.spans {
		e.x.item(it)
		return
	}
	// The item's line starts with its indent; its end tag ends with a
	// line break.
	start := e.at() + int64(2*e.x.depth)
	e.x.item(it)
	e.lay.Items = append(e.lay.Items, Span{Start: start, End: e.at() - 1})
}

// Close writes the end of the feed and returns where each item went.
func (e *Encoder) Close() (*Layout, error) {
	e.x.close("channel")
	e.x.close("rss")
	if err := e.x.b.Flush(); err != nil {
		return nil, fmt.Errorf("feed: encode: %w", err)
	}
	e.lay.Size = e.cw.n
	return e.lay, nil
}

func hasPSC(ch *Channel) bool {
	for i := range ch.Items {
		if len(ch.Items[i].PSC) > 0 {
			return true
		}
	}
	return false
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func trueFalse(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (x *xw) channel(ch *Channel) {
	// RSS 2.0 and Atom.
	x.elem("title", ch.Title)
	x.elem("link", ch.Link)
	if ch.SelfURL != "" {
		x.start("atom:link")
		x.attr("href", ch.SelfURL)
		x.attr("rel", "self")
		x.attr("type", "application/rss+xml")
		x.endEmpty()
	}
	x.elemCDATA("description", ch.Description)
	x.elem("language", ch.Language)
	x.elem("copyright", ch.Copyright)
	x.elem("managingEditor", ch.ManagingEditor)
	x.elem("webMaster", ch.WebMaster)
	x.elem("generator", ch.Generator)
	x.elemDate("pubDate", ch.PubDate)
	x.elemDate("lastBuildDate", ch.LastBuildDate)
	x.elemInt("ttl", int64(ch.TTL))
	if im := ch.Image; im != nil {
		x.open("image")
		x.elem("url", im.URL)
		x.elem("title", im.Title)
		x.elem("link", im.Link)
		x.elemInt("width", int64(im.Width))
		x.elemInt("height", int64(im.Height))
		x.close("image")
	}

	// Apple.
	x.elem("itunes:title", ch.ItunesTitle)
	x.elem("itunes:author", ch.ItunesAuthor)
	x.elem("itunes:summary", ch.ItunesSummary)
	x.itunesImage(ch.ItunesImage)
	if o := ch.ItunesOwner; o != nil {
		x.open("itunes:owner")
		x.elem("itunes:name", o.Name)
		x.elem("itunes:email", o.Email)
		x.close("itunes:owner")
	}
	for _, c := range ch.Categories {
		x.start("itunes:category")
		x.attr("text", c.Text)
		if c.Sub == "" {
			x.endEmpty()
			continue
		}
		x.endOpen()
		x.start("itunes:category")
		x.attr("text", c.Sub)
		x.endEmpty()
		x.close("itunes:category")
	}
	x.elem("itunes:explicit", trueFalse(ch.Explicit))
	x.elem("itunes:type", ch.ItunesType)
	if ch.Complete {
		x.elem("itunes:complete", "Yes")
	}
	if ch.Block {
		x.elem("itunes:block", "Yes")
	}
	x.elem("itunes:new-feed-url", ch.NewFeedURL)
	x.elem("itunes:keywords", ch.ItunesKeywords)

	// Podcasting 2.0.
	x.elem("podcast:guid", ch.GUID)
	if l := ch.Locked; l != nil {
		x.start("podcast:locked")
		x.attrOpt("owner", l.Owner)
		x.endText("podcast:locked", yesNo(l.Value))
	}
	for _, f := range ch.Funding {
		x.start("podcast:funding")
		x.attr("url", f.URL)
		x.endText("podcast:funding", f.Text)
	}
	x.persons(ch.Persons)
	x.location(ch.Location)
	x.license(ch.License)
	x.elem("podcast:medium", ch.Medium)
	if u := ch.UpdateFrequency; u != nil {
		x.start("podcast:updateFrequency")
		if u.Complete {
			x.attr("complete", "true")
		}
		if !u.DTStart.IsZero() {
			x.num = u.DTStart.UTC().AppendFormat(x.num[:0], "2006-01-02T15:04:05.000Z")
			x.rawAttr("dtstart", x.num)
		}
		x.attrOpt("rrule", u.RRule)
		x.endText("podcast:updateFrequency", u.Text)
	}
	for _, t := range ch.Trailers {
		x.start("podcast:trailer")
		x.attrDate("pubdate", t.PubDate)
		x.attr("url", t.URL)
		x.attrInt("length", t.Length)
		x.attrOpt("type", t.Type)
		x.attrInt("season", int64(t.Season))
		x.endText("podcast:trailer", t.Title)
	}
	x.images(ch.Images)
	x.txts(ch.Txt)
	x.value(ch.Value)
	if len(ch.Podroll) > 0 {
		x.open("podcast:podroll")
		for _, r := range ch.Podroll {
			x.start("podcast:remoteItem")
			x.attrOpt("feedGuid", r.FeedGUID)
			x.attrOpt("feedUrl", r.FeedURL)
			x.attrOpt("itemGuid", r.ItemGUID)
			x.attrOpt("medium", r.Medium)
			x.endEmpty()
		}
		x.close("podcast:podroll")
	}
}

func (x *xw) item(it *Item) {
	x.open("item")
	x.elem("title", it.Title)
	x.elem("link", it.Link)
	x.elemCDATA("description", it.Description)
	x.elemCDATA("content:encoded", it.ContentEncoded)
	if it.GUID != "" {
		x.start("guid")
		x.attr("isPermaLink", trueFalse(it.GUIDPermaLink))
		x.endText("guid", it.GUID)
	}
	x.elemDate("pubDate", it.PubDate)
	if e := it.Enclosure; e != nil {
		x.start("enclosure")
		x.attr("url", e.URL)
		x.num = strconv.AppendInt(x.num[:0], e.Length, 10)
		x.rawAttr("length", x.num)
		x.attr("type", e.Type)
		x.endEmpty()
	}
	x.elem("author", it.Author)
	for _, c := range it.Categories {
		x.start("category")
		x.attrOpt("domain", c.Domain)
		x.endText("category", c.Text)
	}
	x.elem("comments", it.Comments)
	if s := it.Source; s != nil {
		x.start("source")
		x.attr("url", s.URL)
		x.endText("source", s.Title)
	}

	// Apple.
	x.elem("itunes:title", it.ItunesTitle)
	x.elem("itunes:author", it.ItunesAuthor)
	x.elem("itunes:summary", it.ItunesSummary)
	x.itunesImage(it.ItunesImage)
	if it.Duration > 0 {
		x.elemInt("itunes:duration", int64(it.Duration/time.Second))
	}
	if it.Explicit != nil {
		x.elem("itunes:explicit", trueFalse(*it.Explicit))
	}
	x.elemInt("itunes:season", int64(it.Season))
	x.elemInt("itunes:episode", int64(it.Episode))
	x.elem("itunes:episodeType", it.EpisodeType)
	if it.Block {
		x.elem("itunes:block", "Yes")
	}

	// Podcasting 2.0.
	if it.Season != 0 {
		x.start("podcast:season")
		x.attrOpt("name", it.SeasonName)
		x.b.WriteByte('>')
		x.b.Write(strconv.AppendInt(x.num[:0], int64(it.Season), 10))
		x.b.WriteString("</podcast:season>\n")
	}
	if it.Episode != 0 {
		x.start("podcast:episode")
		x.attrOpt("display", it.EpisodeDisplay)
		x.b.WriteByte('>')
		x.b.Write(strconv.AppendInt(x.num[:0], int64(it.Episode), 10))
		x.b.WriteString("</podcast:episode>\n")
	}
	for _, t := range it.Transcripts {
		x.start("podcast:transcript")
		x.attr("url", t.URL)
		x.attr("type", t.Type)
		x.attrOpt("language", t.Language)
		x.attrOpt("rel", t.Rel)
		x.endEmpty()
	}
	if c := it.Chapters; c != nil {
		x.start("podcast:chapters")
		x.attr("url", c.URL)
		x.attr("type", c.Type)
		x.endEmpty()
	}
	for _, s := range it.Soundbites {
		x.start("podcast:soundbite")
		x.num = strconv.AppendFloat(x.num[:0], s.Start.Seconds(), 'f', -1, 64)
		x.rawAttr("startTime", x.num)
		x.num = strconv.AppendFloat(x.num[:0], s.Duration.Seconds(), 'f', -1, 64)
		x.rawAttr("duration", x.num)
		x.endText("podcast:soundbite", s.Title)
	}
	x.persons(it.Persons)
	x.location(it.Location)
	x.license(it.License)
	for i := range it.AlternateEnclosures {
		x.altEnclosure(&it.AlternateEnclosures[i])
	}
	x.images(it.Images)
	x.txts(it.Txt)
	x.value(it.Value)
	for _, s := range it.SocialInteract {
		x.start("podcast:socialInteract")
		x.attr("protocol", s.Protocol)
		x.attrOpt("uri", s.URI)
		x.attrOpt("accountId", s.AccountID)
		x.attrOpt("accountUrl", s.AccountURL)
		x.attrInt("priority", int64(s.Priority))
		x.endEmpty()
	}

	// Podlove Simple Chapters.
	if len(it.PSC) > 0 {
		x.start("psc:chapters")
		x.attr("version", "1.2")
		x.endOpen()
		for _, c := range it.PSC {
			x.start("psc:chapter")
			x.num = AppendNPT(x.num[:0], c.Start)
			x.rawAttr("start", x.num)
			x.attr("title", c.Title)
			x.attrOpt("href", c.Href)
			x.attrOpt("image", c.Image)
			x.endEmpty()
		}
		x.close("psc:chapters")
	}
	x.close("item")
}

// AppendNPT appends d as Normal Play Time "HH:MM:SS.mmm" (hours grow past
// two digits when needed; negative durations count as zero).
func AppendNPT(b []byte, d time.Duration) []byte {
	if d < 0 {
		d = 0
	}
	ms := int64((d + time.Millisecond/2) / time.Millisecond)
	h, m, s, f := ms/3600000, ms/60000%60, ms/1000%60, ms%1000
	if h < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, h, 10)
	b = append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), '.',
		byte('0'+f/100), byte('0'+f/10%10), byte('0'+f%10))
	return b
}

func (x *xw) itunesImage(href string) {
	if href == "" {
		return
	}
	x.start("itunes:image")
	x.attr("href", href)
	x.endEmpty()
}

func (x *xw) persons(ps []Person) {
	for _, p := range ps {
		x.start("podcast:person")
		x.attrOpt("role", p.Role)
		x.attrOpt("group", p.Group)
		x.attrOpt("img", p.Img)
		x.attrOpt("href", p.Href)
		x.endText("podcast:person", p.Name)
	}
}

func (x *xw) location(l *Location) {
	if l == nil {
		return
	}
	x.start("podcast:location")
	x.attrOpt("rel", l.Rel)
	x.attrOpt("geo", l.Geo)
	x.attrOpt("osm", l.OSM)
	x.attrOpt("country", l.Country)
	x.endText("podcast:location", l.Name)
}

func (x *xw) license(l *License) {
	if l == nil {
		return
	}
	x.start("podcast:license")
	x.attrOpt("url", l.URL)
	x.endText("podcast:license", l.Text)
}

func (x *xw) images(ims []PodcastImage) {
	for _, im := range ims {
		x.start("podcast:image")
		x.attr("href", im.Href)
		x.attrOpt("alt", im.Alt)
		x.attrOpt("aspect-ratio", im.AspectRatio)
		x.attrInt("width", int64(im.Width))
		x.attrInt("height", int64(im.Height))
		x.attrOpt("type", im.Type)
		x.attrOpt("purpose", im.Purpose)
		x.endEmpty()
	}
}

func (x *xw) txts(ts []Txt) {
	for _, t := range ts {
		x.start("podcast:txt")
		x.attrOpt("purpose", t.Purpose)
		x.endText("podcast:txt", t.Text)
	}
}

func (x *xw) value(v *Value) {
	if v == nil {
		return
	}
	x.start("podcast:value")
	x.attr("type", v.Type)
	x.attr("method", v.Method)
	x.attrOpt("suggested", v.Suggested)
	if len(v.Recipients) == 0 {
		x.endEmpty()
		return
	}
	x.endOpen()
	for _, r := range v.Recipients {
		x.start("podcast:valueRecipient")
		x.attrOpt("name", r.Name)
		x.attrOpt("customKey", r.CustomKey)
		x.attrOpt("customValue", r.CustomValue)
		x.attr("type", r.Type)
		x.attr("address", r.Address)
		x.num = strconv.AppendInt(x.num[:0], int64(r.Split), 10)
		x.rawAttr("split", x.num)
		if r.Fee {
			x.attr("fee", "true")
		}
		x.endEmpty()
	}
	x.close("podcast:value")
}

func (x *xw) altEnclosure(a *AlternateEnclosure) {
	x.start("podcast:alternateEnclosure")
	x.attr("type", a.Type)
	x.attrInt("length", a.Length)
	x.attrFloat("bitrate", a.Bitrate)
	x.attrInt("height", int64(a.Height))
	x.attrOpt("lang", a.Lang)
	x.attrOpt("title", a.Title)
	x.attrOpt("rel", a.Rel)
	x.attrOpt("codecs", a.Codecs)
	if a.Default {
		x.attr("default", "true")
	}
	if len(a.Sources) == 0 && a.Integrity == nil {
		x.endEmpty()
		return
	}
	x.endOpen()
	for _, s := range a.Sources {
		x.start("podcast:source")
		x.attr("uri", s.URI)
		x.attrOpt("contentType", s.ContentType)
		x.endEmpty()
	}
	if in := a.Integrity; in != nil {
		x.start("podcast:integrity")
		x.attr("type", in.Type)
		x.attr("value", in.Value)
		x.endEmpty()
	}
	x.close("podcast:alternateEnclosure")
}
