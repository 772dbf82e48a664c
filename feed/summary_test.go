package feed

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/podfeed/podfeed/internal/corpus"
)

// ignoreLine leaves SummaryItem.Line, which TestReadSummaryLines checks,
// out of comparisons.
var ignoreLine = cmpopts.IgnoreFields(SummaryItem{}, "Line")

// TestReadSummaryLines: each item's line, and the channel's podcast:guid
// (under any prefix bound to the namespace), are read too.
func TestReadSummaryLines(t *testing.T) {
	in := "\uFEFF<?xml version=\"1.0\"?>\n<rss xmlns:p=\"https://podcastindex.org/namespace/1.0\">\n<channel><p:guid> 9b024349-ccf0-5f69-a609-6b82873eab3c </p:guid>\n" +
		"<item><guid>a</guid><description><![CDATA[two\nlines]]></description></item>\n\n<item>\n<guid>b</guid><p:guid>not the channel's</p:guid></item></channel></rss>"
	got, err := ReadSummary(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &Summary{GUID: "9b024349-ccf0-5f69-a609-6b82873eab3c", Items: []SummaryItem{{GUID: "a", Line: 4}, {GUID: "b", Line: 7}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadSummary mismatch (-want +got):\n%s", diff)
	}
	// UTF-16 counts the same lines.
	got, err = ReadSummary(strings.NewReader(utf16LE(strings.TrimPrefix(in, "\uFEFF"))))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadSummary of UTF-16 mismatch (-want +got):\n%s", diff)
	}
}

func TestReadSummary(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want *Summary
	}{{
		name: "own_feed",
		in:   string(mustEncode(t, fullChannel())),
		want: &Summary{
			Link: "https://example.com/show", SelfURL: "https://example.com/feed.xml",
			NewFeedURL: "https://new.example.com/feed.xml", GUID: "917393e3-1b1e-5cef-ace4-edaa54e1f810",
			Items: []SummaryItem{
				{GUID: "https://example.com/show/2", Title: `Episode "2": Q&A`, EnclosureURL: "https://cdn.example.com/ep%202.mp3?a=1&b=2"},
				{GUID: "ep-1", Title: "Episode 1", EnclosureURL: "https://cdn.example.com/1.mp3"},
			},
		},
	}, {
		name: "bom_entities_prefixes",
		in: "\ufeff<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:a=\"http://www.w3.org/2005/Atom\" xmlns:it=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\">" +
			"<channel><title>T&nbsp;x</title><link> https://e.com/ </link>" +
			"<a:link rel=\"alternate\" href=\"https://e.com/\"/><a:link type=\"application/rss+xml\" rel=\"self\" href=\"https://e.com/rss\"/>" +
			"<it:new-feed-url>https://n.com/rss</it:new-feed-url>" +
			"<item><title>Caf&eacute; &amp; more</title><guid isPermaLink=\"false\"> g1 </guid>" +
			"<enclosure url=\"https://e.com/1.mp3\"/><enclosure url=\"https://e.com/1.ogg\"/>" +
			"<media:content url=\"x\"/><podcast:foo>undeclared</podcast:foo></item>" +
			"<item><title>No guid</title></item></channel></rss>",
		want: &Summary{
			Link: "https://e.com/", SelfURL: "https://e.com/rss", NewFeedURL: "https://n.com/rss",
			Items: []SummaryItem{
				{GUID: "g1", Title: "Café & more", EnclosureURL: "https://e.com/1.mp3"},
				{Title: "No guid"},
			},
		},
	}, {
		name: "latin1",
		in:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title><guid>1</guid></item></channel></rss>",
		want: &Summary{Items: []SummaryItem{{GUID: "1", Title: "Café"}}},
	}, {
		name: "windows1252",
		in:   "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>\x93Quoted\x94 \x80</title></item></channel></rss>",
		want: &Summary{Items: []SummaryItem{{Title: "“Quoted” €"}}},
	}, {
		name: "cut_off",
		in:   "<rss><channel><link>https://e.com/</link><item><title>One</title><guid>1</guid></item><item><title>Tw",
		want: &Summary{Link: "https://e.com/", Truncated: true, Items: []SummaryItem{{GUID: "1", Title: "One"}, {}}},
	}, {
		name: "item_link_not_channel_link",
		in:   "<rss><channel><item><link>https://e.com/1</link><atom:link rel=\"self\" href=\"https://e.com/x\"/></item><link>https://e.com/</link></channel></rss>",
		want: &Summary{Link: "https://e.com/", Items: []SummaryItem{{}}},
	}, {
		name: "doctype_comments_quotes",
		in: "<?xml version='1.0'?>\n<!DOCTYPE rss [ <!ENTITY x \"y\"> ]>\n<!-- <item><guid>commented</guid></item> -->" +
			"<rss xmlns:atom='http://www.w3.org/2005/Atom'><channel><atom:link rel='self' href='https://e.com/a?x=1&amp;y=2'/>" +
			"<item><guid/><title><![CDATA[A ]]>&amp;<![CDATA[ B]]></title><enclosure url=https://e.com/u.mp3 /></item>" +
			"<item><title>1 < 2</title><guid isPermaLink=\"false\">two</guid></item></channel></rss>",
		want: &Summary{SelfURL: "https://e.com/a?x=1&y=2", Items: []SummaryItem{
			{Title: "A & B", EnclosureURL: "https://e.com/u.mp3"},
			{GUID: "two", Title: "1 < 2"},
		}},
	}, {
		name: "prefix_bound_elsewhere",
		in: "<rss xmlns:atom=\"http://example.com/not-atom\" xmlns:x=\"http://www.w3.org/2005/Atom\"><channel>" +
			"<atom:link rel=\"self\" href=\"wrong\"/><x:link rel=\"self\" href=\"right\"/></channel></rss>",
		want: &Summary{SelfURL: "right"},
	}, {
		name: "utf16",
		in:   utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Café</title></item></channel></rss>"),
		want: &Summary{Items: []SummaryItem{{Title: "Café"}}},
	}, {
		name: "empty_channel",
		in:   "<rss version=\"2.0\"><channel></channel></rss>\n",
		want: &Summary{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadSummary(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ReadSummary: %v", err)
			}
			if diff := cmp.Diff(tc.want, got, ignoreLine); diff != "" {
				t.Errorf("ReadSummary mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadSummaryErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"not xml at all",
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>`,
		"<rss><item><title>outside a channel</title></item></rss>",
		"<html><body>",
	} {
		if s, err := ReadSummary(strings.NewReader(in)); err == nil {
			t.Errorf("ReadSummary(%q) = %+v, nil error; want an error", in, s)
		}
	}
}

func mustEncode(t testing.TB, ch *Channel) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, ch); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadSummaryCorpus reads every well-formed RSS feed of the corpus and
// checks the item count against INDEX.tsv.
func TestReadSummaryCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	f, err := os.Open(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	checked := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 12 || col[11] != "feed" {
			continue
		}
		name, wellFormed := col[0], col[10] == "yes"
		items, err := strconv.Atoi(col[5])
		if err != nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "feeds", name))
			if err != nil {
				t.Fatal(err)
			}
			s, err := ReadSummary(bytes.NewReader(data))
			if !wellFormed || !bytes.Contains(data, []byte("<rss")) {
				return // only must not panic
			}
			if err != nil {
				t.Fatalf("ReadSummary: %v", err)
			}
			if len(s.Items) != items {
				t.Errorf("ReadSummary found %d items, INDEX.tsv says %d", len(s.Items), items)
			}
			checked++
		})
	}
	if checked == 0 {
		t.Errorf("no corpus feed was checked")
	}
}

func FuzzReadSummary(f *testing.F) {
	f.Add(string(mustEncode(f, fullChannel())))
	f.Add("<rss><channel><item><guid>1</guid><title>a</title><enclosure url=\"u\"/></item></channel></rss>")
	f.Add("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>\x93</title></channel></rss>")
	f.Fuzz(func(t *testing.T, in string) {
		sameInPieces(t, "input", []byte(in))
		s, err := ReadSummary(strings.NewReader(in))
		if err == nil && s == nil {
			t.Fatalf("ReadSummary(%q) = nil, nil", in)
		}
		if err != nil && s != nil {
			t.Fatalf("ReadSummary(%q) returned both a summary and an error", in)
		}
	})
}

// TestSummaryOfEncode checks that ReadSummary reads back what Encode wrote,
// for the shows the benchmark uses.
func TestSummaryOfEncode(t *testing.T) {
	ch := benchChannel(50)
	s, err := ReadSummary(bytes.NewReader(mustEncode(t, ch)))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Items) != len(ch.Items) {
		t.Fatalf("read %d items, want %d", len(s.Items), len(ch.Items))
	}
	for i, it := range s.Items {
		w := ch.Items[i]
		if it.GUID != w.GUID || it.Title != w.Title || it.EnclosureURL != w.Enclosure.URL {
			t.Errorf("item %d = %+v, want guid %q title %q enclosure %q", i, it, w.GUID, w.Title, w.Enclosure.URL)
		}
	}
	if s.SelfURL != ch.SelfURL || s.Link != ch.Link {
		t.Errorf("self %q link %q, want %q %q", s.SelfURL, s.Link, ch.SelfURL, ch.Link)
	}
}

// TestSummaryOf checks that SummaryOf agrees with reading the encoded feed.
func TestSummaryOf(t *testing.T) {
	for _, ch := range []*Channel{minimalChannel(), fullChannel(), {}} {
		read, err := ReadSummary(bytes.NewReader(mustEncode(t, ch)))
		if err != nil {
			t.Fatal(err)
		}
		// Whitespace is trimmed on reading; the fixtures have none to trim.
		if diff := cmp.Diff(read, SummaryOf(ch), ignoreLine); diff != "" {
			t.Errorf("SummaryOf differs from ReadSummary(Encode) (-read +SummaryOf):\n%s", diff)
		}
	}
}

// utf16LE encodes s as UTF-16 little-endian with a byte-order mark.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// pieces reads at most n bytes at a time, as a network or pipe may.
type pieces struct {
	r io.Reader
	n int
}

func (p *pieces) Read(b []byte) (int, error) { return p.r.Read(b[:min(len(b), p.n)]) }

// sameInPieces fails when reading data in small pieces, through a small
// window, gives another summary or error than reading it whole.
func sameInPieces(t *testing.T, name string, data []byte) {
	t.Helper()
	want, werr := readSummary(bytes.NewReader(data), len(data)+1)
	for _, tc := range []struct{ chunk, read int }{{1, 1}, {7, 3}, {16, 16}, {64, 5}, {4096, 1000}} {
		got, err := readSummary(&pieces{r: bytes.NewReader(data), n: tc.read}, tc.chunk)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%s, window %d, reads of %d: error %v, whole: %v", name, tc.chunk, tc.read, err, werr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s, window %d, reads of %d: summary differs from the whole document's (-whole +pieces):\n%s", name, tc.chunk, tc.read, diff)
		}
	}
}

// TestReadSummaryInPieces: a document read in pieces gives what it gives
// read whole, wherever the pieces break it (inside tags, entities, CDATA,
// comments, declarations, names), on the corpus, the encoder's output and
// documents cut off anywhere.
func TestReadSummaryInPieces(t *testing.T) {
	docs := map[string][]byte{
		"full":     mustEncode(t, fullChannel()),
		"entities": []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<rss xmlns:a=\"http://www.w3.org/2005/Atom\"><channel><!-- c <item> -->\n<a:link rel=\"self\" href=\"h&amp;i\"/><link>l &notin; &amp &lt;x&gt;</link>\n<item><guid> g&#233;1 </guid><title><![CDATA[t <b> ]] ]]>&amp;</title><enclosure url='u1'/></item>\n<item><title>t2 &eacute;&eacutex</title></item></channel></rss>\n"),
		"latin1":   []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><link>\xe9</link><item><guid>\xe9</guid></item></channel></rss>"),
		"bom":      []byte("\xEF\xBB\xBF<rss><channel><item><guid>b</guid></item></channel></rss>"),
	}
	// The first 4 KB are read at once (for the encoding): repeat the
	// items so that the pieces break every construct after them.
	var items strings.Builder
	for i := range 60 {
		fmt.Fprintf(&items, "<item><guid> g&#233;%d &notin;&amp</guid><title><![CDATA[t <b> ]] ]]>&amp;&eacutex</title><!-- <item> --><enclosure url='u%d&amp;x' /><?pi ?></item>\n", i, i)
	}
	docs["items"] = []byte("<rss xmlns:it=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><link>l</link>\n" + items.String() + "<it:new-feed-url>n &amp; m</it:new-feed-url></channel></rss>")
	docs["latin1 items"] = []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel>" + strings.Repeat("<item><guid>\x93\xe9</guid></item>\n", 400) + "</channel></rss>")
	for name, data := range docs {
		sameInPieces(t, name, data)
		for cut := 0; cut < len(data); cut += 1 + len(data)/97 {
			sameInPieces(t, name+" cut", data[:cut])
		}
	}
	if dir := os.Getenv("PODFEED_CORPUS"); dir != "" {
		feeds, err := filepath.Glob(filepath.Join(dir, "feeds", "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range feeds {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > 256<<10 {
				data = data[:256<<10] // enough to cross every kind of boundary
			}
			sameInPieces(t, filepath.Base(f), data)
		}
	} else {
		t.Log("PODFEED_CORPUS not set: corpus feeds not read in pieces")
	}
}
