package validate

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestASCIIItemsChangeNothing validates every fixture and corpus feed with
// items marked ASCII (as always: rules that look only for non-ASCII
// characters skip them) and never marked: the findings are the same.
func TestASCIIItemsChangeNothing(t *testing.T) {
	sameFindingsEitherWay(t, "runs with ASCII items skipped and read", func(e *engine) { e.noASCII = true })
}

// TestInlineBatchesChangeNothing validates every fixture and corpus feed
// with the hooks run by a rules worker and on the scanning goroutine, a
// batch at a time rule by rule in both (as on one processor): the
// findings are the same. TestPipelineMatchesSerial holds the first to
// item-by-item runs.
func TestInlineBatchesChangeNothing(t *testing.T) {
	sameFindingsEitherWay(t, "runs with a rules worker and inline batches", func(e *engine) { e.workers = -1 })
}

// itemIsASCII is the slow truth Node.ascii stands for: no text or
// attribute value of the item's tree holds a byte from 0x80.
func itemIsASCII(n *Node) bool {
	if !raASCII(n.Text) {
		return false
	}
	for _, a := range n.Attrs {
		if !raASCII(a.Value) {
			return false
		}
	}
	for _, c := range n.Children {
		if !itemIsASCII(c) {
			return false
		}
	}
	return true
}

// TestItemASCIIFlag holds the engine's mark to the tree it built, on
// items that reach a byte from 0x80 every way a rule can see one: as
// written, through character references, in CDATA sections and their
// splits, in attributes (the item's own too), past a text piece, and on
// the channel's elements before the item (which must not leak into it).
func TestItemASCIIFlag(t *testing.T) {
	const long = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	cases := []struct {
		name, channel, item string
		ascii               bool
	}{
		{"plain", "", `<title>One &amp; two</title><enclosure url="https://e.com/a.mp3"/>`, true},
		{"crlf", "", "<title>One\r\ntwo</title><description><![CDATA[<p>a\r\nb</p>]]></description>", true},
		{"raw in text", "", `<title>Été</title>`, false},
		{"raw in nested text", "", `<podcast:person role="host">Zoë</podcast:person>`, false},
		{"raw at end of long text", "", `<description>` + strings.Repeat(long, 4) + `é</description>`, false},
		{"raw in attribute", "", `<enclosure url="https://e.com/é.mp3"/>`, false},
		{"raw in item attribute", "", `<title>a</title>`, false},
		{"decimal reference", "", `<title>&#195;&#169;t&#195;&#169;</title>`, false},
		{"hex reference in attribute", "", `<itunes:image href="https://e.com/&#xE9;.jpg"/>`, false},
		{"reference to U+007F", "", `<title>&#127;</title>`, true},
		{"cdata", "", `<description><![CDATA[Ã© café]]></description>`, false},
		{"cdata split", "", `<description><![CDATA[abc]]><![CDATA[Ã]]>&#169;</description>`, false},
		{"raw after a reference in text", "", `<title>a &amp; b é</title>`, false},
		{"raw after a reference in attribute", "", `<enclosure url="https://e.com/?a=1&amp;b=é"/>`, false},
		{"raw after crlf in text", "", "<title>a\r\nb é</title>", false},
		{"raw after crlf in cdata", "", "<description><![CDATA[a\r\nb é]]></description>", false},
		{"tab in attribute", "", "<enclosure url=\"https://e.com/a\tb.mp3\"/>", true},
		{"html entity", "", `<title>caf&eacute;</title>`, false},
		{"channel before", `<title>Ràdio</title>`, `<title>ASCII</title>`, true},
		{"only in a comment", "", `<!-- é --><title>a</title>`, true},
	}
	for _, c := range cases {
		for _, chunk := range []int{0, 7} {
			attr := ""
			if c.name == "raw in item attribute" {
				attr = ` x="é"`
			}
			feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>` +
				c.channel + "<item" + attr + ">" + c.item + "</item><item><title>after</title></item></channel></rss>"
			var got, truth []bool
			r := &Rule{Code: "test-ascii", Profiles: []Profile{ProfileRSS}, Item: func(p *Pass, it *Node) {
				got = append(got, it.ascii)
				truth = append(truth, itemIsASCII(it))
			}}
			e := newEngine(context.Background(), &Config{}, []*Rule{r})
			e.serial, e.chunk = true, chunk
			if _, err := e.run(strings.NewReader(feed)); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			want := fmt.Sprint([]bool{c.ascii, true})
			if fmt.Sprint(got) != want || fmt.Sprint(truth) != want {
				t.Errorf("%s (chunk %d): marked %v, tree %v, want %v", c.name, chunk, got, truth, want)
			}
		}
	}
}

// TestMojibakeThroughReferences checks that xml-mojibake still finds
// mojibake written as character references in an item, a text made only
// of ASCII bytes.
func TestMojibakeThroughReferences(t *testing.T) {
	feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><item><title>R&#195;&#169;sum&#195;&#169;</title></item></channel></rss>`
	res, err := newEngine(context.Background(), &Config{}, Rules()).run(strings.NewReader(feed))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Code == "xml-mojibake" && d.Pos == (Pos{2, 42}) {
			return
		}
	}
	t.Errorf("no xml-mojibake at 2:42 in %+v", res.Diagnostics)
}

// FuzzItemASCIIFlag holds the engine's mark to the tree it built for any
// item body (the scan may stop on malformed input: then nothing is
// checked), in whole and in small text pieces.
func FuzzItemASCIIFlag(f *testing.F) {
	for _, s := range []string{
		`<title>One &amp; two</title>`, `<title>&#233;</title>`, "<d><![CDATA[a\r\né]]></d>",
		`<e u="&#xE9;"/>`, `<e u="a&amp;b é"/>`, `<t>caf&eacute;</t>`, "<t>\xff</t>", `<!-- é --><t/>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		feed := `<rss version="2.0"><channel><item>` + body + `</item></channel></rss>`
		for _, chunk := range []int{0, 5} {
			var got, truth []bool
			r := &Rule{Code: "test-ascii", Profiles: []Profile{ProfileRSS}, Item: func(p *Pass, it *Node) {
				got = append(got, it.ascii)
				truth = append(truth, itemIsASCII(it))
			}}
			e := newEngine(context.Background(), &Config{}, []*Rule{r})
			e.serial, e.chunk = true, chunk
			if _, err := e.run(strings.NewReader(feed)); err != nil {
				return
			}
			for i := range got {
				if got[i] && !truth[i] {
					t.Fatalf("chunk %d: item %d marked ASCII, but its tree is not: %q", chunk, i, body)
				}
			}
		}
	})
}
