package validate

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// verdict is a well-formedness judgement: ok, or the line of the first
// error.
type verdict struct {
	bad       bool
	line, col int
	msg       string
}

// ourVerdict runs the engine and takes the first error that encoding/xml
// would also treat as fatal (not well-formed, undefined entity, forbidden
// character, bad bytes).
func ourVerdict(src []byte) verdict {
	res, err := Run(context.Background(), bytes.NewReader(src), Config{})
	if err != nil {
		return verdict{bad: true, msg: err.Error()}
	}
	for _, d := range res.Diagnostics {
		switch d.Code {
		case "internal-error":
			return verdict{bad: true, msg: "internal-error: " + d.Message}
		case "xml-not-well-formed", "xml-undefined-entity", "xml-invalid-char", "xml-encoding-invalid-bytes":
			return verdict{bad: true, line: d.Pos.Line, col: d.Pos.Col, msg: d.Code + ": " + d.Message}
		}
	}
	return verdict{}
}

// stdVerdict is encoding/xml's strict judgement.
func stdVerdict(src []byte) verdict {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.CharsetReader = charset.NewReaderLabel
	for {
		_, err := d.Token()
		if err == io.EOF {
			return verdict{}
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return verdict{bad: true, line: se.Line, msg: se.Msg}
			}
			return verdict{bad: true, msg: err.Error()}
		}
	}
}

// knownStricter lists what podfeed rejects and encoding/xml lets through,
// all of them well-formedness errors in XML 1.0 (encoding/xml does not
// check them).
var knownStricter = []string{
	"appears twice",                  // duplicate attribute (WFC: Unique Att Spec)
	"after the root element",         // text or a second root after the root (production [1])
	"a second root element",          //
	"no root element",                //
	"\"]]>\" is not allowed in text", // production [14]
	"only allowed at the very start", // XML declaration inside the document
	"outside the root element",       // CDATA before or after the root
	"DOCTYPE",                        // DOCTYPE after the root, or twice
	"is reserved",                    // <?XML …?>
	"XML declaration",                // malformed declaration
	"not a valid qualified name",     // namespace well-formedness (a:b:c, :a)
	"may not end with",               // comment ending in --->
	"expected white space after <?",  // <?target?junk
	"expected white space, \">\"",    // attributes without white space between them
	"not allowed in a name",          // stricter name characters (XML 1.0 5th edition)
	"cannot start with",              //
	"without a start tag",            // end tag at top level
	"character reference",            // &#0; and friends
	"unknown markup",                 // <!FOO
	"text before the root",           //
	"is not allowed in XML",          // control characters in comments, PIs, DOCTYPE
	"is not valid UTF-8",             // bad bytes in the DOCTYPE
}

// knownLaxer lists what encoding/xml rejects and podfeed accepts on
// purpose, with a finding of another code.
var knownLaxer = []string{
	"unsupported version", // XML 1.1: xml-declaration warning
	"unsupported charset", // unknown encoding: xml-encoding-not-utf8, read as UTF-8
	"xml: encoding",       //
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// compareVerdicts fails t when the two parsers disagree beyond the
// documented differences.
func compareVerdicts(t testing.TB, name string, src []byte) {
	t.Helper()
	ours, std := ourVerdict(src), stdVerdict(src)
	if strings.HasPrefix(ours.msg, "internal-error") {
		t.Errorf("%s: a rule panicked: %s\n%q", name, ours.msg, clip(string(src), 400))
		return
	}
	switch {
	case ours.bad && !std.bad:
		if !containsAny(ours.msg, knownStricter) {
			t.Errorf("%s: podfeed rejects at line %d (%s); encoding/xml accepts\n%q", name, ours.line, ours.msg, clip(string(src), 400))
		}
	case !ours.bad && std.bad:
		if !containsAny(std.msg, knownLaxer) {
			t.Errorf("%s: encoding/xml rejects at line %d (%s); podfeed accepts\n%q", name, std.line, std.msg, clip(string(src), 400))
		}
	case ours.bad && std.bad && ours.line != std.line:
		// encoding/xml finds some errors only at the end of the token
		// (bad characters are checked once a text run is read, an end
		// tag's name once its ">" is read). podfeed must never place an
		// error later than encoding/xml, and where the error is about
		// structure, no markup may start between the two places.
		switch {
		case containsAny(std.msg, knownLaxer):
		case ours.line > std.line:
			t.Errorf("%s: podfeed rejects at line %d (%s); encoding/xml earlier, at line %d (%s)\n%q", name, ours.line, ours.msg, std.line, std.msg, clip(string(src), 400))
		case strings.HasPrefix(ours.msg, "xml-not-well-formed") && !containsAny(ours.msg, knownStricter) &&
			!strings.Contains(std.msg, "EOF") && markupBetween(src, ours.line, ours.col, std.line):
			t.Errorf("%s: podfeed rejects at line %d (%s); encoding/xml at line %d (%s)\n%q", name, ours.line, ours.msg, std.line, std.msg, clip(string(src), 400))
		}
	}
}

// markupBetween reports whether a '<' comes after line:col and before
// the start of line to.
func markupBetween(src []byte, line, col, to int) bool {
	off, l := 0, 1
	for l < line && off < len(src) {
		if src[off] == '\n' {
			l++
		}
		off++
	}
	first := off + col - 1 // the byte of the error
	for off = first; off < len(src) && l < to; off++ {
		switch src[off] {
		case '<':
			if off > first {
				return true
			}
		case '\n':
			l++
		}
	}
	return false
}

var wfCases = []struct {
	name string
	src  string
}{
	{"minimal", `<rss/>`},
	{"decl", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel/></rss>"},
	{"bare amp", "<rss>\n<t>a & b</t></rss>"},
	{"amp no semicolon", "<rss>\n<t>&amp b</t></rss>"},
	{"nbsp", "<rss>\n\n<t>a&nbsp;b</t></rss>"},
	{"undefined", "<rss>\n<t>&gtgt;</t></rss>"},
	{"char ref", "<rss><t>&#233;&#xE9;</t></rss>"},
	{"char ref zero", "<rss>\n<t>&#0;</t></rss>"},
	{"char ref huge", "<rss>\n<t>&#x110000;</t></rss>"},
	{"mismatch", "<rss>\n<a>\n</b></rss>"},
	{"unclosed", "<rss>\n<a>\n"},
	{"unclosed attr", "<rss>\n<a b=\"c>\n</a></rss>"},
	{"unquoted attr", "<rss>\n<a b=c/></rss>"},
	{"attr no value", "<rss>\n<a b/></rss>"},
	{"lt in attr", "<rss>\n<a b=\"<\"/></rss>"},
	{"amp in attr", "<rss>\n<a b=\"x&y\"/></rss>"},
	{"control char", "<rss>\n<a>\x01</a></rss>"},
	{"control in attr", "<rss>\n<a b=\"\x02\"/></rss>"},
	{"bad utf8", "<rss>\n<a>caf\xe9</a></rss>"},
	{"bad utf8 in attr", "<rss>\n<a b=\"caf\xe9\"/></rss>"},
	{"fffe", "<rss>\n<a>\uFFFE</a></rss>"},
	{"comment dashes", "<rss>\n<!-- a -- b --></rss>"},
	{"unclosed comment", "<rss>\n<!-- a </rss>"},
	{"cdata", "<rss><a><![CDATA[<p>&nbsp;</p>]]></a></rss>"},
	{"unclosed cdata", "<rss><a>\n<![CDATA[x</a></rss>"},
	{"pi", "<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?><rss/>"},
	{"doctype", "<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss>\n<t>&a;</t></rss>"},
	{"doctype public", "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss/>"},
	{"bad name", "<rss>\n<1a/></rss>"},
	{"space in end tag", "<rss><a></a ></rss>"},
	{"lt in text", "<rss>\n<a>1 < 2</a></rss>"},
	{"gt in text", "<rss><a>1 > 2</a></rss>"},
	{"bom", "\xEF\xBB\xBF<?xml version=\"1.0\"?><rss/>"},
	{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><a>caf\xe9</a></rss>"},
	{"windows-1252", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<rss><a>\x93q\x94</a></rss>"},
	{"crlf", "<rss>\r\n<a>\r\n&bad;</a></rss>"},
	{"tag eof", "<rss>\n<a"},
	{"end tag eof", "<rss>\n</rss"},
	{"empty", ""},
	{"only space", "  \n "},
	{"unicode names", "<rss><café x=\"1\"/></rss>"},
	{"prefixed", "<rss xmlns:a=\"u\"><a:b a:c=\"d\"/></rss>"},
	{"unbound", "<rss><a:b/></rss>"},
	{"trailing comment", "<rss/>\n<!-- cached -->\n"},
	{"trailing text", "<rss/>\njunk"},
	{"two roots", "<rss/>\n<rss/>"},
	{"blank before decl", "\n<?xml version=\"1.0\"?>\n<rss/>"},
	{"version 1.1", "<?xml version=\"1.1\"?>\n<rss/>"},
}

func TestWellFormedAgainstEncodingXML(t *testing.T) {
	for _, c := range wfCases {
		compareVerdicts(t, c.name, []byte(c.src))
	}
}

// TestWellFormedCases pins the verdict and position of each case.
func TestWellFormedCases(t *testing.T) {
	for _, c := range []struct {
		src       string
		code      string
		line, col int
	}{
		{"<rss>\n<t>a & b</t></rss>", "xml-not-well-formed", 2, 6},
		{"<rss>\n\n<t>a&nbsp;b</t></rss>", "xml-undefined-entity", 3, 5},
		{"<rss>\n<a>\n</b></rss>", "xml-not-well-formed", 3, 1},
		{"<rss>\n<a>\n", "xml-not-well-formed", 3, 1},
		{"<rss>\n<a>caf\xe9</a></rss>", "xml-encoding-invalid-bytes", 2, 7},
		{"<rss>\n<a b=\"\x02\"/></rss>", "xml-invalid-char", 2, 7},
		{"<rss/>\njunk", "xml-not-well-formed", 2, 1},
		{"<rss/>\n<!-- x -->", "xml-trailing-junk", 2, 1},
		{"\n\n<?xml version=\"1.0\"?><rss/>", "xml-leading-junk", 3, 1},
		{"PHP Warning\n<?xml version=\"1.0\"?><rss/>", "xml-leading-junk", 1, 1},
		{"<!DOCTYPE rss>\n<rss/>", "xml-doctype-entities", 1, 1},
		{"<rss>\n  <a:b/></rss>", "xml-unbound-prefix", 2, 3},
		{"<rss>\n  <b a:c=\"1\"/></rss>", "xml-unbound-prefix", 2, 6},
	} {
		res, err := Run(context.Background(), strings.NewReader(c.src), Config{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range res.Diagnostics {
			if d.Code == c.code {
				found = true
				if d.Pos.Line != c.line || d.Pos.Col != c.col {
					t.Errorf("%q: %s at %d:%d, want %d:%d (%s)", c.src, c.code, d.Pos.Line, d.Pos.Col, c.line, c.col, d.Message)
				}
				break
			}
		}
		if !found {
			t.Errorf("%q: no %s; got %v", c.src, c.code, res.Diagnostics)
		}
	}
}

// mutate returns a copy of src with one random edit.
func mutate(rng *rand.Rand, src []byte) []byte {
	out := bytes.Clone(src)
	if len(out) == 0 {
		return out
	}
	i := rng.IntN(len(out))
	specials := []string{"<", ">", "&", "\"", "'", "/", "\x01", "\xff", "]]>", "<!--", "-->", "&nbsp;", "=", " ", "\n", "<a>", "</a>", "<![CDATA[", "&#0;", ":"}
	switch rng.IntN(4) {
	case 0: // delete a byte
		return append(out[:i], out[i+1:]...)
	case 1: // insert something
		s := specials[rng.IntN(len(specials))]
		return append(out[:i], append([]byte(s), out[i:]...)...)
	case 2: // truncate
		return out[:i]
	default: // replace a byte
		out[i] = specials[rng.IntN(len(specials))][0]
		return out
	}
}

// TestWellFormedMutations compares verdicts on corpus feeds and on
// mutated copies of their first 8 KB and of the cases above.
func TestWellFormedMutations(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var seeds [][]byte
	for _, c := range wfCases {
		seeds = append(seeds, []byte(c.src))
	}
	if dir := os.Getenv("PODFEED_CORPUS"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "feeds", "*.xml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			compareVerdicts(t, filepath.Base(f), b)
			seeds = append(seeds, b[:min(len(b), 8<<10)])
		}
	} else {
		t.Log("PODFEED_CORPUS is unset: mutating the built-in cases only")
	}
	n := 0
	for _, s := range seeds {
		for k := 0; k < 20; k++ {
			m := mutate(rng, s)
			if rng.IntN(3) == 0 {
				m = mutate(rng, m)
			}
			compareVerdicts(t, "mutant", m)
			n++
		}
	}
	t.Logf("%d mutants compared", n)
}

func FuzzScanner(f *testing.F) {
	for _, c := range wfCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				// a hang becomes a crasher the fuzzer records
				panic(fmt.Sprintf("no verdict after 10 s on %q", src))
			}
		}()
		compareVerdicts(t, "fuzz", src)
	})
}

// TestUTF8Plain checks the shortcut against decoding: every three-byte
// sequence it takes is one valid character of the length it says, which
// XML allows, and it takes every valid two-byte one.
func TestUTF8Plain(t *testing.T) {
	b := make([]byte, 3)
	taken := 0
	for b0 := 0x80; b0 < 0x100; b0++ {
		for b1 := 0; b1 < 0x100; b1++ {
			for b2 := 0; b2 < 0x100; b2++ {
				b[0], b[1], b[2] = byte(b0), byte(b1), byte(b2)
				n := utf8Plain(b)
				r, size := utf8.DecodeRune(b)
				if n > 0 {
					taken++
					if n != size || badChar(r, size) || !isXMLChar(r) {
						t.Fatalf("% X: utf8Plain says %d bytes; decoded U+%04X from %d", b, n, r, size)
					}
				}
				if size == 2 && r != utf8.RuneError && n != 2 {
					t.Fatalf("% X: utf8Plain does not take the two-byte U+%04X", b, r)
				}
			}
		}
		if n := utf8Plain(b[:1]); n != 0 {
			t.Fatalf("% X alone: utf8Plain says %d bytes", b[:1], n)
		}
	}
	if taken == 0 {
		t.Fatal("utf8Plain took nothing")
	}
}

// TestPredefined checks the shortcut for the five predefined entities
// against the general path, and that it leaves everything else to it.
func TestPredefined(t *testing.T) {
	for _, in := range []string{"&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&lt;p&gt;", "&lt", "&l;", "&gt ;",
		"&amp", "&ampx;", "&quo;", "&quott;", "&nbsp;", "&#60;", "&#x3C;", "&", "&LT;", "&apos"} {
		c, n := predefined([]byte(in))
		s := &scanner{sink: &nopSink{}}
		out, m, err := s.entity(nil, 0, []byte(in), false)
		isPre := err == nil && m > 0 && strings.Contains("&lt;&gt;&amp;&quot;&apos;", in[:m]) && in[m-1] == ';'
		switch {
		case n > 0 && (n != m || string(out) != string(c)):
			t.Errorf("%q: predefined gives %q over %d bytes, entity %q over %d", in, c, n, out, m)
		case n == 0 && isPre:
			t.Errorf("%q: predefined leaves %q to the general path", in, in[:m])
		}
	}
}

// nopSink takes the scanner's findings and drops them.
type nopSink struct{ tokenSink }

func (nopSink) note(string, Pos, Severity, string, ...any) {}
