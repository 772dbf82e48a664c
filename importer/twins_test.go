package importer

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/unicode"

	"github.com/podfeed/podfeed/show"
)

// twinFeed is a small, well-formed UTF-8 podcast feed whose text goes
// beyond Latin-1 (a curly apostrophe, Japanese, an emoji): each case of
// TestTraitTwins breaks it in one way real feeds are broken and expects
// the import of the broken copy to equal the import of this one.
const twinFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:spotify="http://www.spotify.com/ns/rss">
<channel>
<title>Köln Nights</title>
<link>https://koeln.example.com/</link>
<description>Stories from Köln, 東京 and elsewhere.</description>
<language>de</language>
<itunes:author>Jana Ärger</itunes:author>
<spotify:countryOfOrigin>de</spotify:countryOfOrigin>
<item>
<title>Don’t stop 🎙</title>
<guid isPermaLink="false">kn-1</guid>
<pubDate>Wed, 01 May 2024 09:00:00 +0200</pubDate>
<enclosure url="https://koeln.example.com/1.mp3" length="48213504" type="audio/mpeg"/>
<description>Grüße aus Köln – the first night.</description>
<spotify:limit recentCount="3"/>
</item>
</channel>
</rss>
`

// TestTraitTwins: every trait beside its well-formed twin. Each broken
// copy must import to the same show and episodes as twinFeed, with a note
// that says what was repaired.
func TestTraitTwins(t *testing.T) {
	want := mustParse(t, []byte(twinFeed), Options{})
	utf16 := func(order unicode.Endianness, s string) string {
		out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	decl := func(enc string) string {
		return strings.Replace(twinFeed, `encoding="UTF-8"`, `encoding="`+enc+`"`, 1)
	}
	tests := []struct {
		name, src, note string
	}{
		{"a stray Windows-1252 byte in UTF-8 text",
			strings.Replace(twinFeed, "Don’t", "Don\x92t", 1),
			"1 byte(s) are not valid UTF-8 (first at 11:11, 0x92 as '’'): read them as Windows-1252, the rest as UTF-8"},
		{"declared ISO-8859-1, written in UTF-8", decl("ISO-8859-1"),
			`the XML declaration says iso-8859-1, but the text is UTF-8 ("Köln" at 4:8): read it as UTF-8`},
		{"declared windows-1252, written in UTF-8", decl("windows-1252"), "but the text is UTF-8"},
		{"UTF-16LE without a byte-order mark", utf16(unicode.LittleEndian, decl("UTF-16")),
			"converted UTF-16 text (without a byte-order mark) to UTF-8"},
		{"UTF-16BE without a byte-order mark", utf16(unicode.BigEndian, decl("UTF-16")),
			"converted UTF-16 text (without a byte-order mark) to UTF-8"},
		{"declared UTF-16, written in UTF-8", decl("UTF-16"), "the XML declaration says utf-16, but the text is UTF-8"},
		{"an unknown prefix used without its declaration",
			strings.Replace(twinFeed, ` xmlns:spotify="http://www.spotify.com/ns/rss"`, "", 1),
			"the prefix spotify: is used without an xmlns:spotify declaration and names no namespace podfeed knows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, []byte(tt.src), Options{})
			if !hasNote(got, tt.note) {
				t.Errorf("notes %q, want one with %q", got.Notes, tt.note)
			}
			if d := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Notes")); d != "" {
				t.Errorf("import differs from the well-formed twin's (-twin +got):\n%s", d)
			}
		})
	}
	// The twin's own import: the unknown namespace is listed, not lost
	// silently, and the text is what the feed says.
	if want.Show.Title != "Köln Nights" || want.Episodes[0].Def.Title != "Don’t stop 🎙" {
		t.Errorf("twin: show %q, episode %q", want.Show.Title, want.Episodes[0].Def.Title)
	}
	if d := cmp.Diff([]Unmodelled{{"channel", "spotify:countryOfOrigin", 1}, {"item", "spotify:limit", 1}}, want.Unmodelled); d != "" {
		t.Errorf("not modelled (-want +got):\n%s", d)
	}
}

// TestAtomTitleTypes: an Atom title of type html or xhtml is markup; its
// text is what the entry is called, as with the plain-text twin.
func TestAtomTitleTypes(t *testing.T) {
	atom := func(title string) string {
		return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Show</title><id>urn:x</id>` +
			`<entry><id>urn:1</id>` + title + `<published>2024-05-01T09:00:00Z</published>` +
			`<link rel="enclosure" href="https://a.example.com/1.mp3" length="42" type="audio/mpeg"/></entry></feed>`
	}
	twin := mustParse(t, []byte(atom(`<title>Q&amp;A &lt;live&gt; in Köln</title>`)), Options{})
	if got := twin.Episodes[0].Def.Title; got != "Q&A <live> in Köln" {
		t.Fatalf("text title %q", got)
	}
	for name, title := range map[string]string{
		"html":        `<title type="html">Q&amp;amp;A &amp;lt;live&amp;gt; in &lt;b&gt;Köln&lt;/b&gt;</title>`,
		"html cdata":  `<title type="html"><![CDATA[Q&amp;A &lt;live&gt; in <b>Köln</b>]]></title>`,
		"xhtml":       `<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Q&amp;A &lt;live&gt; in <b>Köln</b></div></title>`,
		"html spaced": "<title type=\"html\">\n  Q&amp;amp;A &amp;lt;live&amp;gt;\n  in Köln\n</title>",
	} {
		t.Run(name, func(t *testing.T) {
			got := mustParse(t, []byte(atom(title)), Options{})
			if d := cmp.Diff(twin.Episodes, got.Episodes); d != "" {
				t.Errorf("(-text twin +%s):\n%s", name, d)
			}
		})
	}
}

// TestAstralCharactersWritten: characters beyond U+FFFF (emoji, rare CJK)
// are written as themselves, as the rest of the text is, not as YAML
// escapes ("\U0001F399"), and read back the same; a private-use
// character already in the text keeps its own meaning.
func TestAstralCharactersWritten(t *testing.T) {
	src := strings.NewReplacer("Don’t stop 🎙", "🎙️🎧 \U0002000B \ue000 Don’t \\U0001F399", "Köln Nights", "Köln Nights 🌃").Replace(twinFeed)
	r := mustParse(t, []byte(src), Options{})
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		var v struct{ Title string }
		data, _, _ := strings.Cut(strings.TrimPrefix(string(f.Data), "---\n"), "---\n")
		if err := yaml.Unmarshal([]byte(data), &v); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		want, raw := "🎙️🎧 \U0002000B \ue000 Don’t \\U0001F399", "🎙️🎧 \U0002000B"
		if f.Path == "podcast.yaml" {
			want, raw = "Köln Nights 🌃", "Köln Nights 🌃"
		}
		if v.Title != want || !strings.Contains(string(f.Data), raw) {
			t.Errorf("%s: title reads back as %q, want %q, written as it is:\n%s", f.Path, v.Title, want, f.Data)
		}
	}
}

// TestValuesBuildTakes: values build refuses (a javascript: link, an
// enclosure without a URL, a value split below zero or with a fraction, a
// transcript without a url) are repaired or left out, each with a note,
// beside the well-formed item whose values are kept as they are. An item
// without a readable date is never given a scheduled item's future date.
func TestValuesBuildTakes(t *testing.T) {
	item := func(guid, date, extra string) string {
		return `<item><title>` + guid + `</title><guid isPermaLink="false">` + guid + `</guid><pubDate>` + date + `</pubDate>` + extra + `</item>`
	}
	enc := func(u string) string { return `<enclosure url="` + u + `" length="1000" type="audio/mpeg"/>` }
	value := func(split string) string {
		return `<podcast:value type="lightning" method="keysend"><podcast:valueRecipient name="A" type="node" address="03ae" split="` + split + `"/></podcast:value>`
	}
	src := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>T</title>` +
		item("ok", "Tue, 05 Mar 2024 10:00:00 GMT", enc("https://x.example.com/ok.mp3")+`<link>https://x.example.com/ok</link>`+value("30")+`<podcast:transcript url="https://x.example.com/ok.vtt" type="text/vtt"/>`) +
		item("js-link", "Mon, 04 Mar 2024 10:00:00 GMT", enc("https://x.example.com/js.mp3")+`<link>javascript:alert(1)</link>`) +
		item("no-url", "Sun, 03 Mar 2024 10:00:00 GMT", enc("")) +
		item("splits", "Sat, 02 Mar 2024 10:00:00 GMT", enc("https://x.example.com/s.mp3")+value("33.3")) +
		item("minus", "Fri, 01 Mar 2024 10:00:00 GMT", enc("https://x.example.com/m.mp3")+value("-5")+`<podcast:transcript type="text/vtt"/>`) +
		item("scheduled", "Fri, 01 Jan 2100 10:00:00 GMT", enc("https://x.example.com/later.mp3")) +
		item("undated", "someday", enc("https://x.example.com/u.mp3")) +
		`</channel></rss>`
	r := mustParse(t, []byte(src), Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	by := map[string]show.Episode{}
	for _, e := range r.Episodes {
		by[e.Def.GUID] = e.Def
	}
	ok := by["ok"]
	if ok.Link != "https://x.example.com/ok" || ok.Value.Recipients[0].Split != 30 || len(ok.Transcripts) != 1 || ok.Draft {
		t.Errorf("the well-formed item changed: %+v", ok)
	}
	if d := by["js-link"]; d.Link != "" || d.Audio == "" {
		t.Errorf("javascript: link: link %q audio %q", d.Link, d.Audio)
	}
	if d := by["no-url"]; !d.Draft || d.Audio != "" {
		t.Errorf("enclosure without a URL: draft %v, audio %q", d.Draft, d.Audio)
	}
	if s := by["splits"].Value.Recipients[0].Split; s != 33 {
		t.Errorf("split 33.3 read as %d, want 33", s)
	}
	if d := by["minus"]; d.Value.Recipients[0].Split != 0 || len(d.Transcripts) != 0 {
		t.Errorf("split -5 read as %d (want 0); transcripts %+v (want none)", d.Value.Recipients[0].Split, d.Transcripts)
	}
	if d := by["undated"].Date; d != "2024-03-05T10:00:00Z" {
		t.Errorf("undated item dated %q, want the newest published item's date, not the scheduled one's", d)
	}
	for _, n := range []string{
		`1 link values that are not http(s) URLs: left out (first: item 2 "js-link": "javascript:alert(1)")`,
		`1 items whose enclosure has no http(s) URL: written as drafts, which build leaves out (first: item 3 "no-url": "")`,
		`1 item podcast:valueRecipient split with a fraction: rounded to a whole number of shares (first: 33.3 → 33)`,
		`1 item podcast:valueRecipient split below zero: read as 0 (first: -5)`,
		`1 podcast:transcript elements without a url: left out (first: item 5 "minus")`,
		`1 items without a readable date: given the newest item's date (2024-03-05T10:00:00Z)`,
	} {
		if !hasNote(r, n) {
			t.Errorf("no note %q in\n%s", n, strings.Join(r.Notes, "\n"))
		}
	}
}
