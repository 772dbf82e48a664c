package validate

import (
	"strings"
	"testing"
)

func TestPiUUIDv5(t *testing.T) {
	// The two examples of docs/tags/guid.md.
	for seed, want := range map[string]string{
		"https://podnews.net/rss":                   "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"https://mp3s.nashownotes.com/pc20rss.xml/": "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"http://mp3s.nashownotes.com/pc20rss.xml//": "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"podnews.net/rss":                           "9b024349-ccf0-5f69-a609-6b82873eab3c",
	} {
		if got := piUUIDv5(piGUIDNamespace, piGUIDSeed(seed)); got != want {
			t.Errorf("piUUIDv5(%q) = %q, want %q", seed, got, want)
		}
	}
}

func TestPiCountryCodes(t *testing.T) {
	codes := strings.Fields(piCountryCodes)
	if len(codes) != 249 {
		t.Errorf("%d ISO 3166-1 codes, want 249", len(codes))
	}
	for i, c := range codes {
		if len(c) != 2 || i > 0 && codes[i-1] >= c {
			t.Errorf("code %q out of order or malformed", c)
		}
	}
	for s, want := range map[string]bool{"US": true, "us": true, "gB": true, "UK": false, "EN": false, "": false, "USA": false} {
		if got := piIsCountry(s); got != want {
			t.Errorf("piIsCountry(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPiParseRFC2822(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		unix int64
	}{
		{"Fri, 09 Oct 2020 04:30:38 GMT", true, 1602217838},
		{"Thu, 01 Apr 2021 08:00:00 EST", true, 1617282000},
		{"Wed, 21 Jan 2026 14:38:48 +0100", true, 1769002728},
		{"1 Apr 2021 08:00 GMT", true, 1617264000},
		{"Mon 02 Jan 2023 10:00:00 +0000", true, 1672653600},
		{"Sun, 14 Jan 2018 21:38:44 -4400", false, 0},
		{"2021-04-01T08:00:00Z", false, 0},
		{"Thu, 01 Foo 2021 08:00:00 GMT", false, 0},
		{"Thu, 01 Apr 2021 25:00:00 GMT", false, 0},
		{"", false, 0},
	}
	for _, tt := range tests {
		got, ok := piParseRFC2822(tt.in)
		if ok != tt.ok || ok && got != tt.unix {
			t.Errorf("piParseRFC2822(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.unix, tt.ok)
		}
	}
}

func TestPiISO8601(t *testing.T) {
	tests := []struct {
		in           string
		dateOnly, ok bool
	}{
		{"2021-09-26T07:30:00.000-0600", false, true}, // live-item.md's own example
		{"2021-09-26T07:30:00-06:00", false, true},
		{"2023-08-28T00:00:00.000Z", false, true},
		{"2021-09-26T07:30", false, true},
		{"2023-08-28", true, true},
		{"2021-09-26T07:30:00+5", false, false},
		{"Sunday 7:30", false, false},
		{"2021-9-26", false, false},
	}
	for _, tt := range tests {
		d, ok := piISO8601Shape(tt.in)
		if d != tt.dateOnly || ok != tt.ok {
			t.Errorf("piISO8601Shape(%q) = %v, %v; want %v, %v", tt.in, d, ok, tt.dateOnly, tt.ok)
		}
	}
}

func TestPiValueShapes(t *testing.T) {
	checks := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"uuid", piIsUUID, "917393e3-1b1e-5cef-ace4-edaa54e1f810", true},
		{"uuid", piIsUUID, "y0ur-gu1d-g035-h3r3", false},
		{"mime", piIsMIME, "audio/mpeg", true},
		{"mime", piIsMIME, "text/html; charset=utf-8", true},
		{"mime", piIsMIME, "audio/mp3\n", false},
		{"mime", piIsMIME, "mp3", false},
		{"email", piIsEmail, "john@example.com", true},
		{"email", piIsEmail, "john@example.com (John)", false},
		{"url", piIsAbsURL, "https://example.com/a.mp3", true},
		{"url", piIsAbsURL, "ipfs://QmX33", true},
		{"url", piIsAbsURL, "https:///a.mp3", false},
		{"url", piIsAbsURL, "episode_1_srt", false},
		{"bcp47", piIsBCP47, "pt-BR", true},
		{"bcp47", piIsBCP47, "zh-Hant-TW", true},
		{"bcp47", piIsBCP47, "english", false},
		{"fqdn", piIsFQDN, "irc.zeronode.net", true},
		{"fqdn", piIsFQDN, "https://irc.example", false},
		{"geo", piIsGeoURI, "geo:-27.86159,153.3169", true},
		{"geo", piIsGeoURI, "geo:30.2672,97.7431;u=35", true},
		{"geo", piIsGeoURI, "geo:91,0", false},
		{"osm", piIsOSM, "R113314", true},
		{"osm", piIsOSM, "W43678282#2", true},
		{"osm", piIsOSM, "113314", false},
		{"ratio", piIsAspectRatio, "16/9", true},
		{"ratio", piIsAspectRatio, "1.9", true},
		{"ratio", piIsAspectRatio, "wide", false},
		{"decimal", piIsDecimal, "0.00000005000", true},
		{"decimal", piIsDecimal, "1.2.3", false},
	}
	for _, c := range checks {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", c.name, c.in, got, c.want)
		}
	}
	for in, want := range map[string]float64{"1800": 1800, "30:00": 1800, "0:30:00": 1800, "75:30": 4530, "1:02:03.5": 3723.5} {
		if got, ok := piDurationSeconds(in); !ok || got != want {
			t.Errorf("piDurationSeconds(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1:60", "1:2:3:4", "-5", "abc"} {
		if _, ok := piDurationSeconds(in); ok {
			t.Errorf("piDurationSeconds(%q) accepted", in)
		}
	}
}

func TestPiRRule(t *testing.T) {
	for in, want := range map[string]string{
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10":   "",
		"FREQ=YEARLY;BYDAY=+4TH;BYMONTH=11":          "",
		"FREQ=WEEKLY;UNTIL=2023-12-31T00:00:00.000Z": "",
		"WEEKLY":                            "part WEEKLY is not NAME=VALUE",
		"INTERVAL=2":                        "FREQ is missing",
		"FREQ=FORTNIGHTLY":                  "FREQ=FORTNIGHTLY is not a frequency",
		"FREQ=DAILY;COUNT=3;UNTIL=20231231": "COUNT and UNTIL must not both be given",
	} {
		if got, _, _ := piRRuleProblem(in); got != want {
			t.Errorf("piRRuleProblem(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzPiParsers feeds untrusted attribute values to the value parsers; none
// may panic, and parsed dates must round-trip through their shape checks.
func FuzzPiParsers(f *testing.F) {
	for _, s := range []string{"Thu, 01 Apr 2021 08:00:00 EST", "2021-09-26T07:30:00.000-0600", "FREQ=WEEKLY;COUNT=3",
		"geo:1,2", "1:02:03", "sha384-x", "a/b;c=d", "https://x.y/z", "W1#2", "16/9", "zh-Hant"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		piParseRFC2822(s)
		piISO8601Shape(s)
		piRRuleProblem(s)
		piUntilShape(s)
		piIsGeoURI(s)
		piDurationSeconds(s)
		piIsMIME(s)
		// An absolute URL has no problem, and whatever has none is one.
		if abs, why := piIsAbsURL(s), piURLProblem(s); abs != (why == "") {
			t.Errorf("piIsAbsURL(%q) = %v but piURLProblem = %q", s, abs, why)
		}
		piIsBCP47(s)
		piIsFQDN(s)
		piIsOSM(s)
		piIsAspectRatio(s)
		piIsCodecs(s)
		piIsEmail(s)
		if piIsCountry(s) && len(s) != 2 {
			t.Errorf("piIsCountry(%q) = true for %d bytes", s, len(s))
		}
		if sc := piScheme(s); sc != "" && (len(sc) >= len(s) || s[len(sc)] != ':' || !strings.EqualFold(s[:len(sc)], sc)) {
			t.Errorf("piScheme(%q) = %q, not the part before the first colon", s, sc)
		}
		if v, ok := piDecimal(s); ok && v < 0 {
			t.Errorf("piDecimal(%q) = %v < 0", s, v)
		}
	})
}

// piBenchItem builds an item like a Podcasting 2.0 host writes, without the
// parser, so the benchmark measures the rules alone.
func piBenchItem() *Node {
	it := &Node{Local: "item", Pos: Pos{1, 1}}
	add := func(parent *Node, space, local, text string, attrs ...string) *Node {
		n := &Node{Space: space, Local: local, Text: text, Parent: parent, Pos: Pos{2, 1}, TextPos: Pos{2, 5}}
		for i := 0; i+1 < len(attrs); i += 2 {
			n.Attrs = append(n.Attrs, Attr{Local: attrs[i], Value: attrs[i+1], Pos: Pos{2, 9}})
		}
		parent.Children = append(parent.Children, n)
		return n
	}
	add(it, NSNone, "title", "Episode 12: a title of moderate length about things")
	add(it, NSNone, "guid", "ep-12", "isPermaLink", "false")
	add(it, NSNone, "pubDate", "Mon, 02 Jan 2023 10:00:00 GMT")
	add(it, NSNone, "enclosure", "", "url", "https://example.com/ep12.mp3", "length", "28800000", "type", "audio/mpeg")
	add(it, NSNone, "description", strings.Repeat("Show notes. ", 40))
	add(it, NSContent, "encoded", strings.Repeat("<p>Show notes.</p> ", 40))
	add(it, NSItunes, "duration", "1800")
	add(it, NSItunes, "episode", "12")
	add(it, NSItunes, "season", "1")
	add(it, NSItunes, "explicit", "false")
	add(it, NSItunes, "image", "", "href", "https://example.com/ep12.jpg")
	add(it, NSPodcast, "season", "1")
	add(it, NSPodcast, "episode", "12")
	add(it, NSPodcast, "chapters", "", "url", "https://example.com/ep12.json", "type", "application/json+chapters")
	add(it, NSPodcast, "transcript", "", "url", "https://example.com/ep12.vtt", "type", "text/vtt", "rel", "captions")
	add(it, NSPodcast, "soundbite", "", "startTime", "73.0", "duration", "60.0")
	add(it, NSPodcast, "person", "Host Name", "role", "host", "img", "https://example.com/h.jpg")
	add(it, NSPodcast, "person", "Guest Name", "role", "guest", "href", "https://example.com/g")
	ae := add(it, NSPodcast, "alternateEnclosure", "", "type", "audio/opus", "length", "20000000", "bitrate", "96000")
	add(ae, NSPodcast, "source", "", "uri", "https://example.com/ep12.opus")
	v := add(it, NSPodcast, "value", "", "type", "lightning", "method", "keysend")
	add(v, NSPodcast, "valueRecipient", "", "name", "h", "type", "node", "address", "036557ea56b3b86f08be31bcd2557cae8021b0e3a9413f0c0e52625c6696972e57", "split", "100")
	return it
}

// benchPiItemRules runs the Item hooks of the Spotify, podcast and
// cross-item rules with or without per-run state on one rich item. A 35 MB
// feed of 10,000 items leaves 35 µs per item for everything at 100 MB/s.
func benchPiItemRules(b *testing.B, stateful bool) {
	var rules []*Rule
	rules = append(rules, spotifyRules()...)
	rules = append(rules, podcastRules()...)
	rules = append(rules, crossRules()...)
	var passes []*Pass
	pi := new(piIndex) // as the engine gives the rules of one goroutine
	for _, r := range rules {
		if r.Item == nil || (r.NewState != nil) != stateful {
			continue
		}
		passes = append(passes, &Pass{rule: r, Config: &Config{}, out: new([]Diagnostic), pi: pi})
	}
	it := piBenchItem()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range passes {
			if stateful {
				p.State = p.rule.NewState() // a fresh run: the same item again is no duplicate
			}
			p.rule.Item(p, it)
		}
	}
	b.StopTimer()
	findings := 0
	for _, p := range passes {
		findings += len(*p.out)
	}
	if findings > 0 {
		b.Fatalf("%d findings on a valid item", findings)
	}
}

// BenchmarkPiItemRules measures the stateless rules.
func BenchmarkPiItemRules(b *testing.B) { benchPiItemRules(b, false) }

// BenchmarkPiItemRulesStateful measures the cross-item rules; it includes
// making their state afresh for every item, which a real run does once.
func BenchmarkPiItemRulesStateful(b *testing.B) { benchPiItemRules(b, true) }

func FuzzHasURLSpace(f *testing.F) {
	for _, s := range []string{"", "https://example.com/a b", "https://example.com/\tx", "https://example.com/é\n", "abcdefgh abcdefgh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasURLSpace(s), strings.ContainsAny(s, " \t\r\n"); got != want {
			t.Errorf("hasURLSpace(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestTrimSpace holds trimSpace to strings.TrimSpace, Unicode spaces and
// invalid UTF-8 at either end included.
func TestTrimSpace(t *testing.T) {
	ends := []string{"", "a", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2003", "\u3000", "é", "\xc3", "\xa0", "~", "\x7f", "\x00"}
	for _, a := range ends {
		for _, b := range ends {
			for _, mid := range []string{"", "x", " y "} {
				s := a + mid + b
				if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
					t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}
