package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/podfeed/podfeed/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func minimalChannel() *Channel {
	return &Channel{
		Title:       "Minimal",
		Link:        "https://example.com/",
		Description: "<p>A show.</p>",
		Items: []Item{{
			Title:     "First",
			GUID:      "minimal-1",
			PubDate:   date("2024-03-01T10:00:00Z"),
			Enclosure: &Enclosure{URL: "https://cdn.example.com/1.mp3", Length: 1234, Type: "audio/mpeg"},
		}},
	}
}

// fullChannel sets every field of the model.
func fullChannel() *Channel {
	yes, no := true, false
	return &Channel{
		Title:          "Every Field & More",
		Link:           "https://example.com/show",
		Description:    "<p>All the <b>fields</b>. A tricky ]]> sequence.</p>",
		Language:       "en-us",
		Copyright:      "© 2024 Example Media",
		ManagingEditor: "ed@example.com (Ed Itor)",
		WebMaster:      "web@example.com",
		Generator:      "podfeed test",
		PubDate:        date("2024-03-08T09:30:00+02:00"),
		LastBuildDate:  date("2024-03-08T07:30:00Z"),
		TTL:            60,
		Image:          &Image{URL: "https://example.com/art.jpg", Title: "Every Field & More", Link: "https://example.com/show", Width: 144, Height: 144},
		SelfURL:        "https://example.com/feed.xml",

		ItunesTitle:    "Every Field",
		ItunesAuthor:   "Jo Host",
		ItunesSummary:  "A plain summary <with> markup characters.",
		ItunesImage:    "https://example.com/art-3000.jpg",
		ItunesOwner:    &Owner{Name: "Jo Host", Email: "jo@example.com"},
		Categories:     []Category{{Text: "Technology"}, {Text: "Society & Culture", Sub: "Documentary"}},
		Explicit:       true,
		ItunesType:     "serial",
		Complete:       true,
		Block:          true,
		NewFeedURL:     "https://new.example.com/feed.xml",
		ItunesKeywords: "tech,feeds",

		GUID:            "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		Locked:          &Locked{Owner: "jo@example.com", Value: true},
		Funding:         []Funding{{URL: "https://example.com/support", Text: "Support the show"}},
		Persons:         []Person{{Name: "Jo Host", Role: "host", Group: "cast", Img: "https://example.com/jo.jpg", Href: "https://example.com/jo"}},
		Location:        &Location{Name: "Austin, TX", Geo: "geo:30.2672,-97.7431", OSM: "R113314", Rel: "creator", Country: "us"},
		License:         &License{Text: "cc-by-4.0", URL: "https://creativecommons.org/licenses/by/4.0/"},
		Medium:          "podcast",
		UpdateFrequency: &UpdateFrequency{Text: "Weekly", Complete: true, DTStart: date("2024-01-01T00:00:00Z"), RRule: "FREQ=WEEKLY"},
		Podroll:         []RemoteItem{{FeedGUID: "a94f5cc9-8c58-55fc-91fe-a324087a655b", FeedURL: "https://other.example.com/feed.xml", ItemGUID: "ep-1", Medium: "podcast"}},
		Txt:             []Txt{{Purpose: "verify", Text: "S6lpp-7ZCn8-dZfGc-OoyaG"}},
		Value: &Value{Type: "lightning", Method: "keysend", Suggested: "0.00000005000", Recipients: []ValueRecipient{
			{Name: "Jo", CustomKey: "696969", CustomValue: "abc", Type: "node", Address: "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52", Split: 99},
			{Name: "App", Type: "node", Address: "03ae9f91a0cb8ff43840e3c322c4c61f019d8c1c3cea15a25cfc425ac605e61a4a", Split: 1, Fee: true},
		}},
		Trailers: []Trailer{{Title: "Season 2 is coming", PubDate: date("2024-02-01T08:00:00Z"), URL: "https://cdn.example.com/trailer.mp3", Length: 12345, Type: "audio/mpeg", Season: 2}},
		Images:   []PodcastImage{{Href: "https://example.com/wide.jpg", Alt: "A wide banner", AspectRatio: "16/9", Width: 1920, Height: 1080, Type: "image/jpeg", Purpose: "social banner"}},

		Items: []Item{{
			Title:          `Episode "2": Q&A`,
			Link:           "https://example.com/show/2",
			Description:    "<p>Notes with ]]> inside.</p>",
			ContentEncoded: "<p>Full notes</p>\n<ul><li>one</li></ul>",
			GUID:           "https://example.com/show/2",
			GUIDPermaLink:  true,
			PubDate:        date("2024-03-08T07:30:00Z"),
			Enclosure:      &Enclosure{URL: "https://cdn.example.com/ep%202.mp3?a=1&b=2", Length: 34216000, Type: "audio/mpeg"},
			Author:         "jo@example.com (Jo Host)",
			Categories:     []ItemCategory{{Text: "Interviews"}, {Text: "Q&A", Domain: "https://example.com/tags"}},
			Comments:       "https://example.com/show/2#comments",
			Source:         &ItemSource{URL: "https://example.com/other.xml", Title: "Other & Co"},

			ItunesTitle:    "Q&A",
			ItunesAuthor:   "Jo Host",
			ItunesImage:    "https://example.com/ep2.jpg",
			Duration:       3723*time.Second + 600*time.Millisecond,
			Explicit:       &no,
			Season:         2,
			SeasonName:     "The Return",
			Episode:        2,
			EpisodeDisplay: "Two",
			EpisodeType:    "full",
			Block:          true,
			ItunesSummary:  "Questions and answers.",

			Transcripts:    []Transcript{{URL: "https://example.com/2.vtt", Type: "text/vtt", Language: "en", Rel: "captions"}},
			Chapters:       &ChaptersLink{URL: "https://example.com/2.chapters.json", Type: "application/json+chapters"},
			Soundbites:     []Soundbite{{Start: 73500 * time.Millisecond, Duration: 60 * time.Second, Title: "The best bit"}},
			Persons:        []Person{{Name: "Sam Guest", Role: "guest"}},
			Location:       &Location{Name: "Paris", Geo: "geo:48.8566,2.3522"},
			License:        &License{Text: "cc-by-4.0"},
			Value:          &Value{Type: "lightning", Method: "keysend", Recipients: []ValueRecipient{{Type: "node", Address: "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52", Split: 100}}},
			Txt:            []Txt{{Text: "plain note"}},
			Images:         []PodcastImage{{Href: "https://example.com/ep2-square.jpg"}},
			SocialInteract: []SocialInteract{{Protocol: "activitypub", URI: "https://example.social/@jo/1", AccountID: "@jo", AccountURL: "https://example.social/@jo", Priority: 1}},
			AlternateEnclosures: []AlternateEnclosure{{
				Type: "audio/opus", Length: 20000, Bitrate: 64000.5, Height: 0, Lang: "en", Title: "Opus", Rel: "smaller", Codecs: "opus", Default: true,
				Sources:   []Source{{URI: "https://cdn.example.com/2.opus", ContentType: "audio/opus"}, {URI: "ipfs://QmExample"}},
				Integrity: &Integrity{Type: "sri", Value: "sha384-abc"},
			}},
			PSC: []PSCChapter{{Start: 0, Title: "Intro"}, {Start: time.Hour + 2*time.Minute + 3*time.Second + 45*time.Millisecond, Title: "Q&A <live>", Href: "https://example.com/qa", Image: "https://example.com/qa.jpg"}},
		}, {
			Title:     "Episode 1",
			GUID:      "ep-1",
			PubDate:   date("2024-03-01T07:30:00Z"),
			Enclosure: &Enclosure{URL: "https://cdn.example.com/1.mp3", Length: 1000, Type: "audio/mpeg"},
			Explicit:  &yes,
			Episode:   1,
		}},
	}
}

func encode(t *testing.T, ch *Channel) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, ch); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		ch   *Channel
	}{
		{"minimal", minimalChannel()},
		{"full", fullChannel()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := encode(t, tc.ch)
			golden.Assert(t, filepath.Join("testdata", tc.name+".xml"), got, *update)
			if again := encode(t, tc.ch); !bytes.Equal(again, got) {
				t.Errorf("a second Encode gave different bytes")
			}
			wellFormed(t, got)
		})
	}
}

func TestEncodeNamespaces(t *testing.T) {
	min := string(encode(t, minimalChannel()))
	if strings.Contains(min, "xmlns:psc") {
		t.Errorf("minimal feed declares psc without any PSC chapters")
	}
	for _, ns := range []string{NSItunes, NSContent, NSAtom, NSPodcast} {
		if !strings.Contains(min, ns) {
			t.Errorf("minimal feed does not declare %q", ns)
		}
	}
	if full := string(encode(t, fullChannel())); !strings.Contains(full, `xmlns:psc="`+NSPSC+`"`) {
		t.Errorf("full feed with PSC chapters does not declare psc")
	}
}

func TestEncodeNil(t *testing.T) {
	if err := Encode(io.Discard, nil); err == nil {
		t.Errorf("Encode(nil) = nil error, want one")
	}
}

type failWriter struct{}

var errBroken = errors.New("broken pipe")

func (failWriter) Write([]byte) (int, error) { return 0, errBroken }

func TestEncodeWriteError(t *testing.T) {
	if err := Encode(failWriter{}, minimalChannel()); !errors.Is(err, errBroken) {
		t.Errorf("Encode to a failing writer = %v, want %v", err, errBroken)
	}
}

// wellFormed checks data with encoding/xml, which rejects characters XML
// does not allow, invalid UTF-8 and undeclared entities.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, data)
		}
	}
}

func TestEncodeArbitraryStrings(t *testing.T) {
	nasty := []string{
		"",
		"]]>",
		"]]]]>>",
		"a]]>b]]>c]",
		"]",
		"]]",
		"x]]",
		"ctrl\x00\x01\x08\x0b\x0c\x1f\x7fend",
		"bad utf8 \xff\xfe\xc3 and \xed\xa0\x80 surrogate",
		"\uFFFE\uFFFF nonchars",
		"quotes \" ' & < > \t\n\r tabs",
		"<![CDATA[ nested ]]> <!-- c --> &amp; &#0; &bogus;",
		"emoji 🎙️ and accents éà",
		strings.Repeat("abcdefg—éà🎙️]", 9) + "\uFFFE" + strings.Repeat("x", 13) + "]]>" + strings.Repeat("é", 11) + "\x01\uFFFF",
		strings.Repeat("long ascii text ", 20) + "\xff" + strings.Repeat("]]>", 5),
	}
	for _, s := range nasty {
		ch := &Channel{
			Title: s, Link: s, Description: s, Language: s, SelfURL: s,
			ItunesOwner: &Owner{Name: s, Email: s},
			Categories:  []Category{{Text: s, Sub: s}},
			Locked:      &Locked{Owner: s},
			Persons:     []Person{{Name: s, Role: s, Img: s}},
			Value:       &Value{Type: s, Method: s, Recipients: []ValueRecipient{{Name: s, Address: s}}},
			Items: []Item{{
				Title: s, Description: s, ContentEncoded: s, GUID: s,
				Enclosure:  &Enclosure{URL: s, Type: s},
				Soundbites: []Soundbite{{Title: s}},
				PSC:        []PSCChapter{{Title: s, Href: s}},
				AlternateEnclosures: []AlternateEnclosure{{
					Type: s, Sources: []Source{{URI: s}}, Integrity: &Integrity{Type: s, Value: s},
				}},
			}},
		}
		wellFormed(t, encode(t, ch))
	}
}

// TestEncodeRoundTrip checks that text survives escaping: encoding/xml reads
// back what was written, minus the characters XML cannot carry.
func TestEncodeRoundTrip(t *testing.T) {
	long := strings.Repeat("<p>Notes — éà 🎙️ ] ]] x</p>\n", 20)
	for _, s := range []string{"plain", "a]]>b", "]]>]]>", "<b>&amp;</b>", "tab\there", "x]]", long, long + "]]>" + long} {
		data := encode(t, &Channel{Title: s, Description: s, Items: []Item{{Title: s, ContentEncoded: s}}})
		var doc struct {
			Channel struct {
				Title       string `xml:"title"`
				Description string `xml:"description"`
				Item        struct {
					Title   string `xml:"title"`
					Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		got := []string{doc.Channel.Title, doc.Channel.Description, doc.Channel.Item.Title, doc.Channel.Item.Content}
		for i, g := range got {
			if g != s {
				t.Errorf("field %d of %q read back as %q", i, s, g)
			}
		}
	}
}

func TestAppendNPT(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00:00.000"},
		{-time.Second, "00:00:00.000"},
		{1500 * time.Millisecond, "00:00:01.500"},
		{59*time.Minute + 59*time.Second + 999*time.Millisecond, "00:59:59.999"},
		{time.Hour + 2*time.Minute + 3*time.Second + 45*time.Millisecond, "01:02:03.045"},
		{123*time.Hour + 4*time.Second, "123:00:04.000"},
		{2*time.Second + 999600*time.Microsecond, "00:00:03.000"},
	} {
		if got := string(AppendNPT(nil, tc.d)); got != tc.want {
			t.Errorf("AppendNPT(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestEncodeGofeed parses the full golden feed with gofeed and checks that
// the Apple fields and the main RSS fields survive.
func TestEncodeGofeed(t *testing.T) {
	ch := fullChannel()
	f, err := gofeed.NewParser().ParseString(string(encode(t, ch)))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	if f.ITunesExt == nil {
		t.Fatal("gofeed found no itunes channel extension")
	}
	it := f.ITunesExt
	cats := []string{}
	for _, c := range it.Categories {
		s := c.Text
		if c.Subcategory != nil {
			s += " > " + c.Subcategory.Text
		}
		cats = append(cats, s)
	}
	gotCh := map[string]string{
		"title": f.Title, "link": f.Link, "description": f.Description, "language": f.Language,
		"copyright": f.Copyright, "generator": f.Generator,
		"itunes:author": it.Author, "itunes:summary": it.Summary, "itunes:image": it.Image,
		"itunes:explicit": it.Explicit, "itunes:type": it.Type, "itunes:complete": it.Complete,
		"itunes:block": it.Block, "itunes:new-feed-url": it.NewFeedURL, "itunes:keywords": it.Keywords,
		"categories": strings.Join(cats, "|"),
	}
	if it.Owner != nil {
		gotCh["itunes:owner"] = it.Owner.Name + " <" + it.Owner.Email + ">"
	}
	wantCh := map[string]string{
		"title": ch.Title, "link": ch.Link, "description": ch.Description, "language": ch.Language,
		"copyright": ch.Copyright, "generator": ch.Generator,
		"itunes:author": ch.ItunesAuthor, "itunes:summary": ch.ItunesSummary, "itunes:image": ch.ItunesImage,
		"itunes:explicit": "true", "itunes:type": ch.ItunesType, "itunes:complete": "Yes",
		"itunes:block": "Yes", "itunes:new-feed-url": ch.NewFeedURL, "itunes:keywords": ch.ItunesKeywords,
		"categories":   "Technology|Society & Culture > Documentary",
		"itunes:owner": "Jo Host <jo@example.com>",
	}
	if diff := cmp.Diff(wantCh, gotCh); diff != "" {
		t.Errorf("channel fields after gofeed (-want +got):\n%s", diff)
	}
	if f.PublishedParsed == nil || !f.PublishedParsed.Equal(ch.PubDate) {
		t.Errorf("pubDate = %v, want %v", f.PublishedParsed, ch.PubDate)
	}

	if len(f.Items) != len(ch.Items) {
		t.Fatalf("gofeed read %d items, want %d", len(f.Items), len(ch.Items))
	}
	gi, wi := f.Items[0], ch.Items[0]
	if gi.ITunesExt == nil {
		t.Fatal("gofeed found no itunes item extension")
	}
	gotIt := map[string]string{
		"title": gi.Title, "link": gi.Link, "guid": gi.GUID, "description": gi.Description, "content": gi.Content,
		"itunes:title": extValue(gi.Extensions, "itunes", "title"), "itunes:author": gi.ITunesExt.Author, "itunes:image": gi.ITunesExt.Image,
		"itunes:duration": gi.ITunesExt.Duration, "itunes:explicit": gi.ITunesExt.Explicit,
		"itunes:season": gi.ITunesExt.Season, "itunes:episode": gi.ITunesExt.Episode,
		"itunes:episodeType": gi.ITunesExt.EpisodeType, "itunes:block": gi.ITunesExt.Block,
		"itunes:summary": gi.ITunesExt.Summary,
	}
	if len(gi.Enclosures) == 1 {
		e := gi.Enclosures[0]
		gotIt["enclosure"] = e.URL + " " + e.Length + " " + e.Type
	}
	wantIt := map[string]string{
		"title": wi.Title, "link": wi.Link, "guid": wi.GUID, "description": wi.Description, "content": wi.ContentEncoded,
		"itunes:title": wi.ItunesTitle, "itunes:author": wi.ItunesAuthor, "itunes:image": wi.ItunesImage,
		"itunes:duration": "3723", "itunes:explicit": "false",
		"itunes:season": "2", "itunes:episode": "2",
		"itunes:episodeType": "full", "itunes:block": "Yes",
		"itunes:summary": wi.ItunesSummary,
		"enclosure":      wi.Enclosure.URL + " 34216000 audio/mpeg",
	}
	if diff := cmp.Diff(wantIt, gotIt); diff != "" {
		t.Errorf("item fields after gofeed (-want +got):\n%s", diff)
	}
	if gi.PublishedParsed == nil || !gi.PublishedParsed.Equal(wi.PubDate) {
		t.Errorf("item pubDate = %v, want %v", gi.PublishedParsed, wi.PubDate)
	}
	// The podcast namespace reaches gofeed's generic extension map.
	pc := f.Extensions["podcast"]
	if len(pc["guid"]) != 1 || pc["guid"][0].Value != ch.GUID {
		t.Errorf("podcast:guid after gofeed = %+v, want %q", pc["guid"], ch.GUID)
	}
}

// extValue reads one value from gofeed's generic extension map.
func extValue(m map[string]map[string][]gofeedExt, ns, name string) string {
	if v := m[ns][name]; len(v) > 0 {
		return v[0].Value
	}
	return ""
}

type gofeedExt = ext.Extension

// xmlText is what XML can carry of s, as Encode writes it: each byte of
// invalid UTF-8 becomes U+FFFD, disallowed characters go, and "\r" is read back as "\n".
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s { // each invalid byte gives one U+FFFD
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzEncodeText checks that any text, in elements, attributes and CDATA,
// gives well-formed XML that reads back as the text XML can carry.
func FuzzEncodeText(f *testing.F) {
	f.Add("plain")
	f.Add("a]]>b\x00\xff\uFFFE")
	f.Add(strings.Repeat("abcdefg—éà🎙️]", 9) + "\uFFFE]]>")
	f.Fuzz(func(t *testing.T, s string) {
		data := mustEncode(t, &Channel{Title: s, Description: s, SelfURL: s})
		var doc struct {
			Channel struct {
				Title       string `xml:"title"`
				Description string `xml:"description"`
				Link        struct {
					Href string `xml:"href,attr"`
				} `xml:"http://www.w3.org/2005/Atom link"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("Encode(%q) is not well-formed: %v", s, err)
		}
		want := xmlText(s)
		// XML parsers turn a raw "\r\n" or "\r" into "\n"; only CDATA keeps
		// it raw (text and attributes write "&#xD;").
		norm := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		if got := doc.Channel.Title; got != want {
			t.Errorf("title of %q read back as %q, want %q", s, got, want)
		}
		if got := doc.Channel.Description; got != norm.Replace(want) {
			t.Errorf("CDATA of %q read back as %q, want %q", s, got, norm.Replace(want))
		}
		if got := doc.Channel.Link.Href; got != want {
			t.Errorf("attribute of %q read back as %q, want %q", s, got, want)
		}

		// ReadSummary reads back what Encode wrote, in text and attributes.
		item := Item{Title: s, GUID: s, Enclosure: &Enclosure{URL: s}}
		sum, err := ReadSummary(bytes.NewReader(mustEncode(t, &Channel{SelfURL: s, Items: []Item{item}})))
		if err != nil {
			t.Fatalf("ReadSummary(Encode(%q)): %v", s, err)
		}
		tw := strings.TrimSpace(want)
		wantSum := &Summary{SelfURL: tw, Items: []SummaryItem{{GUID: tw, Title: tw, EnclosureURL: tw}}}
		if diff := cmp.Diff(wantSum, sum, ignoreLine); diff != "" {
			t.Errorf("ReadSummary(Encode(%q)) mismatch (-want +got):\n%s", s, diff)
		}
	})
}

// TestEncodeStylesheet checks the xml-stylesheet processing instruction:
// written right after the declaration when Stylesheet is set, never
// otherwise, and escaped so that no href can end the instruction early.
func TestEncodeStylesheet(t *testing.T) {
	plain := encode(t, minimalChannel())
	if bytes.Contains(plain, []byte("xml-stylesheet")) {
		t.Errorf("feed without Stylesheet has an xml-stylesheet instruction")
	}
	ch := minimalChannel()
	ch.Stylesheet = "feed.xsl"
	got := encode(t, ch)
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>\n<rss "
	if !bytes.HasPrefix(got, []byte(want)) {
		t.Errorf("feed starts %q, want %q", got[:min(len(got), len(want))], want)
	}
	// Apart from that line, the bytes are those of the feed without it.
	if rest := bytes.Replace(got, []byte("<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>\n"), nil, 1); !bytes.Equal(rest, plain) {
		t.Errorf("the stylesheet changed more than its own line")
	}
	ch.Stylesheet = `a"?>b<&.xsl`
	got = encode(t, ch)
	line, _, _ := bytes.Cut(got[bytes.IndexByte(got, '\n')+1:], []byte("\n"))
	if want := `<?xml-stylesheet type="text/xsl" href="a&quot;?&gt;b&lt;&amp;.xsl"?>`; string(line) != want {
		t.Errorf("hostile href written as %s, want %s", line, want)
	}
}

// TestCleanXML checks cleanXML against xmlText on each awkward character
// at every offset around the 8-byte runs its fast path reads, alone and
// after another, and that a clean string comes back without allocating.
func TestCleanXML(t *testing.T) {
	pieces := []string{
		"\x00", "\x08", "\x1f", "\t", "\n", "\r", " ", "~", "\x7f", "é", "—", "🎙️", "\uFFFD",
		"\uFFFE", "\uFFFF", "\uFFFC", "\xef\xbf", "\xef", "\xff", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	}
	for n := 0; n <= 20; n++ {
		for at := 0; at <= n; at++ {
			for _, p := range pieces {
				for _, q := range append([]string{""}, pieces...) {
					s := strings.Repeat("a", at) + p + strings.Repeat("b", n-at) + q
					if got, want := cleanXML(s), xmlText(s); got != want {
						t.Fatalf("cleanXML(%q) = %q, want %q", s, got, want)
					}
				}
			}
		}
	}
	clean := strings.Repeat("<p>Plain text, é — 🎙️\tand\r\nlines.</p>\n", 40)
	if allocs := testing.AllocsPerRun(10, func() {
		if cleanXML(clean) != clean {
			t.Fatal("cleanXML changed a clean string")
		}
	}); allocs != 0 {
		t.Errorf("cleanXML of a clean string allocated %v times, want 0", allocs)
	}
}
