package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadError is a feed that cannot be read: not XML, not well-formed, or
// not a feed. Line and Col (1-based) locate the problem when known.
type ReadError struct {
	Line, Col int
	Msg       string
}

func (e *ReadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return e.Msg
}

// Namespace URIs podfeed models.
const (
	nsItunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsPSC     = "http://podlove.org/simple-chapters"
)

// wellKnown maps the prefixes podcast feeds use without declaring them
// (the declaration lost in copying, or never written) to their standard
// namespace URIs. Any other prefix used without a declaration is bound to
// undeclaredNS + prefix: podfeed models nothing in an unknown namespace, so
// such elements are read as unknown ones and listed as not modelled.
var wellKnown = map[string]string{
	"itunes":     nsItunes,
	"podcast":    "https://podcastindex.org/namespace/1.0",
	"content":    nsContent,
	"atom":       nsAtom,
	"psc":        nsPSC,
	"googleplay": "http://www.google.com/schemas/play-podcasts/1.0",
	"media":      "http://search.yahoo.com/mrss/",
	"dc":         "http://purl.org/dc/elements/1.1/",
}

// undeclaredNS prefixes the namespace URI given to an unknown prefix that
// the feed uses without declaring it.
const undeclaredNS = "urn:podfeed:undeclared:"

// nsFor is the URI an undeclared prefix is bound to.
func nsFor(prefix string) string {
	if uri, ok := wellKnown[prefix]; ok {
		return uri
	}
	return undeclaredNS + prefix
}

// kind names a namespace podfeed knows, by its usual prefix, whatever
// prefix or URI spelling the feed uses.
func kind(uri string) string {
	u := strings.ToLower(strings.TrimRight(strings.TrimSpace(uri), "/"))
	switch {
	case u == "":
		return ""
	case strings.Contains(u, "itunes.com/dtds/podcast-1.0.dtd"):
		return "itunes"
	case strings.Contains(u, "podcastindex"):
		return "podcast"
	case strings.HasPrefix(u, "http://podlove.org/simple-chapters"):
		return "psc"
	case u == strings.TrimRight(nsContent, "/"):
		return "content"
	case u == strings.ToLower(nsAtom):
		return "atom"
	case u == "http://search.yahoo.com/mrss":
		return "media"
	case u == "http://purl.org/dc/elements/1.1":
		return "dc"
	case u == "http://www.google.com/schemas/play-podcasts/1.0":
		return "googleplay"
	}
	return ""
}

// scan is what the strict pass learns about the document.
type scan struct {
	format   string              // "rss", "atom" or "rdf"
	prefixes map[string][]string // kind -> prefixes the feed bound to it
	elements map[string]int      // "channel itunes:subtitle" -> count, direct children of channel/item
	ttl      string
	items    int

	// unbound lists the prefixes the feed uses without declaring them
	// (see wellKnown), in order of first use; rootEnd is the byte
	// offset just past the root element's start tag.
	unbound []string
	rootEnd int

	// rootClose is the byte offset just past the root's end tag; junk
	// is non-blank text after it (kept out of what gofeed reads), with
	// its line and column.
	rootClose         int
	junk              string
	junkLine, junkCol int

	// rss holds what the RSS items and channel say in elements gofeed
	// does not hand on (see rssExtras); domain and sourceURL are the
	// attributes of the category or source element being read.
	rss               rssExtras
	domain, sourceURL string

	// atomTitleType is the type attribute of an Atom feed's <title>, and
	// atomEntryTitleType that of each entry's (in document order):
	// "html" and "xhtml" titles are markup, not text (see title).
	atomTitleType      string
	atomEntryTitleType []string
}

// title returns the text of a title gofeed read: the channel's for item
// -1, else item i's. An Atom title of type "html" or "xhtml" is markup
// (gofeed hands on "Q&amp;A" for <title type="html">Q&amp;amp;A</title>),
// so its text is what a browser shows.
func (sc *scan) title(item int, raw string) string {
	typ := sc.atomTitleType
	if item >= 0 {
		typ = ""
		if item < len(sc.atomEntryTitleType) {
			typ = sc.atomEntryTitleType[item]
		}
	}
	if sc.format == "atom" && (typ == "html" || typ == "xhtml") {
		return strings.Join(strings.Fields(plainText(raw)), " ")
	}
	return strings.TrimSpace(raw)
}

// rssExtras are RSS 2.0 elements gofeed's model drops: the channel's
// managingEditor and webMaster, and per item (in document order) author,
// category, comments and source.
type rssExtras struct {
	managingEditor, webMaster string
	items                     []rssItem
}

type rssItem struct {
	author, comments string
	categories       []rssCategory
	source           *rssSource
}

type rssCategory struct{ text, domain string }

type rssSource struct{ url, title string }

// read prepares data, checks it, and binds undeclared well-known
// prefixes: the bytes gofeed should parse, the scan and the notes.
func read(data []byte) ([]byte, *scan, []string, error) {
	clean, notes, err := prepare(data)
	if err != nil {
		return nil, nil, nil, err
	}
	sc, err := check(clean)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(sc.unbound) == 0 {
		return dropJunk(clean, sc, notes)
	}
	clean = bindPrefixes(clean, sc)
	for _, p := range sc.unbound {
		if uri, ok := wellKnown[p]; ok {
			notes = append(notes, fmt.Sprintf("the prefix %s: is used without an xmlns:%s declaration: bound it to %s", p, p, uri))
		} else {
			notes = append(notes, fmt.Sprintf("the prefix %s: is used without an xmlns:%s declaration and names no namespace podfeed knows: its elements are left out (listed as not modelled)", p, p))
		}
	}
	if sc, err = check(clean); err != nil {
		return nil, nil, nil, err
	}
	return dropJunk(clean, sc, notes)
}

// dropJunk cuts text that follows the root element (the feed has ended:
// nothing after it belongs to it) and says so.
func dropJunk(data []byte, sc *scan, notes []string) ([]byte, *scan, []string, error) {
	if sc.junk == "" {
		return data, sc, notes, nil
	}
	junk := sc.junk
	if len(junk) > 40 {
		junk = junk[:40] + "…"
	}
	notes = append(notes, fmt.Sprintf("ignored text after the end of the feed at %d:%d (%q): nothing after the root element belongs to the feed", sc.junkLine, sc.junkCol, junk))
	return data[:sc.rootClose], sc, notes, nil
}

// bindPrefixes declares sc.unbound on the root element. Only the root's
// start tag changes, so line numbers stay true to the file.
func bindPrefixes(data []byte, sc *scan) []byte {
	at := sc.rootEnd - 1 // the '>' of the root start tag
	if at > 0 && data[at-1] == '/' {
		at--
	}
	var decl bytes.Buffer
	for _, p := range sc.unbound {
		fmt.Fprintf(&decl, " xmlns:%s=\"%s\"", p, nsFor(p))
	}
	out := make([]byte, 0, len(data)+decl.Len())
	out = append(out, data[:at]...)
	out = append(out, decl.Bytes()...)
	return append(out, data[at:]...)
}

var xmlDecl = regexp.MustCompile(`^<\?xml[^>]*?\?>`)
var encAttr = regexp.MustCompile(`encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// MaxFeedSize bounds what Parse accepts, in bytes: the largest real feeds
// are tens of megabytes.
const MaxFeedSize = 256 << 20

const maxFeedSize = MaxFeedSize

// prepare turns raw feed bytes into well-formed UTF-8 with no encoding
// declaration other than UTF-8, reporting what it changed in notes.
func prepare(data []byte) ([]byte, []string, error) {
	var notes []string
	if len(data) > maxFeedSize {
		return nil, nil, &ReadError{Msg: fmt.Sprintf("feed is larger than %d MiB", maxFeedSize>>20)}
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		notes = append(notes, "removed a UTF-8 byte-order mark")
	case bytes.HasPrefix(data, []byte("\xfe\xff")), bytes.HasPrefix(data, []byte("\xff\xfe")):
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return nil, nil, &ReadError{Msg: fmt.Sprintf("UTF-16 text cannot be decoded: %v", err)}
		}
		data = dropEncoding(out)
		notes = append(notes, "converted UTF-16 text to UTF-8")
	default:
		// UTF-16 without a byte-order mark: XML's own detection (XML 1.0
		// appendix F) reads the order from the first characters, which
		// are ASCII ("<?" or "<r"), so every other byte is zero.
		if order, ok := utf16Order(data); ok {
			out, _, err := transform.Bytes(unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder(), data)
			if err != nil {
				return nil, nil, &ReadError{Msg: fmt.Sprintf("UTF-16 text cannot be decoded: %v", err)}
			}
			data = dropEncoding(out)
			notes = append(notes, "converted UTF-16 text (without a byte-order mark) to UTF-8")
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &ReadError{Msg: "empty document: expected an RSS or Atom feed"}
	}
	if err := sniff(data); err != nil {
		return nil, nil, err
	}
	if i := bytes.Index(data, []byte("<?xml")); i > 0 && len(bytes.TrimSpace(data[:i])) == 0 {
		// The declaration must come first. Moving the whitespace after it,
		// rather than dropping it, keeps every later line number true to
		// the file.
		end := i + bytes.Index(data[i:], []byte("?>"))
		if end >= i {
			end += len("?>")
			lines := bytes.Count(data[:i], []byte("\n"))
			moved := make([]byte, 0, len(data))
			moved = append(moved, data[i:end]...)
			moved = append(moved, data[:i]...)
			data = append(moved, data[end:]...)
			what := "whitespace"
			if lines > 0 {
				what = fmt.Sprintf("%d blank line(s)", lines)
			}
			notes = append(notes, fmt.Sprintf("ignored %s before the XML declaration <?xml …?>, which must come first", what))
		}
	}
	label := ""
	if m := xmlDecl.Find(data); m != nil {
		if e := encAttr.FindSubmatch(m); e != nil {
			label = strings.ToLower(string(e[1]))
		}
	}
	switch label {
	case "", "utf-8", "utf8":
		if !utf8.Valid(data) {
			out, fx := fromMixed(data)
			data = dropEncoding(out)
			if fx.utf8 == 0 {
				notes = append(notes, "text is not valid UTF-8: read it as Windows-1252")
			} else {
				// Mostly UTF-8 with a few stray bytes (an episode pasted
				// from another program): reading the whole file as
				// Windows-1252 would garble every correct character.
				notes = append(notes, fmt.Sprintf("%d byte(s) are not valid UTF-8 (first at %d:%d, %s): read them as Windows-1252, the rest as UTF-8", fx.bad, fx.line, fx.col, fx.example))
			}
		}
	default:
		enc, name := charset.Lookup(label)
		if enc == nil {
			return nil, nil, &ReadError{Line: 1, Col: 1, Msg: fmt.Sprintf("unknown character encoding %q in the XML declaration", label)}
		}
		if ex, ok := reallyUTF8(data, name); ok {
			// The declaration says one thing and the bytes another:
			// text that is valid UTF-8 with characters beyond ASCII is
			// UTF-8 (Latin-1 text is almost never valid UTF-8 as well).
			data = dropEncoding(data)
			notes = append(notes, fmt.Sprintf("the XML declaration says %s, but the text is UTF-8 (%s): read it as UTF-8", label, ex))
			break
		}
		if strings.HasPrefix(strings.ToLower(name), "utf-16") {
			// Eight-bit text (UTF-16 was detected above) that is not
			// UTF-8 either: the declaration was copied from elsewhere.
			out, _ := fromMixed(data)
			data = dropEncoding(out)
			notes = append(notes, fmt.Sprintf("the XML declaration says %s, but the text is neither UTF-16 nor UTF-8: read it as Windows-1252", label))
			break
		}
		out, err := decode(enc, data)
		if err != nil {
			return nil, nil, err
		}
		data = dropEncoding(out)
		notes = append(notes, fmt.Sprintf("converted %s text (read as %s) to UTF-8", label, name))
	}
	if n, line, col, r := stripControls(&data); n > 0 {
		notes = append(notes, fmt.Sprintf("removed %d control character(s) that XML does not allow (first: U+%04X at %d:%d)", n, r, line, col))
	}
	data, fixes := fixEntities(data)
	if fixes.named > 0 {
		notes = append(notes, fmt.Sprintf("replaced %d HTML entity references (such as &nbsp;) with characters", fixes.named))
	}
	if fixes.bare > 0 {
		notes = append(notes, fmt.Sprintf("kept %d bare & or unknown entity references as literal text (first: %s)", fixes.bare, fixes.example))
	}
	return data, notes, nil
}

// utf16Order detects UTF-16 without a byte-order mark from the zero
// bytes of its first two (ASCII) characters.
func utf16Order(data []byte) (unicode.Endianness, bool) {
	if len(data) < 4 {
		return unicode.BigEndian, false
	}
	switch {
	case data[0] != 0 && data[0] < 0x80 && data[1] == 0 && data[2] != 0 && data[2] < 0x80 && data[3] == 0:
		return unicode.LittleEndian, true
	case data[0] == 0 && data[1] != 0 && data[1] < 0x80 && data[2] == 0 && data[3] != 0 && data[3] < 0x80:
		return unicode.BigEndian, true
	}
	return unicode.BigEndian, false
}

// reallyUTF8 reports whether data, declared in the encoding called name,
// is UTF-8 all the same: valid UTF-8 with at least one character beyond
// ASCII (quoted in ex), or, for a declared UTF-16 that has no zero bytes
// (real UTF-16 would have been detected before), any valid UTF-8.
func reallyUTF8(data []byte, name string) (ex string, ok bool) {
	if !utf8.Valid(data) {
		return "", false
	}
	i := 0
	for i < len(data) && data[i] < 0x80 {
		i++
	}
	if i == len(data) {
		if strings.HasPrefix(strings.ToLower(name), "utf-16") {
			return "no character takes two bytes", true
		}
		return "", false
	}
	// quote the word holding the first such character
	stop := func(c byte) bool { return strings.IndexByte(" \t\r\n<>\"'&;", c) >= 0 }
	start, end := i, i
	for start > 0 && i-start < 40 && !stop(data[start-1]) {
		start--
	}
	for end < len(data) && end-i < 40 && !stop(data[end]) {
		end++
	}
	for start < i && !utf8.RuneStart(data[start]) {
		start++
	}
	for end < len(data) && !utf8.RuneStart(data[end]) {
		end++
	}
	ctx := string(data[start:end])
	line := 1 + bytes.Count(data[:start], []byte("\n"))
	col := utf8.RuneCount(data[bytes.LastIndexByte(data[:start], '\n')+1:start]) + 1
	return fmt.Sprintf("%q at %d:%d", ctx, line, col), true
}

// mixedFixes is what fromMixed found.
type mixedFixes struct {
	bad, utf8 int    // bytes read as Windows-1252; valid multi-byte UTF-8 characters kept
	line, col int    // the first bad byte's place (columns in characters)
	example   string // the first bad byte, e.g. "0x92 as ’"
}

// fromMixed converts text that is meant as UTF-8 but holds bytes that are
// not: valid UTF-8 sequences are kept, and every other byte is read as
// Windows-1252 (what a Windows program writes, and what browsers assume
// for ISO-8859-1).
func fromMixed(data []byte) ([]byte, mixedFixes) {
	var fx mixedFixes
	out := make([]byte, 0, len(data)+len(data)/8)
	line, lineStart := 1, 0
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\n' {
			line, lineStart = line+1, i+1
		}
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			out = append(out, data[i:i+n]...)
			fx.utf8++
			i += n
			continue
		}
		rr := charmap.Windows1252.DecodeByte(c)
		if fx.bad == 0 {
			fx.line = line
			fx.col = utf8.RuneCount(data[lineStart:i]) + 1
			fx.example = fmt.Sprintf("0x%02X as %q", c, rr)
		}
		fx.bad++
		out = utf8.AppendRune(out, rr)
		i++
	}
	return out, fx
}

// sniff refuses, in one sentence, documents that are plainly not a feed:
// JSON (a JSON Feed, an API answer) and HTML pages.
func sniff(data []byte) error {
	t := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(t) > 0 && (t[0] == '{' || t[0] == '['):
		return &ReadError{Msg: "this is JSON, not an RSS or Atom podcast feed (podfeed imports RSS and Atom feeds)"}
	case hasPrefixFold(t, "<!doctype html"), hasPrefixFold(t, "<html"):
		return &ReadError{Msg: "this is an HTML page, not a podcast feed: import the feed's own URL (the page may link it as RSS)"}
	}
	return nil
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// stripControls removes the C0 control characters XML 1.0 forbids
// (everything below U+0020 but tab, line feed and carriage return). They
// carry no text (a stray U+001A from a broken conversion), so dropping
// them loses nothing; it returns how many there were and the first one's
// place.
func stripControls(data *[]byte) (n, line, col int, first byte) {
	b := *data
	i := 0
	for i < len(b) && !isControl(b[i]) {
		i++
	}
	if i == len(b) {
		return 0, 0, 0, 0
	}
	line = 1 + bytes.Count(b[:i], []byte("\n"))
	col = i - bytes.LastIndexByte(b[:i], '\n')
	first = b[i]
	out := make([]byte, 0, len(b))
	out = append(out, b[:i]...)
	for ; i < len(b); i++ {
		if isControl(b[i]) {
			n++
			continue
		}
		out = append(out, b[i])
	}
	*data = out
	return n, line, col, first
}

func isControl(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }

func decode(enc encoding.Encoding, data []byte) ([]byte, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return nil, &ReadError{Msg: fmt.Sprintf("text cannot be decoded: %v", err)}
	}
	return out, nil
}

// dropEncoding rewrites the XML declaration's encoding to UTF-8 once the
// text has been converted.
func dropEncoding(data []byte) []byte {
	m := xmlDecl.FindIndex(data)
	if m == nil {
		return data
	}
	decl := encAttr.ReplaceAll(data[m[0]:m[1]], []byte(`encoding="UTF-8"`))
	out := make([]byte, 0, len(data)+len(decl))
	out = append(out, decl...)
	return append(out, data[m[1]:]...)
}

type entityFixes struct {
	named, bare int
	example     string // the first bare or unknown reference, with its line:col
}

// fixEntities makes entity references well-formed outside CDATA sections,
// comments and processing instructions: HTML named entities (&nbsp;)
// become numeric references, and an & that starts no valid reference
// (a bare &, a typo like &gtgt;) becomes &amp;.
func fixEntities(data []byte) ([]byte, entityFixes) {
	var fx entityFixes
	if bytes.IndexByte(data, '&') < 0 {
		return data, fx
	}
	out := make([]byte, 0, len(data)+64)
	i := 0
	for i < len(data) {
		c := data[i]
		if c == '<' {
			for _, sk := range [][2]string{{"<![CDATA[", "]]>"}, {"<!--", "-->"}, {"<?", "?>"}} {
				if bytes.HasPrefix(data[i:], []byte(sk[0])) {
					end := bytes.Index(data[i+len(sk[0]):], []byte(sk[1]))
					if end < 0 {
						return append(out, data[i:]...), fx
					}
					n := i + len(sk[0]) + end + len(sk[1])
					out = append(out, data[i:n]...)
					i = n
					goto next
				}
			}
			out = append(out, c)
			i++
			continue
		}
		if c != '&' {
			out = append(out, c)
			i++
			continue
		}
		{
			ref, n := entityRef(data[i:])
			switch {
			case n > 0 && ref == "":
				out = append(out, data[i:i+n]...)
				i += n
			case n > 0:
				out = append(out, ref...)
				fx.named++
				i += n
			default:
				if fx.example == "" {
					line := 1 + bytes.Count(data[:i], []byte("\n"))
					col := utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
					fx.example = fmt.Sprintf("%q at %d:%d", refExample(data[i:]), line, col)
				}
				out = append(out, "&amp;"...)
				fx.bare++
				i++
			}
		}
	next:
	}
	return out, fx
}

// refExample quotes the would-be reference at the start of b (b[0] ==
// '&'): up to its ';', else the & and the rest of its word ("&max-w=3000"
// in a URL, "& " in text), at most 24 bytes.
func refExample(b []byte) string {
	for i := 1; i < len(b) && i < 24; i++ {
		switch b[i] {
		case ';':
			return string(b[:i+1])
		case ' ', '\t', '\r', '\n', '<', '&', '"', '\'':
			return strings.ToValidUTF8(string(b[:i]), "")
		}
	}
	return strings.ToValidUTF8(string(b[:min(len(b), 24)]), "")
}

// entityRef inspects the reference at the start of b (b[0] == '&'). It
// returns n > 0 when the reference is usable: ref == "" when it is already
// valid XML, or its numeric replacement for an HTML named entity.
func entityRef(b []byte) (ref string, n int) {
	end := bytes.IndexByte(b[:min(len(b), 40)], ';')
	if end < 2 {
		return "", 0
	}
	name := string(b[1:end])
	if name[0] == '#' {
		num := name[1:]
		base := 10
		if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
			num, base = num[1:], 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err != nil || !isXMLChar(rune(v)) {
			return "", 0
		}
		return "", end + 1
	}
	switch name {
	case "amp", "lt", "gt", "quot", "apos":
		return "", end + 1
	}
	s, ok := xml.HTMLEntity[name]
	if !ok {
		return "", 0
	}
	var r strings.Builder
	for _, c := range s {
		fmt.Fprintf(&r, "&#%d;", c)
	}
	return r.String(), end + 1
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// check reads the whole document strictly: it must be well-formed XML with
// every prefix bound, and its root must be a feed. It records the
// namespace prefixes the feed uses and counts the direct children of the
// channel and of each item.
func check(data []byte) (*scan, error) {
	sc := &scan{prefixes: map[string][]string{}, elements: map[string]int{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	bound := map[string]string{} // uri -> first prefix
	known := map[string]bool{"xml": true, "http://www.w3.org/XML/1998/namespace": true}
	var stack []xml.Name
	rootSpace := ""
	var text strings.Builder
	fail := func(msg string) error {
		line, col := d.InputPos()
		return &ReadError{Line: line, Col: col, Msg: "not well-formed: " + msg}
	}
	closed := false // the root element has ended

	for {
		tokLine, tokCol := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line, col := d.InputPos()
				if se.Line > line {
					line, col = se.Line, 1
				}
				msg := strings.TrimPrefix(se.Msg, "xml: ")
				if msg == "unexpected EOF" {
					msg = "the file ends inside the document (was it cut off?)"
				}
				return nil, &ReadError{Line: line, Col: col, Msg: "not well-formed: " + msg}
			}
			return nil, fail(err.Error())
		}
		if closed {
			switch t := tok.(type) {
			case xml.StartElement:
				return nil, &ReadError{Line: tokLine, Col: tokCol, Msg: fmt.Sprintf("not well-formed: a second root element <%s> after the feed ended: the file holds more than one document", t.Name.Local)}
			case xml.CharData:
				if junk := strings.TrimSpace(string(t)); junk != "" && sc.junk == "" {
					sc.junk = junk
					sc.junkLine, sc.junkCol = skipBlank(string(t), tokLine, tokCol)
				}
			}
			continue // comments and processing instructions may follow the root
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					known[a.Value] = true
					if _, ok := bound[a.Value]; !ok {
						bound[a.Value] = a.Name.Local
					}
					if k := kind(a.Value); k != "" && !contains(sc.prefixes[k], a.Name.Local) {
						sc.prefixes[k] = append(sc.prefixes[k], a.Name.Local)
					}
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					known[a.Value] = true
				}
			}
			if t.Name.Space != "" && !known[t.Name.Space] {
				if _, ok := wellKnown[t.Name.Space]; !ok && len(stack) == 0 {
					return nil, fail(fmt.Sprintf("element <%s:%s> uses the prefix %q, which no xmlns:%s declaration binds", t.Name.Space, t.Name.Local, t.Name.Space, t.Name.Space))
				}
				if !contains(sc.unbound, t.Name.Space) {
					sc.unbound = append(sc.unbound, t.Name.Space)
				}
			}
			for _, a := range t.Attr {
				if a.Name.Space != "" && a.Name.Space != "xmlns" && !known[a.Name.Space] {
					if !contains(sc.unbound, a.Name.Space) {
						sc.unbound = append(sc.unbound, a.Name.Space)
					}
				}
			}
			if len(stack) == 0 {
				sc.rootEnd = int(d.InputOffset())
				rootSpace = t.Name.Space
				switch {
				case t.Name.Local == "rss":
					sc.format = "rss"
				case t.Name.Local == "RDF":
					sc.format = "rdf"
				case t.Name.Local == "feed":
					sc.format = "atom"
				case t.Name.Local == "html":
					return nil, &ReadError{Msg: "this is an HTML page, not a podcast feed: import the feed's own URL (the page may link it as RSS)"}
				default:
					return nil, &ReadError{Line: tokLine, Col: tokCol, Msg: fmt.Sprintf("this is an XML document with the root element <%s>, not a podcast feed: expected <rss> or an Atom <feed>", t.Name.Local)}
				}
			}
			if lvl := level(sc.format, stack); lvl != "" {
				name := t.Name.Local
				if t.Name.Space != rootSpace {
					name = displayName(t.Name, bound)
				}
				if name == "atom:link" || (sc.format == "atom" && name == "link") {
					name += " rel=" + attr(t, "rel", "alternate")
				}
				sc.elements[lvl+"\x00"+name]++
				if sc.format == "atom" && lvl == "channel" && name == "entry" || sc.format != "atom" && name == "item" {
					sc.items++
				}
			}
			if sc.format == "atom" && t.Name.Space == rootSpace && t.Name.Local == "title" {
				typ := strings.ToLower(strings.TrimSpace(attr(t, "type", "text")))
				switch level(sc.format, stack) {
				case "channel":
					sc.atomTitleType = typ
				case "item":
					for len(sc.atomEntryTitleType) < sc.items {
						sc.atomEntryTitleType = append(sc.atomEntryTitleType, "")
					}
					sc.atomEntryTitleType[sc.items-1] = typ
				}
			}
			if t.Name.Space == rootSpace && sc.format != "atom" && level(sc.format, stack) == "item" {
				switch t.Name.Local {
				case "category":
					sc.domain = strings.TrimSpace(attr(t, "domain", ""))
				case "source":
					sc.sourceURL = strings.TrimSpace(attr(t, "url", ""))
				}
			}
			stack = append(stack, t.Name)
			text.Reset()
		case xml.CharData:
			if len(stack) == 0 {
				if txt := strings.TrimSpace(string(t)); txt != "" {
					return nil, textBeforeRoot(txt, tokLine, tokCol, string(t))
				}
			}
			text.Write(t)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				closed = true
				sc.rootClose = int(d.InputOffset())
				continue
			}
			if t.Name.Space == rootSpace && sc.format != "atom" {
				sc.rssElement(level(sc.format, stack), t.Name.Local, strings.TrimSpace(text.String()))
			}
		}
	}
	if sc.format == "" {
		return nil, &ReadError{Msg: "no root element: expected an RSS or Atom feed"}
	}
	return sc, nil
}

// rssElement records the text of an RSS element that ended directly
// under the channel or an item (lvl), when podfeed keeps it.
func (sc *scan) rssElement(lvl, name, value string) {
	switch lvl {
	case "channel":
		switch name {
		case "ttl":
			sc.ttl = value
		case "managingEditor":
			sc.rss.managingEditor = value
		case "webMaster":
			sc.rss.webMaster = value
		}
	case "item":
		if sc.items == 0 {
			return
		}
		for len(sc.rss.items) < sc.items {
			sc.rss.items = append(sc.rss.items, rssItem{})
		}
		it := &sc.rss.items[sc.items-1]
		switch name {
		case "author":
			it.author = value
		case "comments":
			it.comments = value
		case "category":
			if value != "" {
				it.categories = append(it.categories, rssCategory{text: value, domain: sc.domain})
			}
		case "source":
			it.source = &rssSource{url: sc.sourceURL, title: value}
		}
	}
}

// skipBlank moves line:col, the place where raw starts, past raw's
// leading white space.
func skipBlank(raw string, line, col int) (int, int) {
	for _, r := range raw {
		switch r {
		case '\n':
			line, col = line+1, 1
		case ' ', '\t', '\r':
			col++
		default:
			return line, col
		}
	}
	return line, col
}

// textBeforeRoot refuses a document with text before its root element,
// such as a copy of what a browser shows for a feed.
func textBeforeRoot(txt string, line, col int, raw string) error {
	line, col = skipBlank(raw, line, col)
	first, _, _ := strings.Cut(txt, "\n")
	if len(first) > 60 {
		first = first[:60] + "…"
	}
	msg := fmt.Sprintf("not well-formed: text before the root element (%q): a feed starts with <?xml …?> or <rss>", first)
	if strings.Contains(txt, "does not appear to have any style information") {
		msg += "; this is a copy of what a browser shows for a feed, not the feed: save the feed's source, or import its URL"
	}
	return &ReadError{Line: line, Col: col, Msg: msg}
}

// level says whether an element under stack is a direct child of the
// channel ("channel") or of an item ("item").
func level(format string, stack []xml.Name) string {
	switch format {
	case "rss":
		if len(stack) == 2 && stack[1].Local == "channel" {
			return "channel"
		}
		if len(stack) == 3 && stack[1].Local == "channel" && stack[2].Local == "item" {
			return "item"
		}
	case "rdf":
		if len(stack) == 2 && stack[1].Local == "channel" {
			return "channel"
		}
		if len(stack) == 2 && stack[1].Local == "item" {
			return "item"
		}
	case "atom":
		if len(stack) == 1 {
			return "channel"
		}
		if len(stack) == 2 && stack[1].Local == "entry" {
			return "item"
		}
	}
	return ""
}

func displayName(n xml.Name, bound map[string]string) string {
	if n.Space == "" {
		return n.Local
	}
	if k := kind(n.Space); k != "" {
		return k + ":" + n.Local
	}
	if p, ok := bound[n.Space]; ok && p != "" {
		return p + ":" + n.Local
	}
	if n.Space == nsAtom {
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

func attr(t xml.StartElement, name, def string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return def
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
