package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// This file holds the hostile inputs of issue 19 that reach the
// validator's scanner and engine, each beside its well-formed twin, with
// the bound asserted: bytes read, heap in use, bytes allocated (time is
// measured by the benchmarks at the end, never by a test).

// streamReader yields head, then body repeated until n bytes of it, then
// tail, without holding more than one copy of each: a 200 MB text node
// costs the test no 200 MB.
type streamReader struct {
	parts [][]byte
	reps  []int64 // how many bytes of each part to yield (parts repeat)
	i     int
	off   int64
	read  int64
	calls int
	probe func() // called every few reads (heap sampling)
}

func newStream() *streamReader { return &streamReader{} }

// add appends part, repeated up to n bytes (n < 0: once).
func (s *streamReader) add(part string, n int64) *streamReader {
	if n < 0 {
		n = int64(len(part))
	}
	if n > int64(len(part)) && len(part) < 64<<10 {
		part = strings.Repeat(part, (64<<10)/len(part)+1) // whole copies: the period stays
	}
	s.parts = append(s.parts, []byte(part))
	s.reps = append(s.reps, n)
	return s
}

func (s *streamReader) Read(p []byte) (int, error) {
	s.calls++
	if s.probe != nil && s.calls%64 == 0 {
		s.probe()
	}
	n := 0
	for n < len(p) && s.i < len(s.parts) {
		part, total := s.parts[s.i], s.reps[s.i]
		if s.off >= total {
			s.i++
			s.off = 0
			continue
		}
		k := int(s.off % int64(len(part)))
		m := copy(p[n:], part[k:])
		m = int(min(int64(m), total-s.off))
		n += m
		s.off += int64(m)
	}
	s.read += int64(n)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// bounded runs the validator on r and reports its result with the
// largest heap in use while it ran and the bytes it allocated, both
// above what was in use before.
func bounded(t *testing.T, r *streamReader) (Result, uint64, uint64) {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, alloc0 := ms.HeapAlloc, ms.TotalAlloc
	peak := base
	r.probe = func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	res, err := Run(context.Background(), r, Config{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	return res, peak - min(peak, base), ms.TotalAlloc - alloc0
}

// finding returns the first finding with code, or nil.
func finding(res Result, code string) *Diagnostic {
	for i := range res.Diagnostics {
		if res.Diagnostics[i].Code == code {
			return &res.Diagnostics[i]
		}
	}
	return nil
}

const (
	hostileHead = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>T</title><link>https://example.com/</link><description>D</description>
<item><title>One</title><guid isPermaLink="false">one</guid>
<enclosure url="https://example.com/1.mp3" length="1000" type="audio/mpeg"/>
`
	hostileTail = "</item>\n</channel>\n</rss>\n"
)

const mb = 1 << 20

// TestLongTokensStream feeds text nodes, CDATA sections, comments and
// leading junk of 200 MB: none is held whole. The heap stays under 16 MB
// and the run allocates under 32 MB (the window, the first MaxText bytes
// of a text kept for the rules, and pieces on their way); the twin of
// each, 100 KB long, is kept whole.
func TestLongTokensStream(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: each case streams 200 MB")
	}
	const huge = 200 * mb
	for _, c := range []struct {
		name       string
		open, body string
		close      string
		textOf     string // the element whose text is measured ("" none)
		want       string // a finding code the run must have ("" none)
	}{
		{"text", "<description>", "Notes and more notes. ", "</description>\n", "description", ""},
		{"cdata", "<content:encoded><![CDATA[", "<p>Notes</p>\r\n", "]]></content:encoded>\n", "encoded", ""},
		{"entities", "<description>", "&lt;p&gt;Notes &amp; more&lt;/p&gt;", "</description>\n", "description", ""},
		{"comment", "<!--", " a comment that goes on ", "-->\n", "", ""},
		{"unterminated text", "<description>", "no end in sight ", "", "", "xml-not-well-formed"},
	} {
		for _, size := range []int64{100 << 10, huge} {
			t.Run(fmt.Sprintf("%s/%d", c.name, size), func(t *testing.T) {
				r := newStream().add(hostileHead, -1).add(c.open, -1).add(c.body, size).add(c.close, -1)
				if c.close != "" {
					r.add(hostileTail, -1)
				}
				// the hook copies what it needs: the engine reuses the node
				var text *Node
				recorded := recordItems(func(it *Node) {
					if c.textOf != "" {
						for _, ch := range it.Children {
							if ch.Local == c.textOf {
								text = &Node{Text: ch.Text, TextLen: ch.TextLen}
							}
						}
					}
				})
				res, peak, alloc := boundedRules(t, r, recorded)
				if r.read != r.total() {
					t.Fatalf("read %d of %d bytes", r.read, r.total())
				}
				if c.want != "" {
					if finding(res, c.want) == nil {
						t.Fatalf("no %s finding: %v", c.want, res.Diagnostics)
					}
				} else if d := finding(res, "xml-not-well-formed"); d != nil {
					t.Fatalf("not well-formed: %s", d.Message)
				}
				if c.textOf != "" {
					if text == nil {
						t.Fatal("the item's text element never reached the rules")
					}
					decoded := len(strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "\r\n", "\n").Replace(c.body))
					want := int(size) / len(c.body) * decoded
					if text.TextLen < want-decoded || text.TextLen > want+decoded {
						t.Errorf("TextLen %d, want about %d", text.TextLen, want)
					}
					keep := min(text.TextLen, MaxText)
					if len(text.Text) > keep || len(text.Text) < keep-utf8Max {
						t.Errorf("kept %d bytes of %d, want %d", len(text.Text), text.TextLen, keep)
					}
				}
				t.Logf("%d MB in: peak heap +%.1f MB, allocated %.1f MB", r.read>>20, float64(peak)/mb, float64(alloc)/mb)
				if peak > 16*mb {
					t.Errorf("peak heap +%.1f MB, want at most 16 MB", float64(peak)/mb)
				}
				if alloc > 32*mb {
					t.Errorf("allocated %.1f MB, want at most 32 MB", float64(alloc)/mb)
				}
			})
		}
	}
}

const utf8Max = 4

func (s *streamReader) total() int64 {
	var n int64
	for _, r := range s.reps {
		n += r
	}
	return n
}

// recordItems is a rule whose Item hook hands every item to f.
func recordItems(f func(it *Node)) *Rule {
	return &Rule{Code: "test-record", Severity: Info, Profiles: []Profile{ProfileRSS}, Item: func(_ *Pass, it *Node) { f(it) }}
}

// boundedRules is bounded with every rule plus extra, serially (so extra
// sees items in order and the test reads what it recorded).
func boundedRules(t *testing.T, r *streamReader, extra *Rule) (Result, uint64, uint64) {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, alloc0 := ms.HeapAlloc, ms.TotalAlloc
	peak := base
	r.probe = func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	e := newEngine(context.Background(), &Config{}, append(Rules(), extra))
	e.serial = true
	res, err := e.run(r)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	return res, peak - min(peak, base), ms.TotalAlloc - alloc0
}

// TestLeadingJunkStreams is `yes | podfeed validate -` as a library call:
// 200 MB of "y\n" before any element. One finding, and the junk is not
// held.
func TestLeadingJunkStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: streams 200 MB")
	}
	r := newStream().add("y\n", 200*mb)
	res, peak, alloc := bounded(t, r)
	if d := finding(res, "xml-leading-junk"); d == nil || d.Pos != (Pos{1, 1}) {
		t.Errorf("want xml-leading-junk at 1:1, got %v", res.Diagnostics)
	}
	if d := finding(res, "xml-not-well-formed"); d == nil || !strings.Contains(d.Message, "no root element") {
		t.Errorf("want 'no root element', got %v", res.Diagnostics)
	}
	if peak > 8*mb || alloc > 16*mb {
		t.Errorf("200 MB of junk: peak heap +%.1f MB, allocated %.1f MB; want at most 8 and 16", float64(peak)/mb, float64(alloc)/mb)
	}
}

// TestDeepNesting puts 3 million nested elements in an item (21 MB): the
// scan stops at the 257th level, libxml2's limit, with a finding that
// says so, having read a few kilobytes; no hook or walk recurses that
// deep. Its twin nests 250 levels and passes.
func TestDeepNesting(t *testing.T) {
	for _, c := range []struct {
		levels int64
		stop   bool
	}{{250, false}, {3_000_000, true}} {
		t.Run(fmt.Sprint(c.levels), func(t *testing.T) {
			r := newStream().add(hostileHead, -1).add("<x>", 3*c.levels).add("</x>", 4*c.levels).add(hostileTail, -1)
			res, peak, _ := bounded(t, r)
			d := finding(res, "xml-not-well-formed")
			if !c.stop {
				if d != nil {
					t.Fatalf("%d levels: %s", c.levels, d.Message)
				}
				if res.Document.ItemCount != 1 {
					t.Fatalf("%d items", res.Document.ItemCount)
				}
				return
			}
			if d == nil || !strings.Contains(d.Message, "257th level of nested elements") {
				t.Fatalf("want the depth limit, got %v", res.Diagnostics)
			}
			if d.Pos.Line != 6 {
				t.Errorf("depth finding on line %d, want 6", d.Pos.Line)
			}
			if r.read > 1*mb || peak > 8*mb {
				t.Errorf("read %d bytes, peak heap +%.1f MB; want at most 1 MB and 8 MB", r.read, float64(peak)/mb)
			}
		})
	}
}

// manyAttrs is an element with n attributes a0 … a(n-1); dup repeats the
// first at the end.
func manyAttrs(n int, dup bool) string {
	var b strings.Builder
	b.WriteString("<x")
	for i := range n {
		fmt.Fprintf(&b, ` a%d="%d"`, i, i)
	}
	if dup {
		b.WriteString(` a0="again"`)
	}
	b.WriteString("/>\n")
	return b.String()
}

// TestManyAttributes: 9,999 attributes pass (the duplicate check is
// linear: see BenchmarkManyAttributes), a duplicate after 5,000 is found,
// and 100,000 stop the scan at the 10,001st with a finding.
func TestManyAttributes(t *testing.T) {
	for _, c := range []struct {
		n    int
		dup  bool
		want string
	}{
		{9999, false, ""},
		{5000, true, `attribute "a0" appears twice`},
		{100_000, false, "more than 10000 attributes on <x>"},
	} {
		src := hostileHead + manyAttrs(c.n, c.dup) + hostileTail
		r := newStream().add(src, -1)
		res, peak, _ := bounded(t, r)
		d := finding(res, "xml-not-well-formed")
		switch {
		case c.want == "" && d != nil:
			t.Errorf("%d attributes: %s", c.n, d.Message)
		case c.want != "" && (d == nil || !strings.Contains(d.Message, c.want)):
			t.Errorf("%d attributes: want %q, got %v", c.n, c.want, d)
		}
		if peak > 16*mb {
			t.Errorf("%d attributes: peak heap +%.1f MB", c.n, float64(peak)/mb)
		}
	}
}

// nestedNamespaces declares per prefixes on each of levels nested
// elements (every prefix bound again at each level, to a URI naming the
// level), then n elements in the innermost scope using prefix p0.
func nestedNamespaces(levels, per, n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`)
	for l := range levels {
		b.WriteString("<ns")
		for p := range per {
			fmt.Fprintf(&b, ` xmlns:p%d="urn:level%d:p%d"`, p, l, p)
		}
		b.WriteString(">")
	}
	for range n {
		b.WriteString("<p0:e/>")
	}
	for range levels {
		b.WriteString("</ns>")
	}
	b.WriteString("<p0:after/></channel></rss>")
	return b.String()
}

// TestNamespaceScopes checks lookups with 20,000 declarations in scope:
// the innermost binding wins, and leaving its element restores the outer
// ones (p0 is unbound again after the last </ns>).
func TestNamespaceScopes(t *testing.T) {
	src := nestedNamespaces(100, 200, 1000)
	res, err := Run(context.Background(), strings.NewReader(src), Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := finding(res, "xml-unbound-prefix")
	if d == nil || !strings.Contains(d.Message, `prefix "p0"`) {
		t.Fatalf("want p0 unbound after the scopes close, got %v", res.Diagnostics)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.Code == "xml-unbound-prefix" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d unbound-prefix findings, want 1", n)
	}
	e := newEngine(context.Background(), &Config{}, nil)
	for l := range 3 {
		e.marks = append(e.marks, len(e.binds))
		e.bind("a", fmt.Sprint("urn:", l))
	}
	if uri, _ := e.lookup("a"); uri != "urn:2" {
		t.Errorf("innermost a = %q", uri)
	}
	e.unbind(e.marks[2])
	if uri, _ := e.lookup("a"); uri != "urn:1" {
		t.Errorf("after one scope a = %q", uri)
	}
	e.unbind(0)
	if _, ok := e.lookup("a"); ok {
		t.Error("a still bound after every scope closed")
	}
}

// TestLongTag: an attribute value of 100 MB stops the scan at the
// window's 16 MB bound; its 1 MB twin passes.
func TestLongTag(t *testing.T) {
	for _, c := range []struct {
		size int64
		stop bool
	}{{1 * mb, false}, {100 * mb, true}} {
		r := newStream().add(hostileHead+`<itunes:image href="https://example.com/`, -1).add("a", c.size).add(`.jpg"/>`+hostileTail, -1)
		res, peak, _ := bounded(t, r)
		d := finding(res, "xml-not-well-formed")
		if c.stop != (d != nil) || c.stop && !strings.Contains(d.Message, "more than 16 MiB") {
			t.Fatalf("%d bytes: %v", c.size, res.Diagnostics)
		}
		if c.stop && (r.read > 20*mb || peak > 48*mb) {
			t.Errorf("read %d MB, peak heap +%.1f MB; want at most 20 and 48", r.read>>20, float64(peak)/mb)
		}
	}
}

// TestItemPartsLimit: 3 million sibling elements in one item stop the
// scan at 50,000 elements and attributes; 1,000 pass.
func TestItemPartsLimit(t *testing.T) {
	for _, c := range []struct {
		n    int64
		stop bool
	}{{1000, false}, {3_000_000, true}} {
		r := newStream().add(hostileHead, -1).add("<x/>", 4*c.n).add(hostileTail, -1)
		res, peak, _ := bounded(t, r)
		d := finding(res, "xml-not-well-formed")
		if c.stop != (d != nil) || c.stop && !strings.Contains(d.Message, "holds more than 50000 elements and attributes") {
			t.Fatalf("%d elements: %v", c.n, res.Diagnostics)
		}
		if peak > 32*mb {
			t.Errorf("%d elements: peak heap +%.1f MB, want at most 32", c.n, float64(peak)/mb)
		}
	}
}

// TestPiecesAgree validates every fixture, every corpus feed and the
// well-formedness cases with text cut into pieces of a few bytes, as the
// scanner cuts long text: the findings and every item's texts are those
// of the whole-token run.
func TestPiecesAgree(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.xml"))
	if dir := os.Getenv("PODFEED_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "feeds", "*.xml"))
		files = append(files, more...)
	}
	var inputs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	for _, c := range wfCases {
		inputs = append(inputs, []byte(c.src))
	}
	for i, src := range inputs {
		name := fmt.Sprint("case ", i)
		if i < len(files) {
			name = files[i]
		}
		var runs [2]struct {
			res   Result
			texts []string
		}
		for k, chunk := range []int{0, 7} {
			var texts []string
			rec := recordItems(func(it *Node) {
				stack := []*Node{it}
				for len(stack) > 0 {
					n := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					texts = append(texts, fmt.Sprintf("%s %q %d %v %v", n.Local, n.Text, n.TextLen, n.TextPos, n.CDATA))
					stack = append(stack, n.Children...)
				}
			})
			e := newEngine(context.Background(), &Config{}, append(Rules(), rec))
			e.serial = true
			e.chunk = chunk
			res, err := e.run(bytes.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			runs[k].res, runs[k].texts = res, texts
		}
		if !reflect.DeepEqual(runs[0].res.Diagnostics, runs[1].res.Diagnostics) {
			t.Errorf("%s: findings differ with small pieces:\n%v\n%v", name, runs[0].res.Diagnostics, runs[1].res.Diagnostics)
			continue
		}
		if !reflect.DeepEqual(runs[0].texts, runs[1].texts) {
			for j := range min(len(runs[0].texts), len(runs[1].texts)) {
				if runs[0].texts[j] != runs[1].texts[j] {
					t.Errorf("%s: texts differ with small pieces:\n%s\n%s", name, runs[0].texts[j], runs[1].texts[j])
					break
				}
			}
		}
	}
}

// TestRecyclingChangesNothing validates every fixture and corpus feed
// with item memory reused (as always) and never reused: the findings are
// the same, so no rule keeps an item's nodes past its hook.
func TestRecyclingChangesNothing(t *testing.T) {
	sameFindingsEitherWay(t, "runs with item nodes reused and never reused", func(e *engine) { e.noRecycle = true })
}

// TestRecycledTextIsNotKept validates every fixture and corpus feed again
// with the hooks on the scanning goroutine (so every item reuses the
// last one's memory) and the long texts of each finished item
// overwritten: the findings are the same, so no rule keeps such a text
// past its hook.
func TestRecycledTextIsNotKept(t *testing.T) {
	sameFindingsEitherWay(t, "runs with recycled texts kept and overwritten", func(e *engine) { e.serial, e.poison = true, true })
}

// TestPoisonShowsKeptText checks the check above can fail: a rule that
// keeps an item's long text past its hook reads something else in Finish
// once the item's memory was reused (and overwritten, as the test does).
func TestPoisonShowsKeptText(t *testing.T) {
	keeper := &Rule{Code: "test-keeps-text", Severity: Info, Profiles: []Profile{ProfileRSS},
		NewState: func() any { return new(string) },
		Item: func(p *Pass, it *Node) {
			if kept := p.State.(*string); *kept == "" {
				*kept = it.Child(NSNone, "description").Text // wrong: no copy
			}
		},
		Finish: func(p *Pass) { p.Reportf(Pos{Line: 1, Col: 1}, "%s", *p.State.(*string)) },
	}
	notes := strings.Repeat("Show notes that run on. ", slabTextMin/8)
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>T</title>`)
	for i := range 3 {
		fmt.Fprintf(&b, "<item><title>%d</title><description>%s</description></item>", i, notes)
	}
	b.WriteString("</channel></rss>")
	for _, poison := range []bool{false, true} {
		e := newEngine(context.Background(), &Config{}, []*Rule{keeper})
		e.serial, e.poison = true, poison
		res, err := e.run(strings.NewReader(b.String()))
		if err != nil || len(res.Diagnostics) != 1 {
			t.Fatalf("poison %v: %v, %d findings", poison, err, len(res.Diagnostics))
		}
		if got := res.Diagnostics[0].Message; (got == notes) == poison {
			t.Errorf("poison %v: the kept text reads %.40q…", poison, got)
		}
	}
}

// BenchmarkManyAttributes times elements with 1,000 and 9,999 attributes:
// per attribute the cost stays flat (the duplicate check is linear).
func BenchmarkManyAttributes(b *testing.B) {
	for _, n := range []int{1000, 9999} {
		src := []byte(hostileHead + manyAttrs(n, false) + hostileTail)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Run(context.Background(), bytes.NewReader(src), Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/attr")
		})
	}
}

// BenchmarkNamespaceLookup times 100,000 prefixed elements with 10 and
// with 20,000 declarations in scope: the lookup does not grow with them.
func BenchmarkNamespaceLookup(b *testing.B) {
	for _, c := range []struct{ levels, per int }{{1, 10}, {100, 200}} {
		src := []byte(nestedNamespaces(c.levels, c.per, 100_000))
		b.Run(fmt.Sprint(c.levels*c.per), func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(context.Background(), bytes.NewReader(src), Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/element")
		})
	}
}
