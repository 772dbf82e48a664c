package importer

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	xhtml "golang.org/x/net/html"
)

// Difference is one thing a feed built from an import says differently
// from the feed that was imported, or no longer says.
type Difference struct {
	Where string // "channel", or `item 3 "Title" (guid "…")`
	Field string // "title", "enclosure length", "itunes:duration", …
	Was   string
	Is    string
}

func (d Difference) String() string {
	return fmt.Sprintf("%s: %s: was %q, is %q", d.Where, d.Field, d.Was, d.Is)
}

// CompareOptions tune Compare.
type CompareOptions struct {
	// Now is the time the feed was built at: source items dated after it
	// are held back by build, as scheduled episodes.
	Now time.Time
}

// Comparison is what Compare found.
type Comparison struct {
	Differences []Difference
	// Items is how many source items were compared; Skipped counts
	// those the import documents as not published (no enclosure: a
	// draft; a later item repeating a guid; dated after Now).
	Items, Skipped int
	// Fields is how many values the source gave and the built feed was
	// checked for.
	Fields int
}

// Compare compares the feed an import read (source) with the feed podfeed
// build wrote from it (built), by meaning rather than bytes: for the
// channel, its title, link, description text, language, copyright,
// managingEditor, webMaster, atom:link self, the itunes: values, the
// categories and every modelled podcast: element; for every published
// item, its guid, title, link, enclosure URL, length and type, date,
// duration, season, episode, episode type, explicit, image, author (RSS
// and itunes), categories, comments, source, show-notes text, podcast:
// elements and Podlove chapters. Only what the source says counts: a value
// the built feed adds (a podcast:guid, chapters found in the notes) is no
// loss. The import's documented repairs are applied to the source's values
// before comparing (URLs made absolute, retired Apple categories renamed,
// odd durations added up).
func Compare(source, built []byte, opt CompareOptions) (*Comparison, error) {
	a, err := readForCompare(source)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	b, err := readForCompare(built)
	if err != nil {
		return nil, fmt.Errorf("built feed: %w", err)
	}
	cmp := &comparer{res: &Comparison{}, base: baseOf(a.f)}
	cmp.channel(a, b)
	cmp.items(a, b, opt)
	return cmp.res, nil
}

// parsedFeed is a feed read the way the importer reads it.
type parsedFeed struct {
	f  *gofeed.Feed
	sc *scan
}

func readForCompare(data []byte) (parsedFeed, error) {
	clean, sc, _, err := read(data)
	if err != nil {
		return parsedFeed{}, err
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(clean))
	if err != nil {
		return parsedFeed{}, err
	}
	return parsedFeed{f: f, sc: sc}, nil
}

func baseOf(f *gofeed.Feed) *url.URL {
	for _, s := range []string{f.FeedLink, f.Link} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() {
			return u
		}
	}
	return nil
}

type comparer struct {
	res  *Comparison
	base *url.URL
}

// same records a difference when the source said was and the built feed
// says something else.
func (c *comparer) same(where, field, was, is string) {
	if was == "" {
		return
	}
	c.res.Fields++
	if was != is {
		c.res.Differences = append(c.res.Differences, Difference{Where: where, Field: field, Was: was, Is: is})
	}
}

// url applies the import's documented URL repairs to a source URL.
func (c *comparer) url(raw string) string {
	conv := &converter{base: c.base, counts: map[string]int{}, examples: map[string]string{}}
	return conv.abs(raw)
}

// web is url for the keys build takes only as absolute http(s) URLs: a
// value that is not one is left out by the import, as it says.
func (c *comparer) web(raw string) string {
	if s := c.url(raw); isWebURL(s) {
		return s
	}
	return ""
}

// webAttrs are the podcast: attributes the import keeps only as http(s)
// URLs (see converter.web).
var webAttrs = map[string]bool{"transcript url": true, "person img": true, "person href": true,
	"funding url": true, "license url": true, "chapters url": true}

func (c *comparer) channel(a, b parsedFeed) {
	ca, cb := (&converter{sc: a.sc}).exts(a.f.Extensions), (&converter{sc: b.sc}).exts(b.f.Extensions)
	same := func(field, was, is string) { c.same("channel", field, was, is) }
	same("title", a.sc.title(-1, a.f.Title), b.sc.title(-1, b.f.Title))
	same("link", c.web(a.f.Link), strings.TrimSpace(b.f.Link))
	same("description (text)", words(a.f.Description), words(b.f.Description))
	same("language", strings.TrimSpace(a.f.Language), strings.TrimSpace(b.f.Language))
	same("copyright", strings.TrimSpace(a.f.Copyright), strings.TrimSpace(b.f.Copyright))
	same("managingEditor", a.sc.rss.managingEditor, b.sc.rss.managingEditor)
	same("webMaster", a.sc.rss.webMaster, b.sc.rss.webMaster)
	self := c.web(a.f.FeedLink)
	same("atom:link rel=self", self, strings.TrimSpace(b.f.FeedLink))
	for _, tag := range []string{"author", "explicit", "type", "complete", "block", "new-feed-url", "title"} {
		was := normTag("itunes:"+tag, ca.text("itunes", tag))
		if tag == "new-feed-url" {
			if was = c.web(was); was == self {
				was = "" // names the feed itself: left out, as the import says
			}
		}
		same("itunes:"+tag, was, normTag("itunes:"+tag, cb.text("itunes", tag)))
	}
	same("itunes:image", c.web(ca.attr("itunes", "image", "href")), cb.attr("itunes", "image", "href"))
	same("itunes:owner", c.elements(ca.all("itunes", "owner")), c.elements(cb.all("itunes", "owner")))
	same("itunes:category", categories(ca.all("itunes", "category"), true), categories(cb.all("itunes", "category"), false))
	same("itunes:keywords", keywords(ca.text("itunes", "keywords")), keywords(cb.text("itunes", "keywords")))
	for _, tag := range []string{"guid", "locked", "funding", "person", "location", "license", "medium", "updateFrequency", "podroll", "txt", "value"} {
		same("podcast:"+tag, c.elements(ca.all("podcast", tag)), c.elements(cb.all("podcast", tag)))
	}
}

func (c *comparer) items(a, b parsedFeed, opt CompareOptions) {
	after := map[string]int{}
	for i, it := range b.f.Items {
		after[strings.TrimSpace(it.GUID)] = i
	}
	seen := map[string]bool{}
	for i, ia := range a.f.Items {
		if len(ia.Enclosures) == 0 || !isWebURL(c.url(ia.Enclosures[0].URL)) {
			c.res.Skipped++ // imported as a draft: build leaves it out, as the import says
			continue
		}
		if t, err := ParseDate(firstOf(ia.Published, ia.Updated)); err == nil && !opt.Now.IsZero() && t.After(opt.Now) {
			c.res.Skipped++ // scheduled: build holds it back until its date
			continue
		}
		guid := strings.TrimSpace(ia.GUID)
		if guid == "" {
			guid = c.url(ia.Enclosures[0].URL) // the import's derived guid
		}
		if seen[guid] {
			c.res.Skipped++ // a repeated guid: the import gave this item a new one, as it says
			continue
		}
		seen[guid] = true
		c.res.Items++
		where := fmt.Sprintf("item %d %q (guid %q)", i+1, ia.Title, guid)
		j, ok := after[guid]
		c.res.Fields++
		if !ok {
			c.res.Differences = append(c.res.Differences, Difference{Where: where, Field: "guid", Was: guid, Is: "(no item with this guid)"})
			continue
		}
		c.item(where, a, b, i, j)
	}
}

func (c *comparer) item(where string, a, b parsedFeed, i, j int) {
	ia, ib := a.f.Items[i], b.f.Items[j]
	xa, xb := (&converter{sc: a.sc}).exts(ia.Extensions), (&converter{sc: b.sc}).exts(ib.Extensions)
	cb := (&converter{sc: b.sc}).exts(b.f.Extensions)
	same := func(field, was, is string) { c.same(where, field, was, is) }
	same("title", a.sc.title(i, ia.Title), b.sc.title(j, ib.Title))
	same("link", c.web(ia.Link), strings.TrimSpace(ib.Link))
	ea, eb := ia.Enclosures[0], &gofeed.Enclosure{}
	if len(ib.Enclosures) > 0 {
		eb = ib.Enclosures[0]
	}
	same("enclosure url", c.url(ea.URL), strings.TrimSpace(eb.URL))
	same("enclosure length", count(ea.Length), count(eb.Length))
	same("enclosure type", strings.TrimSpace(ea.Type), strings.TrimSpace(eb.Type))
	same("pubDate", instant(firstOf(ia.Published, ia.Updated)), instant(ib.Published))
	same("itunes:duration", wholeSeconds(xa.text("itunes", "duration")), wholeSeconds(xb.text("itunes", "duration")))
	same("itunes:season", whole(xa.text("itunes", "season")), whole(xb.text("itunes", "season")))
	same("itunes:episode", whole(xa.text("itunes", "episode")), whole(xb.text("itunes", "episode")))
	same("itunes:episodeType", normTag("itunes:episodeType", xa.text("itunes", "episodeType")), normTag("itunes:episodeType", xb.text("itunes", "episodeType")))
	same("itunes:explicit", normTag("itunes:explicit", xa.text("itunes", "explicit")), normTag("itunes:explicit", xb.text("itunes", "explicit")))
	same("itunes:image", c.web(xa.attr("itunes", "image", "href")), xb.attr("itunes", "image", "href"))
	same("itunes:title", xa.text("itunes", "title"), xb.text("itunes", "title"))
	// An item without its own itunes:author is by the show's author: the
	// import keeps an item's author only when it differs.
	author := strings.TrimSpace(xb.text("itunes", "author"))
	if author == "" {
		author = strings.TrimSpace(cb.text("itunes", "author"))
	}
	same("itunes:author", strings.TrimSpace(xa.text("itunes", "author")), author)
	ra, rb := rssOf(a, i), rssOf(b, j)
	same("author", ra.author, rb.author)
	same("category", itemCategories(ra.categories), itemCategories(rb.categories))
	same("comments", c.url(ra.comments), rb.comments)
	if ra.source != nil {
		is := ""
		if rb.source != nil {
			is = rb.source.url + " " + rb.source.title
		}
		same("source", strings.TrimSpace(c.url(ra.source.url)+" "+ra.source.title), strings.TrimSpace(is))
	}
	same("notes (text)", words(firstOf(ia.Content, ia.Description)), words(firstOf(ib.Content, ib.Description)))
	for _, tag := range []string{"transcript", "chapters", "soundbite", "person", "location", "season", "episode", "alternateEnclosure", "license", "value"} {
		same("podcast:"+tag, c.elements(xa.all("podcast", tag)), c.elements(xb.all("podcast", tag)))
	}
	if whole(xa.text("podcast", "episode")) != "" {
		same("podcast:episode display", xa.attr("podcast", "episode", "display"), xb.attr("podcast", "episode", "display"))
	}
	same("psc:chapters", c.chapterList(xa.all("psc", "chapters")), c.chapterList(xb.all("psc", "chapters")))
}

// rssOf returns item i's RSS extras, or none when they do not line up.
func rssOf(p parsedFeed, i int) rssItem {
	if p.sc.format == "atom" || p.sc.items != len(p.f.Items) || i >= len(p.sc.rss.items) {
		return rssItem{}
	}
	return p.sc.rss.items[i]
}

func itemCategories(cs []rssCategory) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.text+"|"+c.domain)
	}
	return strings.Join(parts, ", ")
}

var entityLike = regexp.MustCompile(`&#?[A-Za-z0-9]+;`)

// words reduces show notes to their words, so HTML → Markdown → HTML
// differences in markup and spacing do not count.
func words(s string) string {
	var b strings.Builder
	if looksLikeHTML(s) {
		s = plainText(s)
	}
	// Text escaped twice or more ("&amp;amp;") reads one way as text and
	// another as HTML: decode until nothing changes, and leave out what
	// still looks like a reference.
	for range 4 {
		t := entityLike.ReplaceAllString(html.UnescapeString(s), " ")
		if t == s {
			break
		}
		s = t
	}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 && !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainText is the text of HTML as a browser reads it: text nodes only,
// scripts, styles and comments left out, character references decoded.
func plainText(s string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := ""
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); skip == "" && (string(name) == "script" || string(name) == "style") {
				skip = string(name)
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == skip {
				skip = ""
			}
		case xhtml.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		}
	}
}

// normTag normalises itunes: values whose letter case (or spelling, for
// yes/no values) means nothing.
func normTag(tag, v string) string {
	v = strings.TrimSpace(v)
	switch tag {
	case "itunes:explicit":
		if e, ok := explicitValue(v); ok {
			return strconv.FormatBool(e)
		}
		return ""
	case "itunes:complete", "itunes:block":
		return strconv.FormatBool(yes(v)) // absent is no
	case "itunes:type", "itunes:episodeType":
		return strings.ToLower(v)
	}
	return v
}

func keywords(s string) string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return strings.Join(out, ",")
}

func count(s string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return "" // absent, zero or unreadable: nothing to keep
	}
	return strconv.FormatInt(n, 10)
}

func instant(s string) string {
	t, err := ParseDate(s)
	if err != nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func wholeSeconds(s string) string {
	d, _, err := ParseDurationLenient(s)
	if err != nil || d < time.Second {
		return ""
	}
	return strconv.FormatInt(int64(d/time.Second), 10)
}

func whole(s string) string {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// elements renders extension elements canonically: name, sorted
// attributes, trimmed text, children; in document order.
func (c *comparer) elements(es []ext.Extension) string {
	var parts []string
	for _, e := range es {
		if e.Name == "person" && strings.TrimSpace(e.Value) == "" {
			continue // names no one: left out, as the import says
		}
		parts = append(parts, c.element(e))
		if e.Name == "location" {
			break // the show format holds one location; the import reports the others
		}
	}
	return strings.Join(parts, " ")
}

// attrSpelling maps attribute spellings the import reads as another
// (early drafts of the podcast namespace) to the spelling build writes.
var attrSpelling = map[string]string{"locked email": "owner", "alternateEnclosure language": "lang"}

// attrValue normalises attribute values that build spells differently
// with the same meaning: instants and numbers of seconds.
func (c *comparer) attrValue(name, v string) string {
	switch name {
	case "dtstart":
		if t, err := ParseDate(v); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	case "startTime", "duration":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	case "url", "href", "img", "uri":
		return c.url(v)
	case "split":
		// The import's reading: shares rounded to whole numbers, what is
		// not a number or below zero read as 0.
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < 1e9 {
			return strconv.Itoa(int(math.Round(f)))
		}
		return "0"
	}
	return v
}

func (c *comparer) element(e ext.Extension) string {
	attrs := map[string]string{}
	for k, v := range e.Attrs {
		if v = strings.TrimSpace(v); v == "" || kind(v) != "" && strings.Contains(v, "://") && (k == "itunes" || k == "podcast" || k == "psc" || k == "atom") {
			continue // empty, or a namespace declaration gofeed reads as an attribute
		}
		if to, ok := attrSpelling[e.Name+" "+k]; ok && attrs[to] == "" {
			k = to
		}
		if e.Name == "episode" && k == "display" {
			continue // compared on its own, as "podcast:episode display"
		}
		if e.Name == "person" && (k == "role" || k == "group") {
			v = strings.ToLower(v) // the namespace's taxonomy is case-insensitive; build writes it in lower case
		}
		if e.Name == "chapters" && k == "type" && v == "application/json" {
			v = chaptersType // build writes the namespace's type for JSON chapters, as the import says
		}
		if webAttrs[e.Name+" "+k] {
			if v = c.web(v); v == "" {
				if e.Name == "transcript" {
					return "" // a transcript with nothing to link to is left out
				}
				continue
			}
		}
		attrs[k] = c.attrValue(k, v)
	}
	var b strings.Builder
	for _, name := range sortedKeys(e.Children) {
		for _, ch := range e.Children[name] {
			b.WriteString(c.element(ch))
		}
	}
	kids := b.String()
	if len(attrs) == 0 && strings.TrimSpace(e.Value) == "" && kids == "" {
		return ""
	}
	var out strings.Builder
	out.WriteString("<" + e.Name)
	for _, k := range sortedKeys(attrs) {
		fmt.Fprintf(&out, " %s=%q", k, attrs[k])
	}
	out.WriteString(">" + strings.TrimSpace(e.Value) + kids)
	return out.String()
}

// chapterList renders Podlove chapters as start (ms), title, link and
// image.
func (c *comparer) chapterList(es []ext.Extension) string {
	if len(es) == 0 {
		return ""
	}
	var parts []string
	for _, ch := range es[0].Children["chapter"] {
		d, err := ParseDuration(ch.Attrs["start"])
		if err != nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s %s %s", d/time.Millisecond, strings.TrimSpace(ch.Attrs["title"]), c.web(ch.Attrs["href"]), c.web(ch.Attrs["image"])))
	}
	return strings.Join(parts, "|")
}

// categories renders itunes:category as "Top > Sub" names; with rename,
// the import's mapping onto Apple's current list is applied first.
func categories(es []ext.Extension, rename bool) string {
	var out []string
	for _, e := range es {
		top := strings.TrimSpace(e.Attrs["text"])
		subs := e.Children["category"]
		if len(subs) == 0 {
			subs = []ext.Extension{{}}
		}
		for _, s := range subs {
			sub := strings.TrimSpace(s.Attrs["text"])
			name := top
			if sub != "" {
				name += " > " + sub
			}
			if rename {
				c := &converter{counts: map[string]int{}, examples: map[string]string{}}
				var ok bool
				if name, ok = c.category(top, sub); !ok {
					continue
				}
			}
			// "News > Tech News" implies "News": build writes them as one
			// element, so compare the implied set.
			for _, n := range []string{strings.Split(name, " > ")[0], name} {
				if !contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
