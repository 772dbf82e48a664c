package feed

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Summary is what a subscriber-safety check needs from an existing feed:
// where the feed says it lives and which episodes it lists.
type Summary struct {
	Link       string // channel <link>
	SelfURL    string // <atom:link rel="self" href="…"> of the channel
	NewFeedURL string // <itunes:new-feed-url>
	GUID       string // <podcast:guid> of the channel
	Items      []SummaryItem

	// Truncated is set when the document broke off (cut short or malformed)
	// after the channel started: Items holds the items read before that.
	Truncated bool
}

// SummaryItem identifies one episode of an existing feed.
type SummaryItem struct {
	GUID         string // <guid>, trimmed; empty when the item has none
	Title        string
	EnclosureURL string // url of the first <enclosure>
	Line         int    // line of the <item> start tag; 0 when not read from a document
}

// ReadSummary reads the channel link, self URL, itunes:new-feed-url and
// podcast:guid, and the GUID, title, enclosure URL and line of every item of
// an RSS feed. It is lenient:
// HTML entities, mismatched or missing end tags, undeclared prefixes, a
// byte-order mark (UTF-8 or UTF-16) and ISO-8859-1 or Windows-1252
// declarations are accepted, and a document cut off after the channel
// started gives what was read so far (with Truncated set). It fails only
// when the input cannot be read or holds no RSS channel.
//
// It is a small hand-written scanner rather than encoding/xml, which is
// some fifty times slower on feeds with long show notes: ReadSummary runs
// on every build, over feeds of thousands of episodes. A UTF-8 document
// is read in pieces (a feed of 100,000 episodes is 600 MB): memory holds
// the piece being read, grown only for a single tag or CDATA section
// larger than it; UTF-16 and single-byte documents are read whole and
// converted.
func ReadSummary(r io.Reader) (*Summary, error) {
	return readSummary(r, summaryChunk)
}

// summaryChunk is how much ReadSummary reads at a time.
const summaryChunk = 256 << 10

func readSummary(r io.Reader, chunk int) (*Summary, error) {
	sc := summaryScanner{r: r, chunk: chunk, names: map[string][]byte{}}
	if err := sc.begin(); err != nil {
		return nil, fmt.Errorf("feed: read summary: %w", err)
	}
	s := sc.run()
	if sc.err != nil {
		return nil, fmt.Errorf("feed: read summary: %w", sc.err)
	}
	if s == nil {
		return nil, fmt.Errorf("feed: read summary: no RSS channel found")
	}
	return s, nil
}

// begin reads the first piece and, for a document that is not UTF-8,
// the whole document, converted.
func (sc *summaryScanner) begin() error {
	sc.buf = make([]byte, 0, sc.chunk)
	for len(sc.buf) < 4<<10 && !sc.eof { // enough for a BOM and an XML declaration
		sc.read()
	}
	if sc.err != nil {
		return sc.err
	}
	sc.data = sc.buf
	head := sc.data
	switch conv := toUTF8(head); {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		sc.pos = 3
	case len(conv) != len(head) || (len(head) > 0 && &conv[0] != &head[0]):
		// Another encoding: read it all and convert it.
		rest, err := readAll(sc.r)
		if err != nil {
			return err
		}
		sc.data, sc.buf, sc.eof = toUTF8(append(head, rest...)), nil, true
	}
	return nil
}

// read reads once into the free space of buf.
func (sc *summaryScanner) read() {
	if len(sc.buf) == cap(sc.buf) {
		sc.buf = append(sc.buf, make([]byte, sc.chunk)...)[:len(sc.buf)]
	}
	n, err := sc.r.Read(sc.buf[len(sc.buf):cap(sc.buf)])
	sc.buf = sc.buf[:len(sc.buf)+n]
	switch {
	case err == io.EOF:
		sc.eof = true
	case err != nil:
		sc.err, sc.eof = err, true
	}
}

// more makes room and reads more of the document after data[pos:], the
// token being read, which it keeps; it grows the window when that token
// fills it. False at the end of the document.
func (sc *summaryScanner) more() bool {
	if sc.eof {
		return false
	}
	if sc.pos > 0 {
		sc.line += bytes.Count(sc.data[sc.lineOff:sc.pos], []byte{'\n'})
		sc.lineOff = 0
		n := copy(sc.buf, sc.data[sc.pos:])
		sc.buf, sc.pos = sc.buf[:n], 0
	}
	if len(sc.buf) == cap(sc.buf) {
		sc.buf = append(sc.buf, make([]byte, len(sc.buf))...)[:len(sc.buf)] // a token larger than the window: double it
	}
	for before := len(sc.buf); len(sc.buf) == before && !sc.eof; {
		sc.read()
	}
	sc.data = sc.buf
	return true
}

// readAll is io.ReadAll with the buffer sized up front when r knows its
// size (bytes.Reader, strings.Reader, os.File), which halves the memory a
// large feed needs.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < 1<<31 {
			size = int(fi.Size())
		}
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// element is an open element: its raw qualified name and the number of
// namespace declarations in scope when it opened.
type element struct {
	name  []byte
	decls int
}

// nsDecl is one xmlns:prefix="uri" declaration.
type nsDecl struct {
	prefix, uri []byte
}

type summaryScanner struct {
	r     io.Reader
	chunk int
	buf   []byte // the window: data is buf, or the whole converted document
	eof   bool   // r has no more (or failed: err)
	err   error
	names map[string][]byte // element names, interned out of the window

	data  []byte
	pos   int
	stack []element
	decls []nsDecl

	s         Summary
	inChannel bool
	item      *SummaryItem
	sawEnc    bool
	capture   *string // the field the text of the current element goes to
	capDepth  int
	text      []byte
	line      int // the line at lineOff
	lineOff   int
}

// run scans the whole document; it returns nil when no channel was found.
func (sc *summaryScanner) run() *Summary {
	for {
		if sc.pos >= len(sc.data) {
			if !sc.more() {
				break
			}
			continue
		}
		need, ok := sc.step()
		if need {
			sc.more() // at the end, the step is taken again as final
			continue
		}
		if !ok {
			sc.pos = len(sc.data)
			if sc.inChannel {
				sc.s.Truncated = true
			}
			break
		}
	}
	if !sc.inChannel {
		return nil
	}
	if len(sc.stack) > 0 {
		sc.s.Truncated = true // elements left open; a field cut short stays empty
	}
	return &sc.s
}

// step reads the text and the markup at pos. need: the markup runs past
// the window and the document goes on (nothing was done but the text);
// ok false: the document breaks off in it.
func (sc *summaryScanner) step() (need, ok bool) {
	d := sc.data
	i := bytes.IndexByte(d[sc.pos:], '<')
	if i < 0 {
		if sc.eof {
			sc.addText(d[sc.pos:])
			sc.pos = len(d)
			return false, true
		}
		// Text to the window's end, but for a last entity, which may go
		// on in the next piece.
		cut := len(d)
		if a := bytes.LastIndexByte(d[sc.pos:], '&'); a >= 0 {
			cut = sc.pos + a
		}
		sc.addText(d[sc.pos:cut])
		sc.pos = cut
		return true, true
	}
	sc.addText(d[sc.pos : sc.pos+i])
	sc.pos += i
	rest := d[sc.pos:]
	if len(rest) < len("<![CDATA[") && !sc.eof {
		return true, true
	}
	ok = true
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		ok = sc.skipPast("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			if !sc.eof {
				return true, true
			}
			sc.addCDATA(rest[9:])
			return false, false
		}
		sc.addCDATA(rest[9 : 9+end])
		sc.pos += 9 + end + 3
	case bytes.HasPrefix(rest, []byte("<?")):
		ok = sc.skipPast("?>")
	case bytes.HasPrefix(rest, []byte("<!")):
		ok = sc.skipDecl()
	case bytes.HasPrefix(rest, []byte("</")):
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			ok = false
			break
		}
		sc.end(bytes.TrimSpace(rest[2:end]))
		sc.pos += end + 1
	default:
		decls := len(sc.decls)
		if ok = sc.start(); !ok && !sc.eof {
			sc.decls = sc.decls[:decls]
		}
	}
	if !ok && !sc.eof {
		return true, true
	}
	return false, ok
}

func (sc *summaryScanner) skipPast(end string) bool {
	i := bytes.Index(sc.data[sc.pos:], []byte(end))
	if i < 0 {
		return false
	}
	sc.pos += i + len(end)
	return true
}

// skipDecl skips <!DOCTYPE …> and similar, with an internal subset in [ ].
func (sc *summaryScanner) skipDecl() bool {
	rest := sc.data[sc.pos:]
	gt := bytes.IndexByte(rest, '>')
	if br := bytes.IndexByte(rest, '['); br >= 0 && (gt < 0 || br < gt) {
		end := bytes.Index(rest[br:], []byte("]>"))
		if end < 0 {
			end = bytes.Index(rest[br:], []byte("]"))
			if end < 0 {
				return false
			}
			gt = bytes.IndexByte(rest[br+end:], '>')
			if gt < 0 {
				return false
			}
			sc.pos += br + end + gt + 1
			return true
		}
		sc.pos += br + end + 2
		return true
	}
	if gt < 0 {
		return false
	}
	sc.pos += gt + 1
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// start reads a start tag at sc.pos; false means the document ends inside it.
func (sc *summaryScanner) start() bool {
	d := sc.data
	start := sc.pos
	i := sc.pos + 1
	n := i
	for n < len(d) && !isSpace(d[n]) && d[n] != '>' && d[n] != '/' {
		n++
	}
	name := d[i:n]
	if len(name) == 0 {
		// A lone "<" in text: keep it as text.
		sc.addText(d[sc.pos : sc.pos+1])
		sc.pos++
		return true
	}
	var rel, href, url []byte
	declsBefore := len(sc.decls)
	selfClosing := false
	for {
		for n < len(d) && isSpace(d[n]) {
			n++
		}
		if n >= len(d) {
			return false
		}
		if d[n] == '>' {
			n++
			break
		}
		if d[n] == '/' {
			n++
			if n < len(d) && d[n] == '>' {
				selfClosing = true
				n++
				break
			}
			continue
		}
		ks := n
		for n < len(d) && !isSpace(d[n]) && d[n] != '=' && d[n] != '>' && d[n] != '/' {
			n++
		}
		key := d[ks:n]
		for n < len(d) && isSpace(d[n]) {
			n++
		}
		var val []byte
		if n < len(d) && d[n] == '=' {
			n++
			for n < len(d) && isSpace(d[n]) {
				n++
			}
			if n >= len(d) {
				return false
			}
			if q := d[n]; q == '"' || q == '\'' {
				end := bytes.IndexByte(d[n+1:], q)
				if end < 0 {
					return false
				}
				val = d[n+1 : n+1+end]
				n += end + 2
			} else {
				vs := n
				for n < len(d) && !isSpace(d[n]) && d[n] != '>' {
					n++
				}
				val = d[vs:n]
			}
		}
		switch {
		case bytes.HasPrefix(key, []byte("xmlns:")):
			sc.decls = append(sc.decls, nsDecl{prefix: bytes.Clone(key[6:]), uri: bytes.Clone(val)})
		case string(key) == "rel":
			rel = val
		case string(key) == "href":
			href = val
		case string(key) == "url":
			url = val
		}
	}
	sc.pos = n

	depth := len(sc.stack) + 1 // the depth of this element
	prefix, local := splitName(name)
	switch {
	case depth == 2 && string(local) == "channel" && len(prefix) == 0:
		sc.inChannel = true
	case sc.inChannel && depth == 3 && len(prefix) == 0 && string(local) == "item":
		sc.line += bytes.Count(sc.data[sc.lineOff:start], []byte{'\n'})
		sc.lineOff = start
		sc.s.Items = append(sc.s.Items, SummaryItem{Line: sc.line + 1})
		sc.item = &sc.s.Items[len(sc.s.Items)-1]
		sc.sawEnc = false
	case sc.item != nil && depth == 4 && len(prefix) == 0:
		switch string(local) {
		case "enclosure":
			if !sc.sawEnc {
				sc.item.EnclosureURL = strings.TrimSpace(attrText(url))
				sc.sawEnc = true
			}
		case "guid":
			sc.startCapture(&sc.item.GUID, depth)
		case "title":
			sc.startCapture(&sc.item.Title, depth)
		}
	case sc.item == nil && sc.inChannel && depth == 3:
		switch {
		case len(prefix) == 0 && string(local) == "link" && sc.s.Link == "":
			sc.startCapture(&sc.s.Link, depth)
		case string(local) == "link" && sc.nsIs(prefix, NSAtom, "atom"):
			if strings.EqualFold(string(rel), "self") && sc.s.SelfURL == "" {
				sc.s.SelfURL = strings.TrimSpace(attrText(href))
			}
		case string(local) == "new-feed-url" && sc.nsIs(prefix, NSItunes, "itunes"):
			sc.startCapture(&sc.s.NewFeedURL, depth)
		case string(local) == "guid" && sc.s.GUID == "" && sc.nsIs(prefix, NSPodcast, "podcast"):
			sc.startCapture(&sc.s.GUID, depth)
		}
	}
	if selfClosing {
		if sc.capture != nil && sc.capDepth == depth {
			sc.flush()
		}
		sc.decls = sc.decls[:declsBefore]
		if depth == 3 && sc.item != nil {
			sc.item = nil
		}
		return true
	}
	in, ok := sc.names[string(name)]
	if !ok {
		in = bytes.Clone(name)
		sc.names[string(in)] = in
	}
	sc.stack = append(sc.stack, element{name: in, decls: declsBefore})
	return true
}

// end closes the innermost open element named name, and every element
// opened inside it; an end tag matching no open element is ignored.
func (sc *summaryScanner) end(name []byte) {
	k := len(sc.stack) - 1
	for k >= 0 && !bytes.Equal(sc.stack[k].name, name) {
		k--
	}
	if k < 0 {
		return
	}
	for len(sc.stack) > k {
		depth := len(sc.stack)
		if sc.capture != nil && sc.capDepth == depth {
			sc.flush()
		}
		if depth == 3 && sc.item != nil {
			sc.item = nil
		}
		sc.decls = sc.decls[:sc.stack[depth-1].decls]
		sc.stack = sc.stack[:depth-1]
	}
}

func (sc *summaryScanner) startCapture(dst *string, depth int) {
	sc.capture, sc.capDepth, sc.text = dst, depth, sc.text[:0]
}

func (sc *summaryScanner) flush() {
	*sc.capture = strings.TrimSpace(strings.ToValidUTF8(string(sc.text), "\uFFFD"))
	sc.capture = nil
}

// addText adds character data, decoding entities, when capturing.
func (sc *summaryScanner) addText(b []byte) {
	if sc.capture == nil || len(b) == 0 {
		return
	}
	if bytes.IndexByte(b, '&') < 0 {
		sc.text = append(sc.text, b...)
		return
	}
	sc.text = append(sc.text, html.UnescapeString(string(b))...)
}

// addCDATA adds a CDATA section's content as it is, when capturing.
func (sc *summaryScanner) addCDATA(b []byte) {
	if sc.capture != nil {
		sc.text = append(sc.text, b...)
	}
}

// nsIs reports whether prefix is bound to uri (compared without regard to
// case), or is the conventional prefix and bound to nothing.
func (sc *summaryScanner) nsIs(prefix []byte, uri, conventional string) bool {
	if len(prefix) == 0 {
		return false
	}
	for i := len(sc.decls) - 1; i >= 0; i-- {
		if bytes.Equal(sc.decls[i].prefix, prefix) {
			return strings.EqualFold(strings.TrimSpace(string(sc.decls[i].uri)), uri)
		}
	}
	return string(prefix) == conventional
}

func splitName(name []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

// attrText decodes the entities of an attribute value.
func attrText(b []byte) string {
	s := string(b)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// toUTF8 removes a byte-order mark and converts UTF-16 and the single-byte
// encodings a feed may declare (ISO-8859-1, Windows-1252) to UTF-8. Other
// documents are returned as they are.
func toUTF8(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return fromUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return fromUTF16(data[2:], true)
	}
	head := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return data
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return data
	}
	decl := head[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return data
	}
	v := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return data
	}
	q := bytes.IndexByte(v[1:], v[0])
	if q < 0 {
		return data
	}
	switch strings.ToLower(string(v[1 : 1+q])) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return fromLatin1(data, false)
	case "windows-1252", "cp1252", "x-cp1252":
		return fromLatin1(data, true)
	}
	return data
}

func fromLatin1(data []byte, cp1252 bool) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, c := range data {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		r := rune(c)
		if cp1252 && c < 0xA0 {
			if m := cp1252Rune(c); m != 0 {
				r = m
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func fromUTF16(data []byte, bigEndian bool) []byte {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// cp1252Rune maps bytes 0x80–0x9F of Windows-1252 (0 where undefined).
func cp1252Rune(c byte) rune {
	t := [32]rune{
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	}
	return t[c-0x80]
}

// SummaryOf gives the Summary of a channel about to be written, to compare
// with the Summary of the feed it replaces.
func SummaryOf(ch *Channel) *Summary {
	s := &Summary{Link: ch.Link, SelfURL: ch.SelfURL, NewFeedURL: ch.NewFeedURL, GUID: ch.GUID}
	if len(ch.Items) > 0 {
		s.Items = make([]SummaryItem, len(ch.Items))
	}
	for i := range ch.Items {
		it := &ch.Items[i]
		s.Items[i] = SummaryItem{GUID: it.GUID, Title: it.Title}
		if it.Enclosure != nil {
			s.Items[i].EnclosureURL = it.Enclosure.URL
		}
	}
	return s
}
