package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// Fixtures of rules that compare the feed with the URL it was read from
// live in testdata/<code>/fetched/. Each names that URL in a comment
// <!-- fetched: URL --> and is run through RunSource with it; otherwise
// they follow the harness's bad_/ok_ and want conventions.
var fetchedComment = regexp.MustCompile(`<!--\s*fetched:\s*(\S+)\s*-->`)

func TestRSSAppleFetchedFixtures(t *testing.T) {
	codes := []string{"rss-atom-self-mismatch", "rss-channel-link", "apple-new-feed-url"}
	for _, code := range codes {
		files, _ := filepath.Glob(filepath.Join("testdata", code, "fetched", "*.xml"))
		if len(files) == 0 {
			t.Errorf("%s: no fixtures in testdata/%s/fetched", code, code)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			m := fetchedComment.FindStringSubmatch(src)
			if m == nil {
				t.Fatalf("%s: no <!-- fetched: URL --> comment", f)
			}
			res, err := RunSource(context.Background(), strings.NewReader(src), Config{Path: m[1]}, Source{URL: m[1]})
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			var got, want []string
			for _, d := range res.Diagnostics {
				if d.Code == code {
					got = append(got, fmt.Sprint(d.Pos.Line))
				}
			}
			for _, l := range fixtureWants(src)[code] {
				want = append(want, fmt.Sprint(l))
			}
			slices.Sort(got)
			slices.Sort(want)
			base := filepath.Base(f)
			if strings.HasPrefix(base, "bad_") && len(want) == 0 {
				t.Errorf("%s: a bad_ fixture needs a want comment", f)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s at lines %v, want %v\n%s", f, code, got, want, describe(res, code))
			}
		}
	}
}

func TestRAParseDate(t *testing.T) {
	tests := []struct {
		in          string
		ok, strict  bool
		want        string // RFC 3339 in UTC when ok
		whyContains string
	}{
		{"Wed, 02 Oct 2002 13:00:00 GMT", true, true, "2002-10-02T13:00:00Z", ""},
		{"Wed, 02 Oct 2002 13:00:00 +0200", true, true, "2002-10-02T11:00:00Z", ""},
		{"Wed, 2 Oct 2002 13:00 -0000", true, true, "2002-10-02T13:00:00Z", ""},
		{"wed, 02 oct 2002 13:00:00 ut", true, true, "2002-10-02T13:00:00Z", ""},
		{"Wed, 02 Oct 2002 08:00:00 EST", true, false, "2002-10-02T13:00:00Z", "alphabetic"},
		{"Wed, 02 Oct 2002 13:00:00 Z", true, false, "2002-10-02T13:00:00Z", "military"},
		{"02 Oct 2002 13:00:00 GMT", true, true, "2002-10-02T13:00:00Z", ""}, // valid RFC 822; Apple's wish is apple-date-weekday
		{"Wed, 02 Oct 2002 13:00:00 +1400", true, true, "2002-10-01T23:00:00Z", ""},
		{"Wed, 02 Oct 2002 13:00:00 -3000", false, true, "", "no UTC offset"},
		{"Wed, 02 Oct 2002 13:00:00 +9900", false, true, "", "no UTC offset"},
		{"Wed, 02 Oct 02 13:00:00 GMT", true, false, "2002-10-02T13:00:00Z", "two digits"},
		{"Thu, 02 Oct 2002 13:00:00 GMT", true, false, "2002-10-02T13:00:00Z", "does not match"},
		{"2002-10-02T13:00:00Z", false, true, "", "ISO 8601"},
		{"Wed, 02 October 2002 13:00:00 GMT", false, true, "", "month"},
		{"Wed, 31 Feb 2002 13:00:00 GMT", false, true, "", "does not exist"},
		{"Wed, 02 Oct 2002 25:00:00 GMT", false, true, "", "out of range"},
		{"Wed, 02 Oct 2002 13:00:00 +02:00", false, true, "", "time zone"},
		{"Wed, 02 Oct 2002 13:00:00", false, true, "", "missing"},
		{"Wed 02 Oct 2002 13:00:00 GMT", false, true, "", "comma"},
		{"", false, true, "", "empty"},
		{"Wed, 02 Oct 2002 13:00:00 GMT extra", false, true, "", "after"},
	}
	for _, tt := range tests {
		d := raParseDate(tt.in)
		if d.ok != tt.ok || (d.ok && d.strict != tt.strict) {
			t.Errorf("%q: ok=%v strict=%v (%s), want ok=%v strict=%v", tt.in, d.ok, d.strict, d.why, tt.ok, tt.strict)
			continue
		}
		if tt.ok && d.t.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("%q: time %s, want %s", tt.in, d.t.UTC().Format(time.RFC3339), tt.want)
		}
		if !strings.Contains(d.why, tt.whyContains) {
			t.Errorf("%q: why %q, want it to mention %q", tt.in, d.why, tt.whyContains)
		}
	}
}

func TestRADurationSeconds(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1800", 1800, true}, {"30:00", 1800, true}, {"75:30", 4530, true}, {"1:02:03", 3723, true},
		{"0:00:59", 59, true}, {"1:2:03", 0, false}, {"1:60", 0, false}, {"12.5", 0, false},
		{"-5", 0, false}, {"", 0, false}, {"1:00:00:00", 0, false}, {"1:", 0, false}, {":30", 0, false},
	}
	for _, tt := range tests {
		got, ok := raDurationSeconds(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("raDurationSeconds(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRAHelpers(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{{"en", true}, {"en-us", true}, {"EN-US", true}, {"zh-Hant-TW", true}, {"gsw", true}, {"es-419", true},
		{"English", false}, {"xx", false}, {"en_US", false}, {"en-", false}, {"", false}} {
		if got := raLanguageValid(tt.in); got != tt.ok {
			t.Errorf("raLanguageValid(%q) = %v", tt.in, got)
		}
	}
	for _, tt := range []struct {
		in string
		ok bool
	}{{"audio/mpeg", true}, {"audio/mp4; codecs=\"mp4a.40.2\"", true}, {"application/rss+xml", true},
		{"mp3", false}, {"audio/", false}, {"/mpeg", false}, {"audio /mpeg", false}, {"audio/mpeg;", false}} {
		if got := raMIMEValid(tt.in); got != tt.ok {
			t.Errorf("raMIMEValid(%q) = %v", tt.in, got)
		}
	}
	for _, tt := range []struct{ in, ext string }{
		{"https://example.com/a/ep1.mp3", "mp3"},
		{"https://example.com/ep1.MP3?x=1.m4a#frag", "MP3"},
		{"https://dts.podtrac.com/redirect.mp3/cdn.example.com/ep1.m4a", "m4a"},
		{"https://anchor.fm/s/1/play/2/https%3A%2F%2Fcdn.example.net%2Fa%2Fep.mp3", "mp3"},
		{"https://example.com/stream", ""},
		{"https://example.com", ""},
		{"https://example.com/dir.d/", ""},
	} {
		if got := raURLPathExt(tt.in); got != tt.ext {
			t.Errorf("raURLPathExt(%q) = %q, want %q", tt.in, got, tt.ext)
		}
	}
	for _, tt := range []struct {
		in        string
		ok, https bool
	}{{"https://example.com/x", true, true}, {"HTTP://example.com", true, false}, {"//example.com/x", false, false},
		{"https:///x", false, true}, {"https://exa mple.com", false, true}, {"ftp://example.com", false, false}, {"/x", false, false}} {
		ok, https := raHTTPURL(tt.in)
		if ok != tt.ok || https != tt.https {
			t.Errorf("raHTTPURL(%q) = %v, %v", tt.in, ok, https)
		}
	}
	if !raSameURL("http://Example.com/feed/", "https://example.com:443/feed") || raSameURL("https://example.com/a", "https://example.com/b") {
		t.Error("raSameURL")
	}
	for _, tt := range []struct{ title, ep, want string }{
		{"Episode 12: Hello", "", "an episode number"},
		{"Ep. 3 - Hi", "", "an episode number"},
		{"S02E05 Finale", "", "season and episode numbers"},
		{"Season 2 begins", "", "a season number"},
		{"#12 The show", "12", "the episode number"},
		{"#1 tip for podcasters", "7", ""},
		{"Deep episodes of life", "", ""},
		{"Keep 12 rules", "", ""},
		{"Epic 3", "", ""},
	} {
		got, _ := raTitleNumber(tt.title, tt.ep)
		if got != tt.want {
			t.Errorf("raTitleNumber(%q, %q) = %q, want %q", tt.title, tt.ep, got, tt.want)
		}
	}
	for _, cat := range []string{"Leisure", "News"} {
		if _, ok := raAppleSubcategories(cat); !ok {
			t.Errorf("%q not a category", cat)
		}
	}
	if p, ok := raAppleParentOf("Religion"); !ok || p != "Religion & Spirituality" {
		t.Errorf("Religion: %q %v", p, ok)
	}
	// §3: 19 categories and 91 subcategories, 110 values.
	cats, subs := 0, 0
	for _, c := range strings.Split(raAppleCategoryNamesList(), "|") {
		s, ok := raAppleSubcategories(c)
		if !ok {
			t.Errorf("%q has no entry", c)
		}
		cats++
		if s != "" {
			subs += len(strings.Split(s, "|"))
		}
	}
	if cats != 19 || subs != 91 {
		t.Errorf("%d categories and %d subcategories, want 19 and 91", cats, subs)
	}
}

// FuzzRAParseDate checks that the date reader never panics and that what
// it accepts is a real date it can describe.
func FuzzRAParseDate(f *testing.F) {
	for _, s := range []string{"Wed, 02 Oct 2002 13:00:00 GMT", "02 Oct 02 13:00 EST", "2002-10-02T13:00:00Z", "Wed, 99 Foo 1 1:1 +9999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := raParseDate(s)
		if d.ok && d.t.IsZero() {
			t.Fatalf("%q: ok without a time", s)
		}
		if !d.ok && d.why == "" {
			t.Fatalf("%q: rejected without a reason", s)
		}
		raDurationSeconds(s)
		raLanguageValid(s)
		raMIMEValid(s)
		raURLPathExt(s)
		if ok, _ := raHTTPURL(s); ok && strings.ContainsAny(s, " \t\r\n") {
			t.Errorf("raHTTPURL(%q) accepts white space", s)
		}
		if what, ok := raTitleNumber(s, "1"); ok && what == "" {
			t.Errorf("raTitleNumber(%q) found a number without saying which", s)
		}
		raHTMLNames(s, nil)
	})
}

// benchItem builds a typical item: the elements every podcast item has, a
// CDATA description with some HTML and content:encoded.
func benchItem(ch *Node, i int) *Node {
	it := &Node{Local: "item", Parent: ch, Pos: Pos{Line: 10 + i, Col: 1}}
	add := func(space, local, text string, attrs ...Attr) *Node {
		n := &Node{Space: space, Local: local, Text: text, Attrs: attrs, Parent: it, Pos: Pos{Line: 10, Col: 3}, TextPos: Pos{Line: 10, Col: 10}}
		if space == NSItunes {
			n.Prefix = "itunes"
		}
		it.Children = append(it.Children, n)
		return n
	}
	id := fmt.Sprint(i)
	add(NSNone, "title", "The one where we talk about feeds "+id)
	add(NSItunes, "title", "The one where we talk about feeds "+id)
	add(NSNone, "guid", "b3a0c5e2-1d2f-4c7a-9f0e-"+id, Attr{Local: "isPermaLink", Value: "false"})
	add(NSNone, "pubDate", "Tue, 05 Mar 2024 10:00:00 GMT")
	add(NSNone, "link", "https://example.com/episodes/"+id)
	add(NSNone, "description", strings.Repeat("<p>Show notes with a <a href=\"https://example.com\">link</a> and more words.</p>", 12)).CDATA = true
	add(NSContent, "encoded", strings.Repeat("<p>Show notes with a <a href=\"https://example.com\">link</a> and more words.</p>", 12)).CDATA = true
	add(NSNone, "enclosure", "",
		Attr{Local: "url", Value: "https://dts.podtrac.com/redirect.mp3/cdn.example.com/ep" + id + ".mp3?source=rss"},
		Attr{Local: "length", Value: "28800000"}, Attr{Local: "type", Value: "audio/mpeg"})
	add(NSItunes, "duration", "00:30:00")
	add(NSItunes, "explicit", "false")
	add(NSItunes, "episode", id)
	add(NSItunes, "season", "2")
	add(NSItunes, "episodeType", "full")
	add(NSItunes, "image", "", Attr{Local: "href", Value: "https://example.com/art/ep" + id + ".jpg"})
	return it
}

// BenchmarkRSSAppleItem measures the Item hooks of the RSS core and Apple
// rules on one typical item (engine cost excluded), to keep them far below
// the validator's per-item budget.
func BenchmarkRSSAppleItem(b *testing.B) {
	ch := &Node{Local: "channel"}
	ch.Children = append(ch.Children, &Node{Local: "title", Text: "Fixture Show", Parent: ch})
	const batch = 1024
	items := make([]*Node, batch)
	for i := range items {
		items[i] = benchItem(ch, i+1)
	}
	var passes []*Pass
	pi := new(piIndex) // as the engine gives the rules of one goroutine
	var rules []*Rule
	for _, r := range append(rssRules(), appleRules()...) {
		if r.Item != nil {
			rules = append(rules, r)
			passes = append(passes, &Pass{Doc: &Document{}, Config: &Config{}, rule: r, out: new([]Diagnostic), pi: pi})
		}
	}
	fresh := func() {
		for i, r := range rules {
			if r.NewState != nil {
				passes[i].State = r.NewState()
			}
		}
	}
	fresh()
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		if n%batch == 0 && n > 0 {
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		it := items[n%batch]
		for i, r := range rules {
			r.Item(passes[i], it)
		}
	}
	b.StopTimer()
	findings := 0
	for _, p := range passes {
		findings += len(*p.out)
	}
	if findings > 0 {
		b.Fatalf("%d findings on a clean item", findings)
	}
}

// TestRSSProfileSeverity checks the RSS rules whose verdict depends on the
// profiles in effect (the harness runs every profile at once).
func TestRSSProfileSeverity(t *testing.T) {
	const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Show</title>
<link>https://example.com/</link>
<description>d</description>
<item>
<description>only a description</description>
<enclosure url="https://example.com/a.mp3" length="123456789" type="audio/mpeg"/>
</item>
</channel>
</rss>
`
	type want struct {
		code string
		sev  Severity // 0: must not fire
	}
	tests := []struct {
		profiles []Profile
		want     []want
	}{
		{[]Profile{ProfileRSS}, []want{{"rss-guid-missing", Warning}, {"rss-item-title", 0}, {"rss-channel-language", 0}}},
		{[]Profile{ProfilePodcastIndex}, []want{{"rss-guid-missing", Warning}, {"rss-item-title", 0}, {"rss-channel-language", 0}}},
		{[]Profile{ProfileSpotify}, []want{{"rss-guid-missing", Error}, {"rss-item-title", Error}, {"rss-channel-language", 0}}},
		{[]Profile{ProfileApple}, []want{{"rss-guid-missing", Error}, {"rss-item-title", Error}, {"rss-channel-language", Error}}},
		{nil, []want{{"rss-guid-missing", Error}, {"rss-item-title", Error}, {"rss-channel-language", Error}}},
	}
	for _, tt := range tests {
		res, err := Run(context.Background(), strings.NewReader(feed), Config{Profiles: tt.profiles})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			var got Severity
			for _, d := range res.Diagnostics {
				if d.Code == w.code {
					got = d.Severity
				}
			}
			if got != w.sev {
				t.Errorf("profiles %v: %s severity %v, want %v", tt.profiles, w.code, got, w.sev)
			}
		}
	}
}

// FuzzRSSAppleRules runs every rule over mutated RSS and Apple fixtures: a
// rule that panics shows up as an internal-error finding.
func FuzzRSSAppleRules(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "rss-*", "*.xml"))
	more, _ := filepath.Glob(filepath.Join("testdata", "apple-*", "*.xml"))
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Run(context.Background(), strings.NewReader(string(src)), Config{})
		if err != nil {
			return
		}
		for _, d := range res.Diagnostics {
			if d.Code == "internal-error" {
				t.Fatalf("%s", d.Message)
			}
		}
	})
}

// TestURLUnsafe checks the bit sets against the list they encode.
func TestURLUnsafe(t *testing.T) {
	for i := 0; i < 256; i++ {
		c := byte(i)
		want := c >= 0x80 || c < ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}'
		if raURLUnsafe(c) != want {
			t.Errorf("%#x: %v", c, !want)
		}
	}
}

// TestRaASCII compares raASCII with a byte loop at every length and place
// of a high byte around the word boundaries.
func TestRaASCII(t *testing.T) {
	for n := 0; n <= 40; n++ {
		for at := -1; at < n; at++ {
			b := []byte(strings.Repeat("a", n))
			if at >= 0 {
				b[at] = 0xC3
			}
			if got, want := raASCII(string(b)), at < 0; got != want {
				t.Errorf("raASCII(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

// TestRaHasSpaceOrControl compares the word-at-a-time test with a byte
// loop for every byte value at every place around the word boundaries.
func TestRaHasSpaceOrControl(t *testing.T) {
	for n := 1; n <= 20; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := []byte(strings.Repeat("\xc3", n)) // high bytes around it
				b[at] = byte(c)
				want := false
				for _, x := range b {
					want = want || x <= ' '
				}
				if got := raHasSpaceOrControl(string(b)); got != want {
					t.Fatalf("raHasSpaceOrControl(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestRaURLPathExtCut checks that the query and the fragment are cut in
// either order.
func TestRaURLPathExtCut(t *testing.T) {
	for s, want := range map[string]string{
		"https://h/a.mp3?x=1#y.z": "mp3", "https://h/a.mp3#x?y.z": "mp3", "https://h/a.m4a#f": "m4a",
		"https://h/a.mp3?#": "mp3", "https://h/a?b.mp3": "", "/a.b/c.pdf": "pdf", "https://h/": "",
	} {
		if got := raURLPathExt(s); got != want {
			t.Errorf("raURLPathExt(%q) = %q, want %q", s, got, want)
		}
	}
}
