package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/show"
)

// knownLoss lists fields the round trip is allowed to lose, keyed by
// "channel FIELD" or "item FIELD", with the reason for each. Keep it short
// and honest: every entry is a gap in podfeed's show format, not a test
// convenience. (Other documented changes are normalised in compareFeeds
// where they happen: retired Apple categories renamed, podcast:person
// without a name dropped, an itunes:new-feed-url naming the feed itself
// dropped, a repeated guid replaced.)
var knownLoss = map[string]string{}

// knownBuildGap lists fields the import writes into the show definitions
// but podfeed build does not yet put into the feed, keyed like knownLoss,
// with the reason. A difference in one of them is logged, not failed;
// TestRoundTrip fails once testdata/full.xml (which has every one) no
// longer shows the gap, so the list cannot go stale.
var knownBuildGap = map[string]string{}

// knownBuildFailure lists corpus feeds whose imported show podfeed build
// rejects through no fault of the import, with the reason. The test fails
// when one of them starts to build, so the list cannot go stale.
var knownBuildFailure = map[string]string{}

// lenientImport lists corpus feeds that INDEX.tsv calls not well-formed
// but that the import reads on purpose, because real feeds have the same
// trait (shared/README.md): the reason, and a note the import must give.
var lenientImport = map[string]struct{ reason, note string }{
	"radiofeed-app_abc-news-update.xml": {
		reason: "uses itunes: and atom: without xmlns declarations (lost when captured): the import binds well-known prefixes to their standard URIs",
		note:   "the prefix itunes: is used without an xmlns:itunes declaration",
	},
	"partytime_sentimental-garbage-acast.xml": {
		reason: "a blank line before <?xml: the import ignores whitespace before the XML declaration",
		note:   "before the XML declaration",
	},
}

// standIns fills what a feed lacks and build requires, as a user must
// before the first build. Only empty fields are filled, so nothing the
// feed said is masked.
func standIns(name string, s *show.Show) {
	if s.FeedURL == "" {
		s.FeedURL = "https://example.invalid/" + name
	}
	if s.Author == "" {
		s.Author = "Stand-in Author"
	}
	if s.Language == "" {
		s.Language = "en"
	}
	if len(s.Categories) == 0 {
		s.Categories = []string{"Technology"}
	}
	if s.Image == "" {
		s.Image = "https://example.invalid/cover.jpg"
	}
}

// fakeProber answers like probing the remote files would: the length and
// type the feed gives, and a stand-in length of 1 byte where the feed
// gives none (the round trip compares lengths only where the feed has
// one).
type fakeProber map[string]show.Episode

func (p fakeProber) Probe(_ context.Context, src string) (show.MediaInfo, error) {
	ep, ok := p[src]
	if !ok {
		return show.MediaInfo{}, fmt.Errorf("probe %s: not an audio URL of the imported show", src)
	}
	m := show.MediaInfo{Length: ep.Length, Type: ep.Type}
	if m.Length == 0 {
		m.Length = 1
	}
	return m, nil
}

// corpusFeeds returns the corpus feeds and whether INDEX.tsv calls each
// well-formed.
func corpusFeeds(t *testing.T) (dir string, wellFormed map[string]bool) {
	t.Helper()
	root := corpus.Dir(t)
	f, err := os.Open(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wellFormed = map[string]bool{}
	s := bufio.NewScanner(f)
	col := -1
	for s.Scan() {
		fields := strings.Split(s.Text(), "\t")
		if col < 0 {
			for i, h := range fields {
				if h == "well_formed" {
					col = i
				}
			}
			if col < 0 {
				t.Fatal("INDEX.tsv has no well_formed column")
			}
			continue
		}
		if len(fields) > col {
			wellFormed[fields[0]] = strings.HasPrefix(fields[col], "yes")
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "feeds"), wellFormed
}

// TestCorpusRoundTrip imports every corpus feed, builds the imported show
// and compares the old and the new feed by meaning.
func TestCorpusRoundTrip(t *testing.T) {
	dir, wellFormed := corpusFeeds(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu                       sync.Mutex
		imported, clean, refused int
		gapFeeds                 = map[string][]string{} // knownBuildGap key -> feeds
	)
	add := func(n *int) { mu.Lock(); *n++; mu.Unlock() }
	t.Run("feeds", func(t *testing.T) {
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".xml") {
				continue
			}
			wf, listed := wellFormed[name]
			if !listed {
				t.Errorf("%s: not in INDEX.tsv", name)
				continue
			}
			t.Run(strings.TrimSuffix(name, ".xml"), func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				res, err := Parse(data, Options{})
				if lenient, ok := lenientImport[name]; ok {
					if wf {
						t.Fatalf("listed in lenientImport (%s), but INDEX.tsv calls it well-formed: remove it", lenient.reason)
					}
					if err != nil {
						t.Fatalf("Parse: %v (expected to import: %s)", err, lenient.reason)
					}
					if !hasNote(res, lenient.note) {
						t.Errorf("no note containing %q among %q", lenient.note, res.Notes)
					}
					wf = true
				}
				if !wf {
					if err == nil {
						t.Fatalf("Parse succeeded on a feed INDEX.tsv calls not well-formed")
					}
					re, ok := err.(*ReadError)
					if !ok {
						t.Fatalf("Parse error is %T (%v), want *ReadError", err, err)
					}
					if re.Line == 0 || re.Col == 0 {
						t.Errorf("Parse error %q has no line and column", re)
					}
					t.Logf("refused as INDEX.tsv expects: %v", re)
					add(&refused)
					return
				}
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				add(&imported)
				r := roundTrip(t, name, data, res)
				if r.ok {
					add(&clean)
				}
				mu.Lock()
				for k := range r.gaps {
					gapFeeds[k] = append(gapFeeds[k], name)
				}
				mu.Unlock()
			})
		}
	})
	t.Logf("corpus: %d feeds imported, %d round-tripped with no loss outside knownBuildGap, %d refused as not well-formed", imported, clean, refused)
	for _, k := range sortedKeys(gapFeeds) {
		sort.Strings(gapFeeds[k])
		t.Logf("known build gap %q in %d feeds: %s", k, len(gapFeeds[k]), strings.Join(gapFeeds[k], ", "))
	}
}

// roundTrip writes the imported show, loads and builds it, and compares
// the built feed with the original.
func roundTrip(t *testing.T, name string, data []byte, res *Result) roundTripResult {
	t.Helper()
	built, ok := buildImported(t, name, res)
	if !ok {
		return roundTripResult{}
	}
	before := readFeed(t, data)
	after := readFeed(t, built)
	lost, gaps := compareFeeds(t, before, after)
	return roundTripResult{ok: lost == 0, gaps: gaps}
}

// buildImported fills what the feed lacks (standIns), writes the imported
// show, loads and builds it, and returns the feed build writes; ok is
// false for a knownBuildFailure.
func buildImported(t *testing.T, name string, res *Result) (_ []byte, ok bool) {
	t.Helper()
	standIns(name, &res.Show)
	prober := fakeProber{}
	for _, ep := range res.Episodes {
		prober[ep.Def.Audio] = ep.Def
	}
	out := t.TempDir()
	files, err := res.Files()
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(out, files, false); err != nil {
		t.Fatal(err)
	}
	def, err := show.Load(os.DirFS(out), ".")
	if err != nil {
		t.Fatalf("show.Load of the imported show:\n%v", err)
	}
	built, err := show.Build(context.Background(), def, show.BuildOptions{
		Now:         time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
		Prober:      prober,
		ProbeRemote: true,
	})
	if reason, known := knownBuildFailure[name]; known {
		if err == nil {
			t.Fatalf("builds now: remove it from knownBuildFailure (%s)", reason)
		}
		t.Logf("known build failure (%s):\n%v", reason, err)
		return nil, false
	}
	if err != nil {
		t.Fatalf("show.Build of the imported show:\n%v", err)
	}
	var buf bytes.Buffer
	if err := feed.Encode(&buf, built.Channel); err != nil {
		t.Fatalf("feed.Encode: %v", err)
	}
	return buf.Bytes(), true
}

// roundTripResult is what one round trip found: ok when nothing was lost,
// and the knownBuildGap fields that differed.
type roundTripResult struct {
	ok   bool
	gaps map[string]bool
}

// TestRoundTrip runs testdata/full.xml (every modelled tag) through import,
// build and comparison, with no corpus needed.
func TestRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := roundTrip(t, "full.xml", data, res)
	if !r.ok {
		t.Error("full.xml lost something in the round trip")
	}
	for _, k := range sortedKeys(knownBuildGap) {
		if !r.gaps[k] {
			t.Errorf("%s: build writes it now: remove it from knownBuildGap (%s)", k, knownBuildGap[k])
		}
	}
}

// parsed is a feed read the way the importer reads it.
type parsed struct {
	f  *gofeed.Feed
	sc *scan
}

func readFeed(t *testing.T, data []byte) parsed {
	t.Helper()
	clean, sc, _, err := read(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(clean))
	if err != nil {
		t.Fatal(err)
	}
	return parsed{f: f, sc: sc}
}

// podcastChannelTags and podcastItemTags are the podcast: elements podfeed
// models, compared as whole elements (attributes, text and children).
var (
	podcastChannelTags = []string{"guid", "locked", "funding", "person", "location", "license", "medium", "updateFrequency", "podroll", "txt", "value"}
	podcastItemTags    = []string{"transcript", "chapters", "soundbite", "person", "location", "season", "episode", "alternateEnclosure", "license", "value"}
)

// compareFeeds reports every difference in the modelled fields and returns
// how many it found, not counting knownLoss and knownBuildGap fields; gaps
// holds the knownBuildGap fields that differed.
func compareFeeds(t *testing.T, a, b parsed) (n int, gaps map[string]bool) {
	t.Helper()
	gaps = map[string]bool{}
	gapCount, gapFirst := map[string]int{}, map[string]string{}
	defer func() {
		for _, k := range sortedKeys(gapCount) {
			t.Logf("known build gap (%s), %d item(s), first: %s", knownBuildGap[k], gapCount[k], gapFirst[k])
		}
	}()
	diff := func(where, field, was, is string) {
		key := "item " + field
		if where == "channel" {
			key = "channel " + field
		}
		if _, ok := knownLoss[key]; ok {
			return
		}
		if _, ok := knownBuildGap[key]; ok {
			if !gaps[key] {
				gapFirst[key] = fmt.Sprintf("%s: %s: was %q, is %q", where, field, was, is)
			}
			gaps[key] = true
			gapCount[key]++
			return
		}
		n++
		t.Errorf("%s: %s: was %q, is %q", where, field, was, is)
	}
	ca, cb := (&converter{sc: a.sc}).exts(a.f.Extensions), (&converter{sc: b.sc}).exts(b.f.Extensions)
	// Only what the old feed said counts: a value the new feed adds
	// (podcast:guid from feed_url, a stand-in) is not a loss.
	same := func(field, was, is string) {
		if was != "" && was != is {
			diff("channel", field, was, is)
		}
	}
	same("title", strings.TrimSpace(a.f.Title), strings.TrimSpace(b.f.Title))
	same("language", strings.TrimSpace(a.f.Language), strings.TrimSpace(b.f.Language))
	same("copyright", strings.TrimSpace(a.f.Copyright), strings.TrimSpace(b.f.Copyright))
	same("atom:link rel=self", absolute(a.f.FeedLink), strings.TrimSpace(b.f.FeedLink))
	same("description (text)", words(a.f.Description), words(b.f.Description))
	if self := strings.TrimSpace(a.f.FeedLink); self != "" && ca.text("itunes", "new-feed-url") == self {
		delete(ca.m[ca.prefixes["itunes"][0]], "new-feed-url") // names the feed itself: dropped, as the import says
	}
	for _, tag := range []string{"author", "explicit", "type", "complete", "block", "new-feed-url", "title"} {
		same("itunes:"+tag, normTag("itunes:"+tag, ca.text("itunes", tag)), normTag("itunes:"+tag, cb.text("itunes", tag)))
	}
	same("itunes:image", absolute(ca.attr("itunes", "image", "href")), cb.attr("itunes", "image", "href"))
	same("itunes:owner", elements(ca.all("itunes", "owner")), elements(cb.all("itunes", "owner")))
	same("itunes:category", categories(ca.all("itunes", "category"), true), categories(cb.all("itunes", "category"), false))
	same("link", absolute(a.f.Link), strings.TrimSpace(b.f.Link))
	same("itunes:keywords", keywords(ca.text("itunes", "keywords")), keywords(cb.text("itunes", "keywords")))
	for _, tag := range podcastChannelTags {
		same("podcast:"+tag, elements(ca.all("podcast", tag)), elements(cb.all("podcast", tag)))
	}

	after := map[string]*gofeed.Item{}
	for _, it := range b.f.Items {
		after[strings.TrimSpace(it.GUID)] = it
	}
	seen := map[string]bool{}
	for i, ia := range a.f.Items {
		if len(ia.Enclosures) == 0 {
			continue // imported as a draft: build leaves it out, as the import says
		}
		guid := strings.TrimSpace(ia.GUID)
		if guid == "" {
			guid = absolute(ia.Enclosures[0].URL) // the import's derived guid
		}
		if seen[guid] {
			continue // a repeated guid: the import gave this item a new one, as it says
		}
		seen[guid] = true
		where := fmt.Sprintf("item %d %q (guid %q)", i+1, ia.Title, guid)
		ib, ok := after[guid]
		if !ok {
			diff(where, "guid", guid, "(no item with this guid)")
			continue
		}
		xa, xb := (&converter{sc: a.sc}).exts(ia.Extensions), (&converter{sc: b.sc}).exts(ib.Extensions)
		same := func(field, was, is string) {
			if was != "" && was != is {
				diff(where, field, was, is)
			}
		}
		same("title", strings.TrimSpace(ia.Title), strings.TrimSpace(ib.Title))
		ea, eb := ia.Enclosures[0], &gofeed.Enclosure{}
		if len(ib.Enclosures) > 0 {
			eb = ib.Enclosures[0]
		}
		same("enclosure url", strings.ReplaceAll(absolute(ea.URL), " ", "%20"), strings.TrimSpace(eb.URL))
		same("enclosure length", count(ea.Length), count(eb.Length))
		same("enclosure type", strings.TrimSpace(ea.Type), strings.TrimSpace(eb.Type))
		same("pubDate", instant(ia.Published), instant(ib.Published))
		same("itunes:duration", wholeSeconds(xa.text("itunes", "duration")), wholeSeconds(xb.text("itunes", "duration")))
		same("itunes:season", whole(xa.text("itunes", "season")), whole(xb.text("itunes", "season")))
		same("itunes:episode", whole(xa.text("itunes", "episode")), whole(xb.text("itunes", "episode")))
		same("itunes:episodeType", normTag("itunes:episodeType", xa.text("itunes", "episodeType")), normTag("itunes:episodeType", xb.text("itunes", "episodeType")))
		same("itunes:explicit", normTag("itunes:explicit", xa.text("itunes", "explicit")), normTag("itunes:explicit", xb.text("itunes", "explicit")))
		same("itunes:image", absolute(xa.attr("itunes", "image", "href")), xb.attr("itunes", "image", "href"))
		// An item without its own itunes:author is by the show's author:
		// the import keeps an item's author only when it differs.
		author := strings.TrimSpace(xb.text("itunes", "author"))
		if author == "" {
			author = strings.TrimSpace(cb.text("itunes", "author"))
		}
		same("itunes:author", strings.TrimSpace(xa.text("itunes", "author")), author)
		for _, tag := range podcastItemTags {
			same("podcast:"+tag, elements(xa.all("podcast", tag)), elements(xb.all("podcast", tag)))
		}
		if whole(xa.text("podcast", "episode")) != "" {
			same("podcast:episode display", xa.attr("podcast", "episode", "display"), xb.attr("podcast", "episode", "display"))
		}
		same("psc:chapters", chapterList(xa.all("psc", "chapters")), chapterList(xb.all("psc", "chapters")))
	}
	return n, gaps
}

// words reduces show notes to their words, so HTML → Markdown → HTML
// differences in markup and spacing do not count.
func words(s string) string {
	var b strings.Builder
	for _, r := range html.UnescapeString(plainText(s)) {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 && r != 0xa0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func plainText(s string) string {
	s = html.UnescapeString(s)
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func normTag(tag, v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	switch tag {
	case "itunes:explicit":
		if e, ok := explicitValue(v); ok {
			return strconv.FormatBool(e)
		}
		return ""
	case "itunes:complete", "itunes:block":
		return strconv.FormatBool(yes(v))
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

// absolute applies the import's documented URL repairs.
func absolute(u string) string {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "//") {
		return "https:" + u
	}
	if !strings.Contains(u, "://") && hostLike(u) {
		return "https://" + u
	}
	return strings.ReplaceAll(u, " ", "%20")
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
	return t.UTC().Format(time.RFC3339Nano)
}

func wholeSeconds(s string) string {
	d, err := ParseDuration(s)
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
func elements(es []ext.Extension) string {
	var parts []string
	for _, e := range es {
		if e.Name == "person" && strings.TrimSpace(e.Value) == "" {
			continue // names no one: dropped, as the import says
		}
		parts = append(parts, element(e))
		if _, ok := onlyFirst[e.Name]; ok {
			break
		}
	}
	return strings.Join(parts, " ")
}

// attrSpelling maps attribute spellings the import reads as another
// (early drafts of the podcast namespace) to the spelling build writes.
var attrSpelling = map[string]string{"locked email": "owner", "alternateEnclosure language": "lang"}

// attrValue normalises attribute values that build spells differently
// with the same meaning: instants and numbers of seconds.
func attrValue(name, v string) string {
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
		return absolute(v) // the import's documented URL repairs
	}
	return v
}

// knownAttrLoss lists attributes the show format has no key for, with the
// reason; the import reports each one as not modelled.
var knownAttrLoss = map[string]string{}

// onlyFirst lists podcast: elements the show format holds one of; the
// import reports the others as not modelled, so only the first is compared.
var onlyFirst = map[string]string{
	"location": "show.Show and show.Episode hold one location",
}

func element(e ext.Extension) string {
	attrs := map[string]string{}
	for k, v := range e.Attrs {
		if v = strings.TrimSpace(v); v == "" || kind(v) != "" && v == e.Attrs[k] && strings.Contains(v, "://") && (k == "itunes" || k == "podcast" || k == "psc" || k == "atom") {
			continue // empty, or a namespace declaration gofeed reads as an attribute
		}
		if to, ok := attrSpelling[e.Name+" "+k]; ok && attrs[to] == "" {
			k = to
		}
		if _, lost := knownAttrLoss[e.Name+" "+k]; lost {
			continue
		}
		if e.Name == "episode" && k == "display" {
			continue // compared on its own, as "podcast:episode display"
		}
		if e.Name == "chapters" && k == "type" && v == "application/json" {
			v = chaptersType // build writes the namespace's type for JSON chapters, as the import says
		}
		attrs[k] = attrValue(k, v)
	}
	var b strings.Builder
	for _, name := range sortedKeys(e.Children) {
		for _, c := range e.Children[name] {
			b.WriteString(element(c))
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

// chapterList renders psc chapters as start (ms) and title pairs.
func chapterList(es []ext.Extension) string {
	if len(es) == 0 {
		return ""
	}
	var parts []string
	for _, c := range es[0].Children["chapter"] {
		d, err := ParseDuration(c.Attrs["start"])
		if err != nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s %s %s", d/time.Millisecond, strings.TrimSpace(c.Attrs["title"]), strings.TrimSpace(c.Attrs["href"]), strings.TrimSpace(c.Attrs["image"])))
	}
	return strings.Join(parts, "|")
}

// categories renders itunes:category as "Top > Sub" names in order; with
// rename, retired names become their current ones (as the import does).
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
				// The import's documented mapping onto Apple's current list.
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
