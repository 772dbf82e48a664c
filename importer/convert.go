package importer

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/internal/applecat"
	"github.com/podfeed/podfeed/show"
)

// Options tune Parse.
type Options struct {
	// Source is the URL the feed was fetched from, if any: relative and
	// protocol-relative URLs are resolved against it, and it becomes
	// feed_url when the feed names no atom:link rel="self".
	Source string
	// FeedURL is the feed's public URL as the user states it; it wins
	// over the feed's own atom:link rel="self" and over Source.
	FeedURL string
	// Now is when the import runs. An item without a readable date is
	// given the channel's or the newest item's date, but never one after
	// Now: it is already published, and build would hold back an episode
	// dated in the future. Zero means no such bound.
	Now time.Time
}

// Result is an imported show.
type Result struct {
	Format   string // "rss", "atom" or "rdf"
	Show     show.Show
	Episodes []Episode // sorted by File

	// Unmodelled counts the elements (and attributes) of the feed that
	// podfeed does not model, sorted by Where then Name.
	Unmodelled []Unmodelled
	// Notes says what reading changed or derived, one line each.
	Notes []string
	// ToFill lists what the feed did not say and a feed for Apple,
	// Spotify and Podcasting 2.0 apps needs: the keys to add before a
	// plain build passes its checks.
	ToFill []ToFill
}

// ToFill is one key the imported show lacks.
type ToFill struct {
	File  string // "podcast.yaml", or "episodes/*.md" for episodes
	Key   string // "feed_url", "owner.email", "length", …
	Why   string
	Count int    // episodes lacking it (0 for podcast.yaml)
	First string // the first such episode's file
}

// Episode is one imported item.
type Episode struct {
	File string // "episodes/2024-05-01-title.md", unique and stable
	Def  show.Episode
	Body string // the show notes as Markdown
}

// Unmodelled is an element podfeed does not model, and how often it occurs.
type Unmodelled struct {
	Where string // "channel" or "item"
	Name  string // "itunes:subtitle", "podcast:episode@display", …
	Count int
}

// modelled lists the direct children of the channel and of an item that
// podfeed carries over. pubDate, lastBuildDate and generator are written
// anew by build. A few entries depend on the feed's values and are
// reported by the converter instead (itunes:summary that differs from the
// description, a second enclosure).
var modelled = map[string]bool{
	// RSS channel.
	"channel\x00title": true, "channel\x00link": true, "channel\x00description": true,
	"channel\x00language": true, "channel\x00copyright": true, "channel\x00ttl": true,
	"channel\x00image": true, "channel\x00item": true, "channel\x00pubDate": true,
	"channel\x00lastBuildDate": true, "channel\x00generator": true,
	"channel\x00managingEditor": true, "channel\x00webMaster": true,
	"channel\x00atom:link rel=self": true,
	"channel\x00itunes:author":      true, "channel\x00itunes:owner": true, "channel\x00itunes:image": true,
	"channel\x00itunes:category": true, "channel\x00itunes:explicit": true, "channel\x00itunes:type": true,
	"channel\x00itunes:complete": true, "channel\x00itunes:block": true, "channel\x00itunes:new-feed-url": true,
	"channel\x00itunes:keywords": true, "channel\x00itunes:title": true, "channel\x00itunes:summary": true,
	"channel\x00podcast:guid": true, "channel\x00podcast:locked": true, "channel\x00podcast:funding": true,
	"channel\x00podcast:person": true, "channel\x00podcast:location": true, "channel\x00podcast:license": true,
	"channel\x00podcast:medium": true, "channel\x00podcast:updateFrequency": true, "channel\x00podcast:podroll": true,
	"channel\x00podcast:txt": true, "channel\x00podcast:value": true,
	// Atom feed.
	"channel\x00subtitle": true, "channel\x00link rel=alternate": true, "channel\x00link rel=self": true,
	"channel\x00entry": true, "channel\x00updated": true, "channel\x00rights": true, "channel\x00logo": true,
	"channel\x00icon": true, "channel\x00author": true,
	// RSS item.
	"item\x00title": true, "item\x00link": true, "item\x00description": true, "item\x00guid": true,
	"item\x00pubDate": true, "item\x00enclosure": true, "item\x00content:encoded": true,
	"item\x00itunes:duration": true, "item\x00itunes:explicit": true, "item\x00itunes:season": true,
	"item\x00itunes:episode": true, "item\x00itunes:episodeType": true, "item\x00itunes:image": true,
	"item\x00itunes:title": true, "item\x00itunes:block": true, "item\x00itunes:summary": true,
	"item\x00itunes:author": true,
	"item\x00author":        true, "item\x00category": true, "item\x00comments": true, "item\x00source": true,
	"item\x00podcast:transcript": true, "item\x00podcast:soundbite": true, "item\x00podcast:person": true,
	"item\x00podcast:location": true, "item\x00podcast:season": true, "item\x00podcast:episode": true,
	"item\x00podcast:alternateEnclosure": true, "item\x00podcast:license": true, "item\x00podcast:value": true,
	"item\x00psc:chapters": true, "item\x00podcast:chapters": true,
	// Atom entry.
	"item\x00id": true, "item\x00link rel=alternate": true, "item\x00link rel=enclosure": true,
	"item\x00published": true, "item\x00updated": true, "item\x00summary": true, "item\x00content": true,
}

// chaptersType is the type build writes on podcast:chapters.
const chaptersType = "application/json+chapters"

// converter carries one conversion's state.
type converter struct {
	sc       *scan
	base     *url.URL
	lost     map[string]int // "where\x00name"
	notes    []string
	counts   map[string]int // note key -> count, for per-item notes
	examples map[string]string
	// showAuthor is the channel's itunes:author: an item's own
	// itunes:author is kept only when it differs.
	showAuthor string
	// rssItems is set when the scan's per-item RSS elements line up with
	// gofeed's items (the same items, in the same order).
	rssItems bool
	now      time.Time // Options.Now
}

// Parse reads a feed and converts it. It fails with a *ReadError when the
// document is not a readable feed; content problems (a bad date, an
// unreadable duration) only produce notes.
func Parse(data []byte, opt Options) (*Result, error) {
	clean, sc, notes, err := read(data)
	if err != nil {
		return nil, err
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(clean))
	if err != nil {
		return nil, &ReadError{Msg: fmt.Sprintf("cannot read the feed: %v", err)}
	}
	if err := isPodcast(f, sc); err != nil {
		return nil, err
	}
	c := &converter{sc: sc, lost: map[string]int{}, notes: notes, counts: map[string]int{}, examples: map[string]string{}, now: opt.Now}
	for k, n := range sc.elements {
		if !modelled[k] {
			c.lost[k] += n
		}
	}
	if opt.Source != "" {
		if u, err := url.Parse(opt.Source); err == nil && u.IsAbs() {
			c.base = u
		}
	}
	if c.base == nil {
		for _, s := range []string{f.FeedLink, f.Link} {
			if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() {
				c.base = u
				break
			}
		}
	}
	r := &Result{Format: sc.format}
	c.rssItems = sc.format != "atom" && sc.items == len(f.Items)
	c.channel(f, &r.Show, opt)
	for i, it := range f.Items {
		r.Episodes = append(r.Episodes, c.item(i, it))
	}
	c.undated(f, r.Episodes)
	c.uniqueGUIDs(r.Episodes)
	c.name(r.Episodes)
	for k, n := range c.counts {
		msg := k
		if ex := c.examples[k]; ex != "" {
			msg += " (first: " + ex + ")"
		}
		c.notes = append(c.notes, fmt.Sprintf("%d %s", n, msg))
	}
	sort.Strings(c.notes[len(notes):])
	r.Notes = c.notes
	r.ToFill = toFill(r)
	for _, k := range sortedKeys(c.lost) {
		where, name, _ := strings.Cut(k, "\x00")
		r.Unmodelled = append(r.Unmodelled, Unmodelled{Where: where, Name: name, Count: c.lost[k]})
	}
	sort.SliceStable(r.Unmodelled, func(i, j int) bool { return r.Unmodelled[i].Where < r.Unmodelled[j].Where })
	return r, nil
}

// toFill lists the keys a show needs for Apple, Spotify and Podcasting
// 2.0 apps that the import could not fill in from the feed.
func toFill(r *Result) []ToFill {
	s := &r.Show
	var out []ToFill
	for _, f := range []struct {
		key, why string
		empty    bool
	}{
		{"title", "the show's name", s.Title == ""},
		{"description", "what the show is about (Markdown)", s.Description == ""},
		{"feed_url", "the public URL the new feed.xml will have (its atom:link rel=\"self\"; chapter files are linked from it)", s.FeedURL == ""},
		{"language", "the show's language, such as en or de-AT", s.Language == ""},
		{"author", "the name apps show as the show's author", s.Author == ""},
		{"image", "square artwork, 1400 to 3000 px, JPEG or PNG", s.Image == ""},
		{"categories", "at least one of Apple's categories, such as Technology", len(s.Categories) == 0},
		{"owner.email", "where Apple and Spotify send the ownership check", s.Owner == nil || s.Owner.Email == ""},
	} {
		if f.empty {
			out = append(out, ToFill{File: "podcast.yaml", Key: f.key, Why: f.why})
		}
	}
	eps := []struct {
		key, why string
		lacks    func(d *show.Episode) bool
	}{
		{"title", "the episode's name", func(d *show.Episode) bool { return d.Title == "" }},
		{"length", "the media file's size in bytes (or build with --probe-remote to read it)", func(d *show.Episode) bool { return d.Length == 0 }},
		{"type", "the media's MIME type, such as audio/mpeg", func(d *show.Episode) bool { return d.Type == "" && !mediaExt(d.Audio) }},
	}
	for _, e := range eps {
		f := ToFill{File: "episodes/*.md", Key: e.key, Why: e.why}
		for i := range r.Episodes {
			if d := &r.Episodes[i].Def; !d.Draft && e.lacks(d) {
				if f.Count == 0 {
					f.First = r.Episodes[i].File
				}
				f.Count++
			}
		}
		if f.Count > 0 {
			out = append(out, f)
		}
	}
	return out
}

// mediaExt reports whether a media URL's path ends in an extension that
// build turns into a type by itself.
func mediaExt(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	p := strings.ToLower(u.Path)
	for _, ext := range []string{".mp3", ".m4a", ".m4b", ".mp4", ".m4v", ".mov", ".ogg", ".oga", ".opus", ".flac", ".wav", ".aac"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// isPodcast refuses a feed whose items carry no media at all, such as a
// blog's RSS or Atom feed: importing it would give a show of drafts only.
// A channel with no items yet is a podcast before its first episode.
func isPodcast(f *gofeed.Feed, sc *scan) error {
	if len(f.Items) == 0 {
		return nil
	}
	for _, it := range f.Items {
		if len(it.Enclosures) > 0 {
			return nil
		}
	}
	one, many := "item", "items"
	if sc.format == "atom" {
		one, many = "entry", "entries"
	}
	none := fmt.Sprintf("none of its %d %s has an", len(f.Items), many)
	if len(f.Items) == 1 {
		none = "its one " + one + " has no"
	}
	return &ReadError{Msg: fmt.Sprintf("not a podcast feed: %s enclosure (the audio or video file of an episode); is it a blog's feed?", none)}
}

// note counts one occurrence of a per-item event, keeping the first example.
func (c *converter) note(msg, example string) {
	c.counts[msg]++
	if _, ok := c.examples[msg]; !ok {
		c.examples[msg] = example
	}
}

func (c *converter) lose(where, name string) { c.lost[where+"\x00"+name]++ }

// exts looks up extension elements by namespace kind, whatever prefix the
// feed bound the namespace to.
type exts struct {
	m        ext.Extensions
	prefixes map[string][]string
}

func (c *converter) exts(m ext.Extensions) exts { return exts{m: m, prefixes: c.sc.prefixes} }

func (x exts) all(kind, name string) []ext.Extension {
	var out []ext.Extension
	seen := map[string]bool{}
	for _, p := range append(append([]string{}, x.prefixes[kind]...), kind) {
		if seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, x.m[p][name]...)
	}
	return out
}

func (x exts) first(kind, name string) *ext.Extension {
	if all := x.all(kind, name); len(all) > 0 {
		return &all[0]
	}
	return nil
}

func (x exts) text(kind, name string) string {
	if e := x.first(kind, name); e != nil {
		return strings.TrimSpace(e.Value)
	}
	return ""
}

func (x exts) attr(kind, name, a string) string {
	if e := x.first(kind, name); e != nil {
		return strings.TrimSpace(e.Attrs[a])
	}
	return ""
}

func children(e ext.Extension, name string) []ext.Extension { return e.Children[name] }

// abs makes a URL absolute: protocol-relative URLs get the source's scheme
// (or https), relative ones are resolved against the source or the
// channel link.
func (c *converter) abs(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ""
	}
	if strings.HasPrefix(s, "//") {
		scheme := "https"
		if c.base != nil && (c.base.Scheme == "http" || c.base.Scheme == "https") {
			scheme = c.base.Scheme
		}
		c.note("protocol-relative URLs made absolute", s)
		return scheme + ":" + s
	}
	if l := strings.ToLower(s); strings.HasPrefix(l, "http%3a%2f%2f") || strings.HasPrefix(l, "https%3a%2f%2f") {
		if u, err := url.PathUnescape(s); err == nil {
			c.note("URLs percent-encoded whole (http%3A%2F%2F…): decoded", s)
			s = u
		}
	}
	if strings.ContainsAny(s, " \t") {
		c.note("URLs with spaces: spaces written as %20", s)
		s = strings.NewReplacer(" ", "%20", "\t", "%09").Replace(s)
	}
	u, err := url.Parse(s)
	if err != nil || u.IsAbs() {
		return s
	}
	if hostLike(s) {
		c.note("URLs without a scheme that start with a host name: https:// added", s)
		return "https://" + s
	}
	if c.base != nil {
		c.note("relative URLs resolved against "+c.base.String(), s)
		return c.base.ResolveReference(u).String()
	}
	c.note("relative URLs left as they are (no base URL to resolve them against)", s)
	return s
}

// web is abs for a key build takes only as an absolute http(s) URL (a
// link, artwork, a transcript): a value that is not one after the repairs
// (javascript:, mailto:, feed://, a relative path with no base URL to
// resolve it against) is left out, with a note naming the key, so that
// the show builds. what names the key ("link", "image"…), label the item
// or "channel".
func (c *converter) web(raw, what, label string) string {
	s := c.abs(raw)
	if s == "" || isWebURL(s) {
		return s
	}
	c.note(what+" values that are not http(s) URLs: left out", fmt.Sprintf("%s: %q", label, s))
	return ""
}

// isWebURL reports whether s is an absolute http(s) URL with a host and
// no white space, as build requires.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\r\n")
}

// hostLike reports whether a scheme-less URL starts with what can only be
// a host name ("www.example.com/x", "example.org"), not a path.
func hostLike(s string) bool {
	first, _, _ := strings.Cut(s, "/")
	if first == "" || !strings.Contains(first, ".") || strings.HasPrefix(first, ".") {
		return false
	}
	dot := strings.LastIndexByte(first, '.')
	tld := first[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false // "episode.mp3" has a file extension, not a top-level domain; also refused below
		}
	}
	switch tld {
	case "mp3", "m4a", "mp4", "ogg", "opus", "html", "htm", "php", "jpg", "jpeg", "png", "gif", "xml", "json", "vtt", "srt", "txt", "aac", "wav", "flac", "webm", "mov", "pdf":
		return false
	}
	return true
}

func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "1":
		return true
	}
	return false
}

// explicitValue reads itunes:explicit; ok is false when the value is not
// one Apple defines.
func explicitValue(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "explicit":
		return true, true
	case "no", "false", "clean":
		return false, true
	}
	return false, false
}

func (c *converter) channel(f *gofeed.Feed, s *show.Show, opt Options) {
	x := c.exts(f.Extensions)
	s.Title = c.sc.title(-1, f.Title)
	s.Description = c.markdown(f.Description, "channel description")
	if sum := x.text("itunes", "summary"); sum != "" && f.Description != "" && !sameText(sum, f.Description) {
		c.lose("channel", "itunes:summary (differs from description)")
	}
	s.Link = c.web(f.Link, "link", "channel")
	self := c.web(f.FeedLink, "atom:link rel=\"self\"", "channel")
	fetched := ""
	if u, err := url.Parse(opt.Source); err == nil && u.IsAbs() {
		// A fragment never reaches the server: it is no part of the
		// feed's address.
		u.Fragment, u.RawFragment = "", ""
		fetched = u.String()
	}
	switch {
	case opt.FeedURL != "":
		s.FeedURL = opt.FeedURL
		if self != "" && self != opt.FeedURL {
			c.notes = append(c.notes, fmt.Sprintf("feed_url is the given %s, not the feed's own atom:link rel=\"self\" %s", opt.FeedURL, self))
		}
	case fetched != "":
		s.FeedURL = fetched
		switch {
		case self == "":
			c.notes = append(c.notes, "no atom:link rel=\"self\": feed_url is the URL the feed was fetched from")
		case self != fetched:
			c.notes = append(c.notes, fmt.Sprintf("feed_url is the URL the feed was fetched from, %s, not its own atom:link rel=\"self\" %s", fetched, self))
		}
	default:
		s.FeedURL = self
	}
	s.Language = strings.TrimSpace(f.Language)
	s.Copyright = strings.TrimSpace(f.Copyright)
	s.ManagingEditor = c.sc.rss.managingEditor
	s.WebMaster = c.sc.rss.webMaster
	s.Author = x.text("itunes", "author")
	if s.Author == "" && len(f.Authors) > 0 {
		s.Author = strings.TrimSpace(f.Authors[0].Name)
	}
	c.showAuthor = s.Author
	if o := x.first("itunes", "owner"); o != nil {
		ow := &show.Owner{}
		if n := children(*o, "name"); len(n) > 0 {
			ow.Name = strings.TrimSpace(n[0].Value)
		}
		if e := children(*o, "email"); len(e) > 0 {
			ow.Email = strings.TrimSpace(e[0].Value)
		}
		if *ow != (show.Owner{}) {
			s.Owner = ow
		}
	}
	s.Image = c.web(x.attr("itunes", "image", "href"), "itunes:image", "channel")
	if s.Image == "" && f.Image != nil {
		s.Image = c.web(f.Image.URL, "image", "channel")
	}
	seen := map[string]bool{}
	for _, cat := range x.all("itunes", "category") {
		top := strings.TrimSpace(cat.Attrs["text"])
		subs := children(cat, "category")
		if len(subs) == 0 {
			subs = []ext.Extension{{}}
		}
		for _, sub := range subs {
			if name, ok := c.category(top, strings.TrimSpace(sub.Attrs["text"])); ok && !seen[name] {
				seen[name] = true
				s.Categories = append(s.Categories, name)
			}
		}
	}
	if v := x.text("itunes", "explicit"); v != "" {
		e, ok := explicitValue(v)
		if !ok {
			c.notes = append(c.notes, fmt.Sprintf("channel itunes:explicit %q is not yes/no/true/false: read as false", v))
		}
		s.Explicit = e
	}
	s.Type = strings.ToLower(x.text("itunes", "type"))
	s.Complete = yes(x.text("itunes", "complete"))
	s.Block = yes(x.text("itunes", "block"))
	s.NewFeedURL = c.web(x.text("itunes", "new-feed-url"), "itunes:new-feed-url", "channel")
	if s.NewFeedURL != "" && s.NewFeedURL == s.FeedURL {
		c.notes = append(c.notes, "itunes:new-feed-url names the feed itself: left out (it moves nothing)")
		s.NewFeedURL = ""
	}
	s.ItunesTitle = x.text("itunes", "title")
	for _, k := range strings.Split(x.text("itunes", "keywords"), ",") {
		if k = strings.TrimSpace(k); k != "" {
			s.Keywords = append(s.Keywords, k)
		}
	}
	if c.sc.ttl != "" {
		n, err := strconv.Atoi(c.sc.ttl)
		if err != nil || n < 0 {
			c.notes = append(c.notes, fmt.Sprintf("channel ttl %q is not a number of minutes: dropped", c.sc.ttl))
		} else {
			s.TTL = n
		}
	}

	// The show's guid is pinned in podcast.yaml: the feed's own
	// podcast:guid, else the one the namespace defines for the URL the
	// feed was known by (its self link, or where it was fetched), so
	// moving the show to a new feed_url never changes it.
	s.GUID = x.text("podcast", "guid")
	if s.GUID == "" {
		for _, u := range []string{self, fetched, s.FeedURL} {
			if u != "" {
				s.GUID = show.PodcastGUID(u)
				c.notes = append(c.notes, fmt.Sprintf("no podcast:guid: guid pinned to %s, the UUIDv5 of %s that the podcast namespace defines", s.GUID, u))
				break
			}
		}
	}
	if l := x.first("podcast", "locked"); l != nil {
		v := yes(l.Value)
		owner := strings.TrimSpace(l.Attrs["owner"])
		if owner == "" && strings.TrimSpace(l.Attrs["email"]) != "" {
			owner = strings.TrimSpace(l.Attrs["email"])
			c.notes = append(c.notes, "podcast:locked email=\"…\" (an early draft's spelling) read as owner")
		}
		s.Locked = &show.Locked{Owner: owner, Value: &v}
	}
	for _, e := range x.all("podcast", "funding") {
		s.Funding = append(s.Funding, show.Funding{URL: c.web(e.Attrs["url"], "podcast:funding url", "channel"), Text: strings.TrimSpace(e.Value)})
	}
	s.Persons = c.persons(x)
	s.Location = c.location(x, "channel")
	s.License = c.license(x)
	s.Medium = x.text("podcast", "medium")
	if u := x.first("podcast", "updateFrequency"); u != nil {
		s.UpdateFrequency = &show.UpdateFrequency{
			Text:     strings.TrimSpace(u.Value),
			Complete: yes(u.Attrs["complete"]),
			DTStart:  strings.TrimSpace(u.Attrs["dtstart"]),
			RRule:    strings.TrimSpace(u.Attrs["rrule"]),
		}
	}
	for _, p := range x.all("podcast", "podroll") {
		for _, ri := range children(p, "remoteItem") {
			s.Podroll = append(s.Podroll, show.RemoteItem{
				FeedGUID: strings.TrimSpace(ri.Attrs["feedGuid"]),
				FeedURL:  strings.TrimSpace(ri.Attrs["feedUrl"]),
				ItemGUID: strings.TrimSpace(ri.Attrs["itemGuid"]),
				Medium:   strings.TrimSpace(ri.Attrs["medium"]),
			})
		}
	}
	for _, t := range x.all("podcast", "txt") {
		s.Txt = append(s.Txt, show.Txt{Purpose: strings.TrimSpace(t.Attrs["purpose"]), Text: strings.TrimSpace(t.Value)})
	}
	s.Value = c.value(x, "channel")

}

// category returns the current Apple category for a feed's category and
// subcategory: pre-2019 names are renamed, letter case is fixed, and
// names Apple does not list are left out with a note.
func (c *converter) category(top, sub string) (string, bool) {
	name := top
	if sub != "" {
		name += " > " + sub
	}
	if top == "" {
		return "", false
	}
	parent, value := "", top
	if sub != "" {
		parent, value = top, sub
	}
	if repl, ok := applecat.Obsolete(parent, value); ok {
		c.note("retired Apple categories renamed to their current names", name+" → "+repl)
		return repl, true
	}
	for _, cat := range applecat.List() {
		if !strings.EqualFold(cat.Name, top) {
			continue
		}
		if sub == "" {
			return cat.Name, true
		}
		for _, s := range cat.Subs {
			if strings.EqualFold(s, sub) {
				return cat.Name + " > " + s, true
			}
		}
		if repl, ok := applecat.Obsolete(cat.Name, sub); ok {
			c.note("retired Apple categories renamed to their current names", name+" → "+repl)
			return repl, true
		}
		for _, other := range applecat.List() {
			for _, s := range other.Subs {
				if strings.EqualFold(s, sub) {
					repl := other.Name + " > " + s
					c.note("subcategories moved to the category Apple files them under now", name+" → "+repl)
					return repl, true
				}
			}
		}
		c.note("subcategories Apple does not list: kept the category alone", name)
		return cat.Name, true
	}
	c.note("categories Apple does not list: left out", name)
	return "", false
}

func (c *converter) persons(x exts) []show.Person {
	var out []show.Person
	for _, e := range x.all("podcast", "person") {
		if strings.TrimSpace(e.Value) == "" {
			c.note("podcast:person elements without a name: left out", element1(e))
			continue
		}
		out = append(out, show.Person{
			Name:  strings.TrimSpace(e.Value),
			Role:  strings.TrimSpace(e.Attrs["role"]),
			Group: strings.TrimSpace(e.Attrs["group"]),
			Img:   c.web(e.Attrs["img"], "podcast:person img", strings.TrimSpace(e.Value)),
			Href:  c.web(e.Attrs["href"], "podcast:person href", strings.TrimSpace(e.Value)),
		})
	}
	return out
}

// location reads the first podcast:location; the show format holds one,
// so the rest are reported as unmodelled.
func (c *converter) location(x exts, where string) *show.Location {
	all := x.all("podcast", "location")
	if len(all) == 0 {
		return nil
	}
	for range all[1:] {
		c.lose(where, "podcast:location (after the first)")
	}
	e := all[0]
	return &show.Location{
		Name:    strings.TrimSpace(e.Value),
		Geo:     strings.TrimSpace(e.Attrs["geo"]),
		OSM:     strings.TrimSpace(e.Attrs["osm"]),
		Rel:     strings.TrimSpace(e.Attrs["rel"]),
		Country: strings.TrimSpace(e.Attrs["country"]),
	}
}

func (c *converter) license(x exts) *show.License {
	e := x.first("podcast", "license")
	if e == nil {
		return nil
	}
	return &show.License{Name: strings.TrimSpace(e.Value), URL: c.web(e.Attrs["url"], "podcast:license url", strings.TrimSpace(e.Value))}
}

func (c *converter) value(x exts, where string) *show.Value {
	all := x.all("podcast", "value")
	if len(all) == 0 {
		return nil
	}
	if len(all) > 1 {
		c.lose(where, "podcast:value (after the first)")
	}
	e := all[0]
	v := &show.Value{
		Type:      strings.TrimSpace(e.Attrs["type"]),
		Method:    strings.TrimSpace(e.Attrs["method"]),
		Suggested: strings.TrimSpace(e.Attrs["suggested"]),
	}
	for _, r := range children(e, "valueRecipient") {
		raw := strings.TrimSpace(r.Attrs["split"])
		split, err := strconv.Atoi(raw)
		if f, ferr := strconv.ParseFloat(raw, 64); err != nil && ferr == nil && f >= 0 && f < 1e9 {
			// "33.3": the namespace counts shares in whole numbers;
			// the nearest one keeps the recipients' proportions.
			split, err = int(math.Round(f)), nil
			c.note(where+" podcast:valueRecipient split with a fraction: rounded to a whole number of shares", raw+" → "+strconv.Itoa(split))
		}
		switch {
		case err != nil:
			split = 0
			c.note(where+" podcast:valueRecipient split not a whole number: read as 0", raw)
		case split < 0:
			split = 0
			c.note(where+" podcast:valueRecipient split below zero: read as 0", raw)
		}
		v.Recipients = append(v.Recipients, show.Recipient{
			Name:        strings.TrimSpace(r.Attrs["name"]),
			Type:        strings.TrimSpace(r.Attrs["type"]),
			Address:     strings.TrimSpace(r.Attrs["address"]),
			Split:       split,
			Fee:         yes(r.Attrs["fee"]),
			CustomKey:   strings.TrimSpace(r.Attrs["customKey"]),
			CustomValue: strings.TrimSpace(r.Attrs["customValue"]),
		})
	}
	for name := range e.Children {
		if name != "valueRecipient" {
			c.lose(where, "podcast:value/"+name)
		}
	}
	return v
}

func (c *converter) item(i int, it *gofeed.Item) Episode {
	x := c.exts(it.Extensions)
	var ep Episode
	d := &ep.Def
	label := fmt.Sprintf("item %d", i+1)
	d.Title = c.sc.title(i, it.Title)
	if d.Title != "" {
		label = fmt.Sprintf("item %d %q", i+1, d.Title)
	} else {
		c.note("items without a title", label)
	}
	raw := it.Published
	if raw == "" {
		raw = it.Updated
	}
	if raw == "" {
		c.note("items without a publication date", label)
	} else if t, err := ParseDate(raw); err != nil {
		c.note("items with a date that cannot be read", fmt.Sprintf("%s: %v", label, err))
	} else {
		d.Date = FormatDate(t)
	}
	audio := ""
	if len(it.Enclosures) > 0 {
		audio = c.abs(it.Enclosures[0].URL)
	}
	if len(it.Enclosures) > 0 && !isWebURL(audio) {
		// An enclosure without a usable URL (empty, a relative path with
		// nothing to resolve it against, ftp:) plays nowhere: the item
		// is kept as a draft, like one without an enclosure.
		d.Draft = true
		c.note("items whose enclosure has no http(s) URL: written as drafts, which build leaves out", fmt.Sprintf("%s: %q", label, strings.TrimSpace(it.Enclosures[0].URL)))
	} else if len(it.Enclosures) > 0 {
		enc := it.Enclosures[0]
		d.Audio = audio
		d.Type = strings.TrimSpace(enc.Type)
		if l := strings.TrimSpace(enc.Length); l != "" {
			n, err := strconv.ParseInt(l, 10, 64)
			if err != nil || n < 0 {
				c.note("enclosure lengths that are not a byte count: left out", fmt.Sprintf("%s: %q", label, l))
			} else {
				d.Length = n
			}
		}
		for range it.Enclosures[1:] {
			c.lose("item", "enclosure (after the first)")
		}
	} else {
		d.Draft = true
		c.note("items without an enclosure: written as drafts, which build leaves out", label)
	}
	d.GUID = strings.TrimSpace(it.GUID)
	if d.GUID == "" {
		switch {
		case d.Audio != "":
			d.GUID = d.Audio
			c.note("items without a guid: the enclosure URL became the guid (apps identify such items by it)", label)
		case it.Link != "":
			d.GUID = strings.TrimSpace(it.Link)
			c.note("items without a guid or enclosure: the link became the guid", label)
		default:
			c.note("items without a guid, enclosure or link: no guid", label)
		}
	}
	if v := x.text("itunes", "duration"); v != "" {
		if dur, odd, err := ParseDurationLenient(v); err != nil {
			c.note("itunes:duration values that cannot be read: left out", fmt.Sprintf("%s: %q", label, v))
		} else {
			d.Duration = FormatDuration(dur)
			if odd {
				c.note("itunes:duration values with minutes or seconds past 59: read as the total they add up to", fmt.Sprintf("%s: %q is %s, %d s", label, v, d.Duration, dur/time.Second))
			}
		}
	}
	d.Season = c.intValue(x.text("itunes", "season"), "itunes:season", label)
	d.Episode = c.intValue(x.text("itunes", "episode"), "itunes:episode", label)
	if ps := x.first("podcast", "season"); ps != nil {
		if d.Season == 0 {
			d.Season = c.intValue(ps.Value, "podcast:season", label)
		}
		d.SeasonName = strings.TrimSpace(ps.Attrs["name"])
	}
	if pe := x.first("podcast", "episode"); pe != nil {
		if d.Episode == 0 {
			d.Episode = c.intValue(pe.Value, "podcast:episode", label)
		}
		if disp := strings.TrimSpace(pe.Attrs["display"]); disp != "" {
			if d.Episode == 0 {
				c.note("podcast:episode display values without an episode number: left out (build needs the number apps sort by)", fmt.Sprintf("%s: %q", label, disp))
			} else {
				d.EpisodeDisplay = disp
			}
		}
	}
	if a := x.text("itunes", "author"); a != "" && a != c.showAuthor {
		d.Author = a
	}
	c.rssFields(i, it, d)
	d.EpisodeType = strings.ToLower(x.text("itunes", "episodeType"))
	if v := x.text("itunes", "explicit"); v != "" {
		if e, ok := explicitValue(v); ok {
			d.Explicit = &e
		} else {
			c.note("itunes:explicit values that are not yes/no/true/false: left out", fmt.Sprintf("%s: %q", label, v))
		}
	}
	d.Image = c.web(x.attr("itunes", "image", "href"), "itunes:image", label)
	d.ItunesTitle = x.text("itunes", "title")
	d.Link = c.web(it.Link, "link", label)
	d.Block = yes(x.text("itunes", "block"))
	for _, t := range x.all("podcast", "transcript") {
		u := c.web(t.Attrs["url"], "podcast:transcript url", label)
		if u == "" {
			// Nothing to link to (build needs the url): the element is
			// left out; a url that is there but no http(s) URL has its
			// own note from web.
			if strings.TrimSpace(t.Attrs["url"]) == "" {
				c.note("podcast:transcript elements without a url: left out", label)
			}
			continue
		}
		d.Transcripts = append(d.Transcripts, show.Transcript{
			URL:      u,
			Type:     strings.TrimSpace(t.Attrs["type"]),
			Language: strings.TrimSpace(t.Attrs["language"]),
			Rel:      strings.TrimSpace(t.Attrs["rel"]),
		})
	}
	d.Persons = c.persons(x)
	d.Location = c.location(x, "item")
	for _, sb := range x.all("podcast", "soundbite") {
		d.Soundbites = append(d.Soundbites, show.Soundbite{
			Start:    strings.TrimSpace(sb.Attrs["startTime"]),
			Duration: strings.TrimSpace(sb.Attrs["duration"]),
			Title:    strings.TrimSpace(sb.Value),
		})
	}
	for _, ae := range x.all("podcast", "alternateEnclosure") {
		d.AlternateEnclosures = append(d.AlternateEnclosures, c.alternate(ae, label))
	}
	d.License = c.license(x)
	d.Value = c.value(x, "item")

	content := strings.TrimSpace(it.Content)
	desc := strings.TrimSpace(it.Description)
	switch {
	case content != "":
		ep.Body = c.markdown(content, label+" content:encoded")
		if desc != "" && !sameText(desc, content) {
			d.Summary = c.markdown(desc, label+" description")
		}
	default:
		ep.Body = c.markdown(desc, label+" description")
	}
	if sum := x.text("itunes", "summary"); sum != "" && !sameText(sum, desc) && !sameText(sum, content) {
		c.lose("item", "itunes:summary (differs from description)")
	}
	d.Chapters = c.chapters(x, label)
	if ch := x.first("podcast", "chapters"); ch != nil {
		d.ChaptersURL = c.web(ch.Attrs["url"], "podcast:chapters url", label)
		if t := strings.TrimSpace(ch.Attrs["type"]); t != "" && t != chaptersType {
			c.note("podcast:chapters types other than "+chaptersType+": build writes "+chaptersType+", the type the namespace names for JSON chapters", fmt.Sprintf("%s: %q", label, t))
		}
	}
	return ep
}

// rssFields carries over the item's RSS author, categories, comments and
// source (Atom: the entry's author and categories).
func (c *converter) rssFields(i int, it *gofeed.Item, d *show.Episode) {
	if c.sc.format == "atom" {
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			a := it.Authors[0]
			name, email := strings.TrimSpace(a.Name), strings.TrimSpace(a.Email)
			switch {
			case email != "" && name != "":
				d.AuthorEmail = email + " (" + name + ")"
			case email != "":
				d.AuthorEmail = email
			case name != "" && name != c.showAuthor:
				d.AuthorEmail = name
			}
		}
		for _, cat := range it.Categories {
			if cat = strings.TrimSpace(cat); cat != "" {
				d.Categories = append(d.Categories, show.ItemCategory{Name: cat})
			}
		}
		return
	}
	if !c.rssItems || i >= len(c.sc.rss.items) {
		return
	}
	r := c.sc.rss.items[i]
	d.AuthorEmail = r.author
	for _, cat := range r.categories {
		d.Categories = append(d.Categories, show.ItemCategory{Name: cat.text, Domain: cat.domain})
	}
	d.Comments = c.abs(r.comments)
	if r.source != nil && (r.source.url != "" || r.source.title != "") {
		d.Source = &show.ItemSource{URL: c.abs(r.source.url), Title: r.source.title}
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func (c *converter) intValue(s, tag, label string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		c.note(tag+" values that are not whole numbers: left out", fmt.Sprintf("%s: %q", label, s))
		return 0
	}
	return n
}

func (c *converter) alternate(e ext.Extension, label string) show.AlternateEnclosure {
	a := show.AlternateEnclosure{
		Type:    strings.TrimSpace(e.Attrs["type"]),
		Lang:    strings.TrimSpace(firstOf(e.Attrs["lang"], e.Attrs["language"])),
		Title:   strings.TrimSpace(e.Attrs["title"]),
		Rel:     strings.TrimSpace(e.Attrs["rel"]),
		Codecs:  strings.TrimSpace(e.Attrs["codecs"]),
		Default: yes(e.Attrs["default"]),
	}
	if v := strings.TrimSpace(e.Attrs["length"]); v != "" {
		a.Length, _ = strconv.ParseInt(v, 10, 64)
	}
	if v := strings.TrimSpace(e.Attrs["bitrate"]); v != "" {
		a.Bitrate, _ = strconv.ParseFloat(v, 64)
	}
	if v := strings.TrimSpace(e.Attrs["height"]); v != "" {
		a.Height, _ = strconv.Atoi(v)
	}
	for _, s := range children(e, "source") {
		a.Sources = append(a.Sources, show.Source{URI: c.abs(s.Attrs["uri"]), ContentType: strings.TrimSpace(s.Attrs["contentType"])})
	}
	if in := children(e, "integrity"); len(in) > 0 {
		a.Integrity = &show.Integrity{Type: strings.TrimSpace(in[0].Attrs["type"]), Value: strings.TrimSpace(in[0].Attrs["value"])}
	}
	return a
}

// chapters turns inline Podlove Simple Chapters into a chapters: list:
// "HH:MM:SS.mmm Title" strings, or {start, title, url, image} maps when a
// chapter has a link or an image.
func (c *converter) chapters(x exts, label string) *yaml.Node {
	all := x.all("psc", "chapters")
	if len(all) == 0 {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, ch := range children(all[0], "chapter") {
		start, err := ParseDuration(ch.Attrs["start"])
		if err != nil {
			c.note("psc:chapter starts that cannot be read: chapter left out", fmt.Sprintf("%s: %q", label, ch.Attrs["start"]))
			continue
		}
		title := strings.TrimSpace(ch.Attrs["title"])
		href := c.web(ch.Attrs["href"], "psc:chapter href", label)
		img := c.web(ch.Attrs["image"], "psc:chapter image", label)
		if line := FormatChapterStart(start) + " " + title; href == "" && img == "" && readsBack(line, start, title) {
			seq.Content = append(seq.Content, str(line))
			continue
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		m.Content = append(m.Content, str("start"), str(FormatChapterStart(start)), str("title"), str(title))
		if href != "" {
			m.Content = append(m.Content, str("url"), str(href))
		}
		if img != "" {
			m.Content = append(m.Content, str("image"), str(img))
		}
		seq.Content = append(seq.Content, m)
	}
	if len(all) > 1 {
		c.lose("item", "psc:chapters (after the first)")
	}
	if len(seq.Content) == 0 {
		return nil
	}
	return seq
}

// readsBack reports whether the chapter line the import would write is
// read back by build as the same start and title; when it is not (a title
// that holds markup, a link, a time of its own, or that cleaning would
// change), the chapter is written as a {start, title} map instead.
func readsBack(line string, start time.Duration, title string) bool {
	if strings.ContainsAny(title, "\n\r") {
		return false
	}
	ch, err := chapters.ParseLine(line)
	return err == nil && ch.Start == start.Milliseconds() && ch.Title == title && ch.URL == ""
}

// markdown converts show notes from HTML. Text without markup is kept as
// it is.
func (c *converter) markdown(s, what string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !looksLikeHTML(s) {
		return c.plainMarkdown(s, what)
	}
	md, err := htmltomarkdown.ConvertString(s)
	if err != nil {
		c.note("show notes that could not be converted to Markdown: kept as HTML", what)
		return s
	}
	return unglue(strings.TrimSpace(md))
}

// unglue puts a space between a bare URL and an image or link written
// right after it ("…/report![](pixel.gif)"): Markdown's autolinks run to
// the next white space, so the URL would swallow the image.
func unglue(md string) string {
	var b strings.Builder
	last := 0
	for i := 1; i < len(md); i++ {
		if md[i] != '[' {
			continue
		}
		at := i
		if md[i-1] == '!' {
			at = i - 1
		}
		if at == 0 || !isURLChar(md[at-1]) {
			continue
		}
		start := strings.LastIndexAny(md[:at], " \t\n(<") + 1
		word := md[start:at]
		if word == "" || !(strings.Contains(word, "://") || strings.HasPrefix(word, "www.")) {
			continue
		}
		b.WriteString(md[last:at])
		b.WriteByte(' ')
		last = at
	}
	if last == 0 {
		return md
	}
	b.WriteString(md[last:])
	return b.String()
}

func isURLChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/-._~%?#=&+", c) >= 0
}

// looksLikeHTML reports whether s has a tag: "<" then a letter, "/" or "!".
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		n := s[i+1]
		if n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n == '/' || n == '!' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// plainMarkdown turns plain-text notes into Markdown that renders as the
// same text: Markdown characters are escaped, blank lines still separate
// paragraphs and single line breaks stay line breaks.
func (c *converter) plainMarkdown(s, what string) string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l == "" {
				continue
			}
			md, err := htmltomarkdown.ConvertString(html.EscapeString(l))
			if err != nil {
				c.note("show notes that could not be converted to Markdown: kept as text", what)
				md = l
			}
			lines = append(lines, strings.TrimSpace(md))
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\\\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// sameText reports whether two texts say the same once markup and
// whitespace are ignored.
func sameText(a, b string) bool {
	return plain(a) == plain(b)
}

func plain(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in && r > ' ' && r != 0xa0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// undated gives items without a (readable) date the channel's own date
// (lastBuildDate or pubDate), else the newest item's date: build needs a
// date, and the feed's readers showed such items as of the feed's date.
func (c *converter) undated(f *gofeed.Feed, eps []Episode) {
	var fallback time.Time
	var from string
	future := func(t time.Time) bool { return !c.now.IsZero() && t.After(c.now) }
	for _, s := range []string{f.Updated, f.Published} {
		if t, err := ParseDate(s); err == nil && !future(t) {
			fallback, from = t, "the channel's date"
			break
		}
	}
	if fallback.IsZero() {
		// The newest published item's: a scheduled one (dated after
		// now) would hold the undated item back with it.
		for _, ep := range eps {
			if t, err := time.Parse(time.RFC3339, ep.Def.Date); err == nil && t.After(fallback) && !future(t) {
				fallback, from = t, "the newest item's date"
			}
		}
	}
	if fallback.IsZero() && !c.now.IsZero() {
		fallback, from = c.now.Truncate(time.Second), "the time of the import"
	}
	if fallback.IsZero() {
		return
	}
	for i := range eps {
		if eps[i].Def.Date == "" {
			eps[i].Def.Date = FormatDate(fallback)
			c.note("items without a readable date: given "+from+" ("+FormatDate(fallback)+")", fmt.Sprintf("%q", eps[i].Def.Title))
		}
	}
}

// uniqueGUIDs gives a later item that repeats an earlier item's guid a
// guid of its own: its enclosure URL when that is free, else the guid with
// "#2", "#3"… appended. Build refuses duplicate guids, and apps show only
// one of the items that share one.
func (c *converter) uniqueGUIDs(eps []Episode) {
	used := map[string]bool{}
	for i := range eps {
		used[eps[i].Def.GUID] = true
	}
	seen := map[string]bool{}
	for i := range eps {
		d := &eps[i].Def
		if d.GUID == "" || !seen[d.GUID] {
			seen[d.GUID] = true
			continue
		}
		old := d.GUID
		switch {
		case d.Audio != "" && !used[d.Audio]:
			d.GUID = d.Audio
		default:
			for n := 2; ; n++ {
				g := fmt.Sprintf("%s#%d", old, n)
				if !used[g] {
					d.GUID = g
					break
				}
			}
		}
		used[d.GUID], seen[d.GUID] = true, true
		c.note("items repeating an earlier item's guid: given a new guid (the enclosure URL, or the guid with #2)", fmt.Sprintf("%q → %q", old, d.GUID))
	}
}

// element1 shows an extension element briefly, for notes.
func element1(e ext.Extension) string {
	keys := sortedKeys(e.Attrs)
	var b strings.Builder
	b.WriteString("<" + e.Name)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, e.Attrs[k])
	}
	b.WriteString(">")
	return b.String()
}

// name gives every episode a file name: date-prefixed slug, unique, and
// stable across runs (episodes are numbered oldest first, so new episodes
// never rename old ones).
func (c *converter) name(eps []Episode) {
	order := make([]int, len(eps))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		da, db := eps[order[a]].Def.Date, eps[order[b]].Def.Date
		ta, _ := time.Parse(time.RFC3339, da)
		tb, _ := time.Parse(time.RFC3339, db)
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return eps[order[a]].Def.GUID < eps[order[b]].Def.GUID
	})
	taken := map[string]bool{}
	for _, i := range order {
		var date time.Time
		if eps[i].Def.Date != "" {
			date, _ = time.Parse(time.RFC3339, eps[i].Def.Date)
		}
		base := FileSlug(date, eps[i].Def.Title)
		name := base
		for n := 2; taken[name]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		taken[name] = true
		eps[i].File = "episodes/" + name + ".md"
	}
	sort.Slice(eps, func(a, b int) bool { return eps[a].File < eps[b].File })
}
