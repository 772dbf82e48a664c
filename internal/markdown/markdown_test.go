package markdown_test

import (
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/internal/markdown"
)

// testBase is the page relative destinations resolve against in the
// tests.
var testBase, _ = url.Parse("https://example.org/show/")

// same checks that the direct renderer, when it takes src, writes what
// goldmark writes, with and without a base for relative destinations, and
// reports the same relative destinations; it returns whether it took it.
func same(t *testing.T, r *markdown.Renderer, src string) bool {
	t.Helper()
	took := false
	for _, base := range []*url.URL{nil, testBase} {
		want, err := r.RenderGoldmarkNotes(src, base)
		if err != nil {
			t.Fatalf("goldmark: %v", err)
		}
		got, ok := markdown.RenderFastNotes(src, base)
		if ok && got.HTML != want.HTML {
			t.Errorf("direct renderer differs from goldmark on %q (base %v):\n got %q\nwant %q", src, base, got.HTML, want.HTML)
		}
		if ok && !slices.Equal(got.Relative, want.Relative) {
			t.Errorf("direct renderer finds other relative links than goldmark in %q:\n got %v\nwant %v", src, got.Relative, want.Relative)
		}
		if base == nil {
			took = ok
		}
	}
	return took
}

func TestDirect(t *testing.T) {
	r := markdown.New()
	for _, tc := range []struct {
		src    string
		direct bool // the direct renderer takes it
	}{
		{"", true},
		{"plain text", true},
		{"one\ntwo\n\nthree", true},
		{"# Title\n## Sub *em*\n###### six\n####### seven", true},
		{"#hashtag and #another", true},
		{"A *history* of [lighthouses](https://example.org/l?a=1&b=2) and __keepers__.", true},
		{"Links:\n- one\n- two *2*\n- [three](https://x.org/3)\n\nAfter.", true},
		{"3. third\n4. fourth\n\n- again", true},
		{"3. third\n4. fourth\n\n1. again", false}, // a loose list
		{"1. one\n2. two", true},
		{"- a\n* b\n+ c", true},
		{"- a\n\n1. b", true},
		{"## Chapters\n\n- Intro [00.00]\n- Main topic [05.30]", true},
		{"(12:34) Intro\n1:02:03 Outro", true},
		{"snake_case_name and 5 * 3 and a*b*c", false}, // a*b*c: runs that both open and close
		{"snake_case_name and 5 * 3", true},
		{"emphasis *across\nlines* here", true},
		{"\"quoted\" 'single' & ampersand > greater", true},
		{"[literal] brackets (and) [more] text", true},
		{"*[emphasised link](https://x.org)*", true},
		{"[*inside*](https://x.org/a_b)", true},
		{"*a [b* c]", true},
		{"[b* c](https://x.org) d*", true},
		{"3.5 hours", true},
		{"Café *crème*", true},
		{"2024. A year", true},
		{"20245. A year", false},
		// Everything else goes to goldmark.
		{"Visit https://example.org now", true},
		{"www.example.org", true},
		{"See https://example.org/a/b-c.html, http://x.example.co.uk/p?q=1#top! and ftp://files.example.org/f.\nwww.example.org/path: then *more*\n- https://example.org/x/\n- [link](https://example.org) https://example.org.", true},
		{"https://example.org?\nhttps://example.org:", true},
		{"https://Example.org", false},
		{"https://example.org:8080/", false},
		{"https://example.org/a_b", false},
		{"https://example.org/a(b)", false},
		{"https://example.org/a?x=1&y=2", false},
		{"https://example.org/%20", false},
		{"(https://example.org)", false},
		{"*https://example.org*", false},
		{"https://example", false},
		{"https://example.org\"", false},
		{"WWW.example.org", false},
		{"[https://example.org](https://example.org)", false},
		{"mail me@example.org", false},
		{"a <b>tag</b>", false},
		{"`code`", false},
		{"a\\*b\\_c\\# \\[x\\](y) \\& \\> \\\" \\\\ \\q end\\", true},
		{"hard\\\nbreak *a\\*b*\n\\- not a list", true},
		{"[a\\]](https://x.org)", false},
		{"&amp; entity", false},
		{"~~gone~~", false},
		{"| a | b |\n|---|---|\n| 1 | 2 |", false},
		{"Title\n=====", false},
		{"Title\n---", false},
		{"***", false},
		{"> quote", false},
		{"    code", false},
		{"\tcode", false},
		{"- a\n\n- b", false},
		{"- a\n  - b", false},
		{"- a\ncontinued", false},
		{"text\n2. two", false},
		{"- [ ] task", false},
		{"[ref]\n\n[ref]: https://x.org", false},
		{"![image](https://x.org/i.png)", false},
		{"***strong em***", false},
		{"*a **b* c**", false},
		{"line with trailing space \nand two  \nand *three*   \n   \n- item  \n\n## head  ", true},
		{" leading space", false},
		{"four trailing spaces    \nline", false},
		{"[a](<https://x.org>)", false},
		{"[a](https://x.org \"title\")", false},
		{"[a](https://x.org/(b))", false},
		{"[a](https://x.org/%zz)", false},
		{"crlf\r\nline", false},
		// Relative destinations, resolved against the base on both paths.
		{"See [about](/about), [ep](ep/2.html), [up](../x), [q](?p=2) and [proto](//cdn.example.org/a)", true},
		{"- [notes](notes.html)\n- [anchor](#top) [mail](mailto:a@example.org) [tel](tel:+123) [abs](https://x.org/a)", true},
		{"## [Guide](guide/index.html)\n\n1. [one](a:b) [two](a1+b.c:d) [three](1a:b)", true},
		{"[weird](/a%20b) and [pct](/a%zz)", false},
		{"![cover](img/cover.png) and [x](/y \"t\")", false},
		{"[a](/b) <i>html</i>", false},
		// The bytes that send a note to goldmark, found by the inline
		// scan wherever they stand: in text, headings and items, after a
		// backslash, in a link's text or destination.
		{"# Title `code`", false},
		{"- item <b>x</b>", false},
		{"1. item ~~gone~~", false},
		{"text\\`not code`", false},
		{"text \\< and \\| and \\~", false},
		{"[a](https://x.org/~u)", false},
		{"[a `b`](https://x.org)", false},
		{"a\x00b", false},
		{"a\x7fb", false},
		{"## Head\r\n- item\r\n", false},
		{"- item\twith tab", false},
		{"para\n<div>\nblock\n</div>", false},
		{"<div>\nHTML block\n</div>\n\nafter", false},
		{"x]: y", false},
		{"[x]: https://x.org", false},
		{"- [x]: y", false},
		{"# [x]: y", false},
		{"a \\]: b", false},
		{"end]\n: next", true},
		{"[a]\n(b)", true},
		// Text written as it is or through escape, token by token.
		{"plain *em* then & and > and \"q\" *em2* plain", true},
		{"*a & b* [x & y](https://x.org/?a=1&b=2) \"[q](https://x.org/q)\"", true},
		{"line one  \nline *two* > three\nline \"four\"", true},
		{"no escapes *here* at [all](https://x.org/a) **done**", true},
		{"Caf\u00e9 \u2014 \u00bfqu\u00e9? *el* & **quoted** \u201cx\u201d", true},
		{"na\u00efve *caf\u00e9*\u00e9", false},
		{"&copy; &#169; &#xA9; and & alone", false},
		{"a & b &c d &; e", true},
		{"*a **b** c* and _d __e__ f_", true},
		{"**a *b* c** and __d _e_ f__", true},
		{"\\*not em\\* and \\& and \\> and \\\" and \\\\", true},
	} {
		if got := same(t, r, tc.src); got != tc.direct {
			t.Errorf("direct renderer took %q: %v, want %v", tc.src, got, tc.direct)
		}
	}
}

// TestCorpusNotes renders the show notes of every corpus feed, as
// podfeed import writes them, both ways: wherever the direct renderer
// takes a note, its HTML is goldmark's.
func TestCorpusNotes(t *testing.T) {
	r := markdown.New()
	var notes, direct int
	corpus.Each(t, "feeds", "*", func(_ string, data []byte) {
		res, err := importer.Parse(data, importer.Options{})
		if err != nil {
			return // not a feed import reads
		}
		for _, ep := range res.Episodes {
			for _, src := range []string{ep.Def.Notes, ep.Def.Summary} {
				if strings.TrimSpace(src) == "" {
					continue
				}
				notes++
				if same(t, r, src) {
					direct++
				}
			}
		}
	})
	if notes == 0 {
		t.Fatal("the corpus gave no notes")
	}
	t.Logf("%d of %d corpus notes (%.0f %%) take the direct path", direct, notes, 100*float64(direct)/float64(notes))
}

// Relative links and images are found where they are written, resolved
// against the base as a browser would resolve them on that page, and
// left alone without a base; absolute ones, in-page anchors and other
// schemes are never touched.
func TestRelativeLinks(t *testing.T) {
	r := markdown.New()
	tests := []struct {
		src     string
		html    string // with testBase
		links   []markdown.Link
		rawHTML string // with a nil base
	}{
		{"A [page](/about) here.", `<p>A <a href="https://example.org/about">page</a> here.</p>`,
			[]markdown.Link{{Dest: "/about", Offset: 2}}, `<p>A <a href="/about">page</a> here.</p>`},
		{"line one\n[ep 2](ep/2.html)", "<p>line one<br>\n<a href=\"https://example.org/show/ep/2.html\">ep 2</a></p>",
			[]markdown.Link{{Dest: "ep/2.html", Offset: 9}}, ""},
		{"- x\n- [up](../up)", "<ul>\n<li>x</li>\n<li><a href=\"https://example.org/up\">up</a></li>\n</ul>",
			[]markdown.Link{{Dest: "../up", Offset: 6}}, ""},
		{"![cover](img/a.png)", `<p><img src="https://example.org/show/img/a.png" alt="cover"></p>`,
			[]markdown.Link{{Dest: "img/a.png", Offset: 0}}, `<p><img src="img/a.png" alt="cover"></p>`},
		{"See [site](/about) and ![](img/a.png).", `<p>See <a href="https://example.org/about">site</a> and <img src="https://example.org/show/img/a.png" alt="">.</p>`,
			[]markdown.Link{{Dest: "/about", Offset: 4}, {Dest: "img/a.png", Offset: 23}}, ""},
		{"Two: ![](a.png) ![](b.png) [](c.html)", `<p>Two: <img src="https://example.org/show/a.png" alt=""> <img src="https://example.org/show/b.png" alt=""> <a href="https://example.org/show/c.html"></a></p>`,
			[]markdown.Link{{Dest: "a.png", Offset: 5}, {Dest: "b.png", Offset: 16}, {Dest: "c.html", Offset: 27}}, ""},
		{"`code` then [x](//cdn.example.org/f.mp3)", `<p><code>code</code> then <a href="https://cdn.example.org/f.mp3">x</a></p>`,
			[]markdown.Link{{Dest: "//cdn.example.org/f.mp3", Offset: 12}}, ""},
		{"[top](#top) [m](mailto:a@example.org) [a](https://x.org/)", `<p><a href="#top">top</a> <a href="mailto:a@example.org">m</a> <a href="https://x.org/">a</a></p>`,
			nil, ""},
	}
	for _, tt := range tests {
		res, err := r.RenderNotes(tt.src, testBase)
		if err != nil {
			t.Fatal(err)
		}
		if res.HTML != tt.html {
			t.Errorf("RenderNotes(%q)\n got %q\nwant %q", tt.src, res.HTML, tt.html)
		}
		if !slices.Equal(res.Relative, tt.links) {
			t.Errorf("RenderNotes(%q) relative = %v, want %v", tt.src, res.Relative, tt.links)
		}
		if tt.rawHTML != "" {
			raw, err := r.Render(tt.src)
			if err != nil || raw != tt.rawHTML {
				t.Errorf("Render(%q) = %q, %v; want %q", tt.src, raw, err, tt.rawHTML)
			}
		}
		same(t, r, tt.src)
	}
}

func FuzzDirect(f *testing.F) {
	for _, s := range []string{
		"A *history* of [lighthouses](https://example.org/l) and their keepers.\n\n## Chapters\n\n- Intro [00.00]\n- Main [05.30]",
		"1. a\n2. b\n\n- c\n* d\n\n# h\ntext _em_ __strong__ **s** *e*",
		"a*b*c _a_b_ *a_ [x](y) [x] (y) ![x](y) & \" > 3.5",
		"See https://example.org/a/b-c.html, http://x.example.co.uk/p?q=1#top! and ftp://f.example.org/f.\nwww.example.org/path: *more*",
		"- https://example.org/x/\n- https://example.org.\n\nhttps://a.b.example.org/?x=y https://example.org:",
		"[a](/about) [b](ep/2.html) [c](../x) [d](?q) [e](//h.example.org/p) [f](#t) [g](mailto:x@y.z)",
		"# T\\`x\r\n- a\t*b* [c](/~d) x]: y\n\n1. & > \" \\\\ \\\n\u00e9 &amp; <i>h</i>",
	} {
		f.Add(s)
	}
	r := markdown.New()
	f.Fuzz(func(t *testing.T, src string) {
		same(t, r, src)
	})
}

// TestAutolinkShapes compares the two paths on many generated bare URLs:
// schemes, hosts and paths of every byte class the direct path judges,
// with the punctuation and markup people put around links.
func TestAutolinkShapes(t *testing.T) {
	r := markdown.New()
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	direct := 0
	for range 20000 {
		var b strings.Builder
		b.WriteString(pick("", "See ", "*a* ", "(", "x", "- ", "# ", "line\n", "\"", "_", "["))
		b.WriteString(pick("https://", "http://", "ftp://", "www.", "HTTPS://", "https:/", "mailto:"))
		for n := rng.IntN(4); n >= 0; n-- {
			b.WriteString(pick("example", "a", "b-c", "x1", "EX", "ex_a", ""))
			b.WriteString(pick(".", ".", "..", "-", ""))
		}
		b.WriteString(pick("org", "co", "uk", "ORG", "o1", ""))
		for n := rng.IntN(3); n > 0; n-- {
			b.WriteString(pick("/", "/a", "/b.html", "?q=1", "#top", ":80", "/a_b", "/a(b)", "/%20", "/%zz", "&x=1", "/~u", "/a,b", "/x!", "/é", "/*", "/'", ";"))
		}
		b.WriteString(pick("", ".", ",", "!", "?", ":", ")", "*", "_", ".)", "..", " more", ". Next", "\nnext", "\"", "]", ">"))
		b.WriteString(pick("", " *b*", " [l](https://example.org)", " end"))
		if same(t, r, b.String()) {
			direct++
		}
	}
	t.Logf("%d of 20000 generated notes took the direct path", direct)
	if direct == 0 {
		t.Error("no generated note took the direct path")
	}
}
