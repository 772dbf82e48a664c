package validate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"unicode/utf8"
)

// This file is the byte scanner: a streaming XML 1.0 tokenizer that checks
// well-formedness itself, keeps the line and column of every element,
// attribute and text run, and never expands DOCTYPE entities. It reads
// through a sliding window, so memory is bounded by the largest single
// token, not by the document.
//
// Positions are 1-based; columns count code points of the text the
// scanner reads (UTF-8 after charset decoding for non-UTF-8 feeds), so
// they count the characters of the document as written, whatever its
// encoding. A byte of an invalid UTF-8 sequence counts as one, except a
// stray continuation byte.

// syntaxError is a well-formedness error: the scan stops there.
type syntaxError struct {
	Pos Pos
	Msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// rawAttr is an attribute as written, before namespace resolution.
type rawAttr struct {
	Prefix, Local string
	Value         string
	Pos           Pos
}

// startTag is a start tag as written.
type startTag struct {
	Prefix, Local string
	Attrs         []rawAttr
	Pos           Pos
	Empty         bool // <x/>
}

// tokenSink receives what the scanner finds, in document order.
type tokenSink interface {
	startElement(t *startTag) error
	endElement() error
	// charData receives character data, in pieces when it is long; text
	// is valid only during the call.
	charData(text []byte, pos Pos, cdata bool)
	// wantsText reports whether text at this point is kept; when not,
	// the scanner checks it but hands nothing over.
	wantsText() bool
	// keepsBlank reports whether white-space-only text at this point
	// would be kept; when not, the scanner need not decode it.
	keepsBlank() bool
	// note reports a finding that does not stop the scan, under one of the
	// xml-* codes; the message is fmt.Sprintf(format, args...), made only
	// if the finding is kept (repeats past the engine's cap are counted).
	note(code string, pos Pos, sev Severity, format string, args ...any)
	// declaration reports the XML declaration.
	declaration(version, encoding string, pos Pos)
}

// scanner holds the window over the input and the well-formedness state.
type scanner struct {
	r    io.Reader
	buf  []byte
	i    int // cursor
	end  int // end of buffered data
	tok  int // start of the token being read; bytes before it may be dropped
	base int64
	eof  bool
	rerr error

	line      int
	lineStart int64 // absolute offset of the current line's first byte
	lineCont  int   // UTF-8 continuation bytes from lineStart to counted
	nls       []int // buffer indexes of the newlines read and not yet counted, from nlHead
	nlHead    int
	hiNext    int   // no byte from 0x80 in buf[counted-base:hiNext]
	counted   int64 // newlines counted up to this absolute offset

	sink   tokenSink
	names  *[1024]string    // interned short values, direct-mapped
	qnames *[512]qnameEntry // split qualified names, direct-mapped

	// document state
	depth     int
	stack     []openElem
	seenRoot  bool
	rootDone  bool
	seenDecl  bool
	docStart  int64 // absolute offset where the document starts (after a BOM)
	junkNoted bool
	doctype   bool
	entities  map[string]bool // names declared in the DOCTYPE (never expanded)

	// high is set when a decoded text or attribute value holds a byte
	// from 0x80 (or may: it is never left unset when one does); the
	// engine clears it at each item's start, so that an item whose
	// texts and values are all ASCII is known as such (Node.ascii)
	high bool

	tb    []byte // scratch for decoded text
	attrs []rawAttr
	seen  map[[2]string]struct{} // attribute names, for tags with many
	chunk int                    // text goes to the sink in pieces of about this size (textChunk; tests make it small)
	tag   startTag
}

type openElem struct {
	qname string
	pos   Pos
}

// The scanner's bounds. Text, CDATA sections and comments stream through
// the window in pieces of textChunk bytes; any other single token (a tag
// with its attributes, a processing instruction, the DOCTYPE) must fit in
// maxWindow. Elements nest at most maxDepth deep (libxml2's default
// limit, which many podcast apps parse with) and carry at most maxAttrs
// attributes. Past a bound the scan stops with a finding that says so.
const (
	initialWindow = 64 << 10
	textChunk     = 32 << 10
	maxWindow     = 16 << 20
	maxDepth      = 256
	maxAttrs      = 10000
)

func newScanner(r io.Reader, sink tokenSink) *scanner {
	return &scanner{
		r:      r,
		buf:    make([]byte, initialWindow),
		line:   1,
		sink:   sink,
		names:  new([1024]string),
		qnames: new([512]qnameEntry),
		chunk:  textChunk,
	}
}

// more reads more input into the window. It keeps buf[tok:] and may move
// it to the front. It returns false at the end of the input.
func (s *scanner) more() bool {
	if s.eof {
		return false
	}
	if s.end == len(s.buf) {
		if s.tok > 0 {
			s.advance(s.tok) // the bytes before tok are about to go
			kept := s.nls[:0]
			for _, k := range s.nls[s.nlHead:] {
				kept = append(kept, k-s.tok)
			}
			s.nls, s.nlHead = kept, 0
			s.hiNext = max(0, s.hiNext-s.tok)
			n := copy(s.buf, s.buf[s.tok:s.end])
			s.base += int64(s.tok)
			s.i -= s.tok
			s.end = n
			s.tok = 0
		}
		if s.end == len(s.buf) {
			if 2*len(s.buf) > maxWindow {
				s.eof = true
				s.rerr = &syntaxError{Pos: s.posAt(s.tok), Msg: fmt.Sprintf("this tag or declaration runs on for more than %d MiB: podfeed stops reading here (a safety limit; no feed needs one so long)", maxWindow>>20)}
				return false
			}
			nb := make([]byte, 2*len(s.buf))
			copy(nb, s.buf[:s.end])
			s.buf = nb
		}
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		// note where the new lines are, for advance
		for k := s.end - n; ; {
			j := bytes.IndexByte(s.buf[k:s.end], '\n')
			if j < 0 {
				break
			}
			s.nls = append(s.nls, k+j)
			k += j + 1
		}
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// advance moves the counted mark to buffer index i: the line number, the
// line's start and the UTF-8 continuation bytes on it before the mark (a
// column counts code points: bytes less these). The newlines come from
// the list more keeps; the bytes are looked at only on the last line, for
// continuation bytes, eight at a time.
func (s *scanner) advance(i int) {
	abs := s.base + int64(i)
	if abs <= s.counted {
		return
	}
	from := int(s.counted - s.base)
	s.counted = abs
	last := -1
	for s.nlHead < len(s.nls) && s.nls[s.nlHead] < i {
		last = s.nls[s.nlHead]
		s.nlHead++
		s.line++
	}
	if last >= 0 {
		s.lineStart = s.base + int64(last+1)
		s.lineCont = 0
		from = last + 1
	}
	// Bytes before hiNext are known to be ASCII: most feeds are, and
	// then each byte is looked at once, 32 at a time.
	if i <= s.hiNext {
		return
	}
	s.lineCont += contBytes(s.buf[max(from, s.hiNext):i])
	s.hiNext = nextHigh(s.buf[:s.end], i)
}

// nextHigh returns an index at or after i before which buf[i:] holds no
// byte from 0x80: the start of the first word holding one, or len(buf).
func nextHigh(buf []byte, i int) int {
	// b shrinks from the front, so the loads need no bounds checks
	b := buf[i:]
	for len(b) >= 64 {
		w := binary.LittleEndian.Uint64(b) | binary.LittleEndian.Uint64(b[8:]) |
			binary.LittleEndian.Uint64(b[16:]) | binary.LittleEndian.Uint64(b[24:]) |
			binary.LittleEndian.Uint64(b[32:]) | binary.LittleEndian.Uint64(b[40:]) |
			binary.LittleEndian.Uint64(b[48:]) | binary.LittleEndian.Uint64(b[56:])
		if w&hi8 != 0 {
			break
		}
		b = b[64:]
	}
	for len(b) >= 8 && binary.LittleEndian.Uint64(b)&hi8 == 0 {
		b = b[8:]
	}
	for len(b) > 0 && b[0] < 0x80 {
		b = b[1:]
	}
	return len(buf) - len(b)
}

var nl = []byte{'\n'}

// contBytes counts the bytes of b that continue a UTF-8 sequence
// (10xxxxxx): a line's code points are its bytes less these.
func contBytes(b []byte) int {
	n := 0
	for len(b) >= 32 {
		w := binary.LittleEndian.Uint64(b) | binary.LittleEndian.Uint64(b[8:]) |
			binary.LittleEndian.Uint64(b[16:]) | binary.LittleEndian.Uint64(b[24:])
		if w&hi8 != 0 {
			for _, c := range b[:32] {
				if c&0xC0 == 0x80 {
					n++
				}
			}
		}
		b = b[32:]
	}
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&hi8 != 0 {
			for _, c := range b[:8] {
				if c&0xC0 == 0x80 {
					n++
				}
			}
		}
		b = b[8:]
	}
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n++
		}
	}
	return n
}

// posBack places an index before the counted mark (rare: a caller asked
// out of order).
func (s *scanner) posBack(i int) Pos {
	abs := s.base + int64(i)
	if abs >= s.lineStart {
		cont := s.lineCont - contBytes(s.buf[i:s.counted-s.base])
		return Pos{Line: s.line, Col: int(abs-s.lineStart+1) - cont}
	}
	n := bytes.Count(s.buf[i:s.counted-s.base], nl)
	start := 0
	if k := bytes.LastIndexByte(s.buf[:i], '\n'); k >= 0 {
		start = k + 1
	}
	return Pos{Line: s.line - n, Col: i - start + 1 - contBytes(s.buf[start:i])}
}

// posAt returns the position of buffer index i. Calls must come in
// non-decreasing order of i.
func (s *scanner) posAt(i int) Pos {
	abs := s.base + int64(i)
	if abs < s.counted {
		return s.posBack(i)
	}
	s.advance(i)
	return Pos{Line: s.line, Col: int(abs-s.lineStart+1) - s.lineCont}
}

func (s *scanner) errAt(i int, format string, args ...any) error {
	return &syntaxError{Pos: s.posAt(i), Msg: fmt.Sprintf(format, args...)}
}

// noteAt reports a non-fatal finding. Every one is counted; the engine
// keeps the first of each kind with their messages and only positions and
// a count after that (Config.MaxDetails), so memory stays bounded.
func (s *scanner) noteAt(code string, pos Pos, sev Severity, format string, args ...any) {
	s.sink.note(code, pos, sev, format, args...)
}

// eofErr is the error for input that ends inside a construct.
func (s *scanner) eofErr(what string) error {
	if s.rerr != nil {
		return s.rerr
	}
	return s.errAt(s.end, "unexpected end of file inside %s", what)
}

// hasPrefix reports whether the input at the cursor starts with p,
// reading more if needed.
func (s *scanner) hasPrefix(p string) bool {
	for s.end-s.i < len(p) {
		if !s.more() {
			break
		}
	}
	if s.end-s.i < len(p) {
		return false
	}
	return string(s.buf[s.i:s.i+len(p)]) == p
}

// scan runs the whole document.
func (s *scanner) scan() error {
	s.docStart = s.base
	for {
		s.tok = s.i
		if s.i >= s.end && !s.more() {
			break
		}
		if s.buf[s.i] == '<' {
			if err := s.markup(); err != nil {
				return err
			}
			continue
		}
		if err := s.charData(); err != nil {
			return err
		}
	}
	if s.rerr != nil {
		return s.rerr
	}
	if len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		return s.errAt(s.end, "unexpected end of file: <%s> opened at %d:%d is not closed", top.qname, top.pos.Line, top.pos.Col)
	}
	if !s.seenRoot {
		return s.errAt(s.end, "no root element")
	}
	return nil
}

// charData handles character data up to the next '<' (or the end). Long
// text goes to the sink in pieces of about textChunk bytes, so the window
// never holds more of it: an unending text node costs time, not memory.
func (s *scanner) charData() error {
	for {
		j := bytes.IndexByte(s.buf[s.i:s.end], '<')
		if j >= 0 {
			s.i += j
			break
		}
		s.i = s.end
		if s.i-s.tok >= s.chunk {
			if err := s.textPiece(textCut(s.buf, s.tok, s.i)); err != nil {
				return err
			}
		}
		if !s.more() {
			break
		}
	}
	return s.textPiece(s.i)
}

// textPiece hands buf[tok:cut] to the sink as character data and drops it
// from the window (tok moves to cut).
func (s *scanner) textPiece(cut int) error {
	start := s.tok
	seg := s.buf[start:cut]
	s.tok = cut
	if len(seg) == 0 {
		return nil
	}
	if s.depth == 0 {
		return s.outsideText(start, seg)
	}
	if isBlankBytes(seg) && !s.sink.keepsBlank() {
		return nil // the indentation between elements
	}
	if !s.sink.wantsText() {
		_, err := s.decodeText(start, seg) // checked, not kept
		return err
	}
	pos := s.posAt(start)
	txt, err := s.decodeText(start, seg)
	if err != nil {
		return err
	}
	s.sink.charData(txt, pos, false)
	return nil
}

// textCut returns where a piece of character data buf[from:to] may end:
// not inside an entity reference, a CR LF pair, a UTF-8 sequence or a
// "]]>" (those stay for the next piece).
func textCut(buf []byte, from, to int) int {
	c := to
	// an '&' in the last 64 bytes (entity references are read up to 64)
	// with no ';' after it starts the next piece
	if k := bytes.LastIndexByte(buf[max(from, c-64):c], '&'); k >= 0 {
		k += max(from, c-64)
		if bytes.IndexByte(buf[k:c], ';') < 0 {
			c = k
		}
	}
	for n := 0; n < 2 && c > from && buf[c-1] == ']'; n++ {
		c--
	}
	return runeCut(buf, from, c)
}

// runeCut moves c back so that buf[from:c] ends neither inside a UTF-8
// sequence nor after a CR that an LF may follow.
func runeCut(buf []byte, from, c int) int {
	if c > from && buf[c-1] == '\r' {
		c--
	}
	if c > from && buf[c-1] >= 0x80 {
		r := c - 1
		for r > from && r > c-4 && buf[r]&0xC0 == 0x80 {
			r--
		}
		c = r
	}
	return c
}

// isBlankBytes reports whether b is white space only.
func isBlankBytes(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// outsideText handles text before or after the root element.
func (s *scanner) outsideText(start int, seg []byte) error {
	k := 0
	for k < len(seg) && isSpace(seg[k]) {
		k++
	}
	if k == len(seg) {
		return nil // white space before a declaration is reported with it
	}
	if s.rootDone {
		return s.errAt(start+k, "text after the root element: %q", clip(string(bytes.TrimSpace(seg[:min(len(seg), k+64)])), 40))
	}
	if !s.seenRoot {
		if !s.junkNoted {
			s.noteJunk(s.posAt(start+k), "text before the root element: %q", clip(string(bytes.TrimSpace(seg[:min(len(seg), k+64)])), 40))
		}
		// the junk is still read as text: a bare "&" in it is fatal
		_, err := s.decodeText(start+k, seg[k:])
		return err
	}
	return nil
}

func (s *scanner) noteJunk(pos Pos, format string, args ...any) {
	if s.junkNoted {
		return
	}
	s.junkNoted = true
	s.noteAt("xml-leading-junk", pos, Error, format, args...)
}

// textSpecial marks the bytes the text loop must look at.
var textSpecial = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		if b != '\t' && b != '\n' {
			t[b] = true
		}
	}
	for b := 0x80; b < 0x100; b++ {
		t[b] = true
	}
	t['&'] = true
	t[']'] = true
	return
}()

// decodeText checks and decodes character data (entities, CR LF, bad
// bytes). start is the buffer index of seg[0]. The result is seg itself
// when it needs no rewriting, else the scanner's scratch buffer: either
// is valid until the scanner reads on.
func (s *scanner) decodeText(start int, seg []byte) ([]byte, error) {
	if plain, high := plainText(seg, true); plain {
		s.high = s.high || high
		return seg, nil
	}
	k := nextSpecial(seg, 0, true)
	out := append(s.tb[:0], seg[:k]...)
	for k < len(seg) {
		b := seg[k]
		switch {
		case !textSpecial[b]:
			j := nextSpecial(seg, k, true)
			out = append(out, seg[k:j]...)
			k = j
		case b == '&':
			if c, n := predefined(seg[k:]); n > 0 {
				out = append(out, c)
				k += n
				continue
			}
			var n int
			var err error
			out, n, err = s.entity(out, start+k, seg[k:], false)
			if err != nil {
				return nil, err
			}
			k += n
		case b == ']':
			if bytes.HasPrefix(seg[k:], []byte("]]>")) {
				return nil, s.errAt(start+k, "\"]]>\" is not allowed in text")
			}
			out = append(out, b)
			k++
		case b == '\r':
			out = append(out, '\n')
			k++
			if k < len(seg) && seg[k] == '\n' {
				k++
			}
		case b < 0x80:
			s.noteControl(start+k, b)
			k++
		default:
			r, n := utf8.DecodeRune(seg[k:])
			if badChar(r, n) {
				out = s.appendBadChar(out, seg[k:k+n], start+k, r, false)
			} else {
				out = append(out, seg[k:k+n]...)
			}
			k += n
		}
	}
	s.tb = out
	if !s.high && nextHigh(out, 0) < len(out) {
		s.high = true
	}
	return out, nil
}

// nextSpecial returns the index of the first byte at or after k that the
// text loops must look at (textSpecial; in CDATA, markup false, '&' and
// ']' are plain), eight bytes at a time over plain ASCII.
//
// Characters of two bytes and the usual ones of three (utf8Plain) are
// plain too: the loops would only copy them.
func nextSpecial(seg []byte, k int, markup bool) int {
	for k < len(seg) {
		// t shrinks from the front, so the loads need no bounds checks
		t := seg[k:]
		for len(t) >= 8 {
			w := binary.LittleEndian.Uint64(t)
			m := w & hi8
			if markup {
				m |= zeroBytes(w^ampWord) | zeroBytes(w^brkWord)
			}
			if m != 0 || lessBytes(w, 0x20) != 0 && hasControl(w) {
				break
			}
			t = t[8:]
		}
		for k = len(seg) - len(t); k < len(seg); k++ {
			c := seg[k]
			if !textSpecial[c] {
				continue
			}
			if c < 0x80 {
				if markup || c != '&' && c != ']' {
					return k
				}
				continue
			}
			n := utf8Plain(seg[k:])
			if n == 0 {
				return k
			}
			k += n
			break // back to eight at a time
		}
	}
	return k
}

// utf8Plain returns the length of the character b starts with when it
// is valid UTF-8 of two bytes, or of three from U+1000 to U+CFFF (no
// surrogate, no U+FFFE or U+FFFF among them): characters XML allows,
// found without decoding. Otherwise it returns 0.
func utf8Plain(b []byte) int {
	if len(b) >= 2 && b[0] >= 0xC2 && b[0] <= 0xDF && b[1]&0xC0 == 0x80 {
		return 2
	}
	if len(b) >= 3 && b[0] >= 0xE1 && b[0] <= 0xEC && b[1]&0xC0 == 0x80 && b[2]&0xC0 == 0x80 {
		return 3
	}
	return 0
}

// plainText reports whether seg is character data that needs no
// rewriting: valid UTF-8, only allowed characters, no CR, and (outside
// CDATA) no entity reference or "]]>"; and, when it is, whether it holds
// a byte from 0x80 (high; when plain is false, high says nothing).
func plainText(seg []byte, markup bool) (plain, high bool) {
	for k := 0; k < len(seg); {
		// Thirty-two bytes at a time while none of them needs a look:
		// no byte from 0x80, no control character but tab and newline,
		// and (outside CDATA) no '&' and no ']'. Show notes are long
		// runs of such bytes.
		// (t shrinks from the front, so the loads need no bounds checks)
		t := seg[k:]
		for len(t) >= 32 {
			w0 := binary.LittleEndian.Uint64(t)
			w1 := binary.LittleEndian.Uint64(t[8:])
			w2 := binary.LittleEndian.Uint64(t[16:])
			w3 := binary.LittleEndian.Uint64(t[24:])
			if (w0|w1|w2|w3)&hi8 != 0 {
				break
			}
			if markup && (zeroBytes(w0^ampWord)|zeroBytes(w1^ampWord)|zeroBytes(w2^ampWord)|zeroBytes(w3^ampWord)|
				zeroBytes(w0^brkWord)|zeroBytes(w1^brkWord)|zeroBytes(w2^brkWord)|zeroBytes(w3^brkWord)) != 0 {
				break
			}
			// a byte below 0x20 is usually a newline or a tab: look closer
			if lessBytes(w0, 0x20)|lessBytes(w1, 0x20)|lessBytes(w2, 0x20)|lessBytes(w3, 0x20) != 0 &&
				(hasControl(w0) || hasControl(w1) || hasControl(w2) || hasControl(w3)) {
				break
			}
			t = t[32:]
		}
		for len(t) >= 8 {
			w := binary.LittleEndian.Uint64(t)
			if w&hi8 != 0 || hasControl(w) || markup && (hasByte(w, '&') || hasByte(w, ']')) {
				break
			}
			t = t[8:]
		}
		k = len(seg) - len(t)
		if k >= len(seg) {
			break
		}
		c := seg[k]
		if !textSpecial[c] {
			k++
			continue
		}
		switch {
		case c == '&' || c == ']':
			if !markup {
				k++
				continue
			}
			if c == ']' && !bytes.HasPrefix(seg[k:], []byte("]]>")) {
				k++
				continue
			}
			return false, false
		case c < 0x80:
			return false, false
		}
		high = true
		if n := utf8Plain(seg[k:]); n > 0 {
			k += n
			continue
		}
		r, n := utf8.DecodeRune(seg[k:])
		if badChar(r, n) {
			return false, false
		}
		k += n
	}
	return true, high
}

const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// lessBytes is non-zero when a byte of w (all below 0x80) is below n: a
// mask, so that several words can be tested with one branch.
func lessBytes(w uint64, n byte) uint64 { return (w - lo8*uint64(n)) &^ w & hi8 }

// zeroBytes is non-zero when a byte of w is zero.
func zeroBytes(w uint64) uint64 { return (w - lo8) &^ w & hi8 }

// hasLess reports whether a byte of w (all below 0x80) is below n.
func hasLess(w uint64, n byte) bool { return lessBytes(w, n) != 0 }

// ampWord and brkWord repeat '&' and ']' in every byte, for zeroBytes.
const (
	ampWord = lo8 * '&'
	brkWord = lo8 * ']'
)

// hasControl reports whether a byte of w (all below 0x80) is a control
// character other than tab and newline: below 0x09, or 0x0B to 0x1F.
func hasControl(w uint64) bool {
	if !hasLess(w, 0x20) {
		return false
	}
	// bytes strictly between 0x0A and 0x20 (the "hasbetween" word trick)
	between := (lo8*(127+0x20) - w) &^ w & (w + lo8*(127-0x0A)) & hi8
	return hasLess(w, 0x09) || between != 0
}

// hasByte reports whether a byte of w equals c.
func hasByte(w uint64, c byte) bool { return zeroBytes(w^(lo8*uint64(c))) != 0 }

// text makes a string of b; short ones are interned. (An arena shared
// by many strings would save allocations, but cross-item rules keep
// GUIDs, URLs and titles, and each kept string would pin its whole
// arena: memory would grow with the feed.)
func (s *scanner) text(b []byte) string {
	if len(b) <= 24 {
		return s.str(b)
	}
	return string(b)
}

// str makes a string of b, interning short ones (names, common values).
func (s *scanner) str(b []byte) string {
	if len(b) > 24 || len(b) == 0 {
		return string(b)
	}
	slot := &s.names[shortHash(b)&uint32(len(s.names)-1)]
	if *slot == string(b) {
		return *slot
	}
	*slot = string(b)
	return *slot
}

// shortHash hashes b for the direct-mapped string caches. It reads at
// most three words of b, not every byte: a collision costs only a cache
// miss, since every hit is checked against the whole string.
func shortHash(b []byte) uint32 {
	n := len(b)
	var x uint64
	switch {
	case n >= 16:
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[n/2-4:]), 21) ^
			bits.RotateLeft64(binary.LittleEndian.Uint64(b[n-8:]), 43)
	case n >= 8:
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[n-8:]), 31)
	case n >= 4:
		x = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
	default:
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	x = (x ^ uint64(n)) * 0x9E3779B97F4A7C15
	return uint32(x >> 32)
}

// entity decodes the reference at seg[0] == '&', appending its
// replacement text to out. It returns out and the bytes consumed.
// Undefined named entities are a finding, decoded leniently as HTML would.
func (s *scanner) entity(out []byte, at int, seg []byte, inAttr bool) ([]byte, int, error) {
	semi := -1
	for k := 1; k < len(seg) && k < 64; k++ {
		if seg[k] == ';' {
			semi = k
			break
		}
		if !isNameByte(seg[k]) && seg[k] != '#' && seg[k] < 0x80 {
			break
		}
	}
	if semi < 0 {
		// The most common slip in real feeds ("AT&T", a URL's query):
		// reported at each place and read as the & a browser shows, so
		// that one run lists them all and checks the rest of the feed.
		s.noteAt("xml-not-well-formed", s.posAt(at), Error, "unescaped \"&\" (write &amp;, or end the entity reference with \";\")")
		return append(out, '&'), 1, nil
	}
	name := seg[1:semi]
	if len(name) > 0 && name[0] == '#' {
		r, ok := parseCharRef(name[1:])
		if !ok {
			return out, 0, s.errAt(at, "invalid character reference &%s;", name)
		}
		if !isXMLChar(r) {
			return out, 0, s.errAt(at, "character reference &%s; is U+%04X, which XML does not allow", name, r)
		}
		return utf8.AppendRune(out, r), semi + 1, nil
	}
	switch string(name) {
	case "lt":
		return append(out, '<'), semi + 1, nil
	case "gt":
		return append(out, '>'), semi + 1, nil
	case "amp":
		return append(out, '&'), semi + 1, nil
	case "apos":
		return append(out, '\''), semi + 1, nil
	case "quot":
		return append(out, '"'), semi + 1, nil
	}
	if !isName(name) {
		return out, 0, s.errAt(at, "invalid entity reference %q", seg[:semi+1])
	}
	if s.entities[string(name)] {
		s.noteAt("xml-undefined-entity", s.posAt(at), Error, "entity &%s; is declared in the DOCTYPE, which podfeed and most podcast apps do not expand", name)
		return append(out, seg[:semi+1]...), semi + 1, nil
	}
	rep, ok := htmlEntity(string(name))
	if ok {
		s.noteAt("xml-undefined-entity", s.posAt(at), Error, "&%s; is an HTML entity, undefined in XML: write %q or &#%d;", name, rep, []rune(rep)[0])
		return append(out, rep...), semi + 1, nil
	}
	s.noteAt("xml-undefined-entity", s.posAt(at), Error, "entity &%s; is not defined", name)
	return append(out, seg[:semi+1]...), semi + 1, nil
}

// predefined reads a reference to one of XML's five predefined
// entities at b[0] == '&' without the general path: it returns the
// character and the bytes consumed, or 0, 0 for any other reference.
func predefined(b []byte) (byte, int) {
	if len(b) >= 4 && b[3] == ';' && b[2] == 't' {
		switch b[1] {
		case 'l':
			return '<', 4
		case 'g':
			return '>', 4
		}
	}
	if len(b) >= 5 && b[4] == ';' && b[1] == 'a' && b[2] == 'm' && b[3] == 'p' {
		return '&', 5
	}
	if len(b) >= 6 && b[5] == ';' {
		switch string(b[1:5]) {
		case "quot":
			return '"', 6
		case "apos":
			return '\'', 6
		}
	}
	return 0, 0
}

func parseCharRef(b []byte) (rune, bool) {
	if len(b) == 0 {
		return 0, false
	}
	base := 10
	if b[0] == 'x' {
		base = 16
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	var n int64
	for _, c := range b {
		var d int64
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = int64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = int64(c-'A') + 10
		default:
			return 0, false
		}
		n = n*int64(base) + d
		if n > utf8.MaxRune {
			return 0, false
		}
	}
	return rune(n), true
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// isNameByte reports ASCII name characters (non-ASCII is checked by rune).
func isNameByte(b byte) bool { return nameByte[b] }

var nameByte = func() (t [256]bool) {
	for b := 0; b < 256; b++ {
		c := byte(b)
		t[b] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80
	}
	return
}()

func isNameStartRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':' ||
		r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
		r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
		r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
		r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD || r >= 0x10000 && r <= 0xEFFFF
}

func isNameRune(r rune) bool {
	return isNameStartRune(r) || r >= '0' && r <= '9' || r == '-' || r == '.' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// isName reports whether b is an XML Name.
func isName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	first := true
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if first && !isNameStartRune(r) || !first && !isNameRune(r) {
			return false
		}
		first = false
		b = b[n:]
	}
	return true
}

// name reads an XML name at the cursor. It returns the buffer range.
func (s *scanner) name() (int, int, error) {
	// Fast path: an ASCII name that ends, before the end of the window,
	// at an ASCII byte. Anything else (a non-ASCII byte, the window's
	// end, a bad first byte) goes the careful way from the same cursor.
	buf := s.buf[:s.end]
	if i := s.i; i < len(buf) && asciiNameStart[buf[i]] {
		j := i + 1
		for j < len(buf) && asciiName[buf[j]] {
			j++
		}
		if j < len(buf) && buf[j] < 0x80 {
			s.i = j
			return i, j, nil
		}
	}
	return s.nameSlow()
}

// asciiName and asciiNameStart mark the ASCII bytes a name may contain
// and start with.
var asciiName, asciiNameStart = func() (t, st [256]bool) {
	for b := 0; b < 0x80; b++ {
		c := byte(b)
		t[b] = nameByte[b]
		st[b] = nameByte[b] && !(c >= '0' && c <= '9' || c == '-' || c == '.')
	}
	return
}()

// nameSlow is name for names that reach the end of the window or hold
// non-ASCII characters, and for errors.
func (s *scanner) nameSlow() (int, int, error) {
	start := s.i
	for {
		if s.i >= s.end {
			// keep the name in the window: tok is at or before start
			off := s.i - start
			startRel := start - s.tok
			if !s.more() {
				break
			}
			start = s.tok + startRel
			s.i = start + off
			continue
		}
		b := s.buf[s.i]
		if b < 0x80 {
			if !isNameByte(b) {
				break
			}
			if s.i == start && (b >= '0' && b <= '9' || b == '-' || b == '.') {
				return 0, 0, s.errAt(s.i, "a name cannot start with %q", b)
			}
			s.i++
			continue
		}
		for s.end-s.i < utf8.UTFMax && !s.eof {
			off := s.i - start
			startRel := start - s.tok
			s.more()
			start = s.tok + startRel
			s.i = start + off
		}
		r, n := utf8.DecodeRune(s.buf[s.i:s.end])
		if r == utf8.RuneError && n == 1 {
			return 0, 0, s.errAt(s.i, "byte 0x%02X in a name is not valid UTF-8", s.buf[s.i])
		}
		if s.i == start && !isNameStartRune(r) || !isNameRune(r) {
			return 0, 0, s.errAt(s.i, "character %q is not allowed in a name", r)
		}
		s.i += n
	}
	if s.i == start {
		if s.i >= s.end {
			return 0, 0, s.eofErr("a tag")
		}
		return 0, 0, s.errAt(s.i, "expected a name, found %q", s.buf[s.i])
	}
	return start, s.i, nil
}

// splitName splits a qualified name at its first colon. It also returns
// the whole name as a string, from the same cache, so the open-element
// stack needs no concatenation.
func (s *scanner) splitName(a, b int) (qn, prefix, local string, err error) {
	n := s.buf[a:b]
	slot := &s.qnames[shortHash(n)&uint32(len(s.qnames)-1)]
	if slot.qname == string(n) {
		return slot.qname, slot.prefix, slot.local, nil
	}
	c := bytes.IndexByte(n, ':')
	if c >= 0 && (c == 0 || c == len(n)-1 || bytes.IndexByte(n[c+1:], ':') >= 0) {
		return "", "", "", s.errAt(a, "%q is not a valid qualified name", n)
	}
	// one allocation: prefix and local are parts of the whole name
	qn = string(n)
	local = qn
	if c >= 0 {
		prefix, local = qn[:c], qn[c+1:]
	}
	*slot = qnameEntry{qname: qn, prefix: prefix, local: local}
	return qn, prefix, local, nil
}

// qnameEntry caches the split of a qualified name.
type qnameEntry struct{ qname, prefix, local string }

// skipSpace skips white space; it reports whether there was any.
func (s *scanner) skipSpace() bool {
	sp := false
	for {
		if s.i >= s.end && !s.more() {
			return sp
		}
		if !isSpace(s.buf[s.i]) {
			return sp
		}
		sp = true
		s.i++
	}
}

// byteAt returns the byte at the cursor, reading more if needed.
func (s *scanner) byteAt() (byte, bool) {
	if s.i < s.end {
		return s.buf[s.i], true
	}
	if !s.more() {
		return 0, false
	}
	return s.buf[s.i], true
}

// markup handles everything that starts with '<' (at the cursor).
func (s *scanner) markup() error {
	s.i++
	b, ok := s.byteAt()
	if !ok {
		return s.eofErr("a tag")
	}
	switch b {
	case '/':
		return s.endTag()
	case '?':
		return s.procInst()
	case '!':
		s.i--
		switch {
		case s.hasPrefix("<!--"):
			return s.comment()
		case s.hasPrefix("<![CDATA["):
			return s.cdata()
		case s.hasPrefix("<!DOCTYPE"):
			return s.doctypeDecl()
		}
		return s.errAt(s.i, "unknown markup %q", clip(string(s.buf[s.i:min(s.end, s.i+12)]), 12))
	}
	return s.startTag()
}

func (s *scanner) startTag() error {
	lt := s.i - 1
	pos := s.posAt(lt)
	if s.rootDone {
		return &syntaxError{Pos: pos, Msg: "a second root element: only comments and processing instructions may follow the root element"}
	}
	a, b, err := s.name()
	if err != nil {
		return err
	}
	qn, prefix, local, err := s.splitName(a, b)
	if err != nil {
		return err
	}
	s.attrs = s.attrs[:0]
	empty := false
	for {
		// The usual cases first, without calls: no white space before
		// the next byte, or one space.
		var sp bool
		var c byte
		switch i := s.i; {
		case i+1 < s.end && !isSpace(s.buf[i]):
			c = s.buf[i]
		case i+1 < s.end && s.buf[i] == ' ' && !isSpace(s.buf[i+1]):
			s.i, sp, c = i+1, true, s.buf[i+1]
		default:
			sp = s.skipSpace()
			var ok bool
			if c, ok = s.byteAt(); !ok {
				return s.eofErr("a start tag")
			}
		}
		if c == '>' {
			s.i++
			break
		}
		if c == '/' {
			s.i++
			c, ok := s.byteAt()
			if !ok {
				return s.eofErr("a start tag")
			}
			if c != '>' {
				return s.errAt(s.i, "expected \">\" after \"/\" in a start tag, found %q", c)
			}
			s.i++
			empty = true
			break
		}
		if !sp {
			return s.errAt(s.i, "expected white space, \">\" or \"/>\" in a start tag, found %q", c)
		}
		if len(s.attrs) == maxAttrs {
			return s.errAt(s.i, "more than %d attributes on <%s>: podfeed stops reading here (a safety limit; no feed needs so many)", maxAttrs, qn)
		}
		at, err := s.attribute()
		if err != nil {
			return err
		}
		s.attrs = append(s.attrs, at)
	}
	if err := s.uniqueAttrs(); err != nil {
		return err
	}
	if s.depth == maxDepth {
		return &syntaxError{Pos: pos, Msg: fmt.Sprintf("<%s> would be the %d%s level of nested elements: podfeed stops reading here, as libxml2 (which many podcast apps parse with) does past %d levels", qn, maxDepth+1, ordinalSuffix(maxDepth+1), maxDepth)}
	}
	s.tag = startTag{Prefix: prefix, Local: local, Attrs: s.attrs, Pos: pos, Empty: empty}
	s.seenRoot = true
	if err := s.sink.startElement(&s.tag); err != nil {
		return err
	}
	if empty {
		if s.depth == 0 {
			s.rootDone = true
		}
		return s.sink.endElement()
	}
	s.depth++
	s.stack = append(s.stack, openElem{qname: qn, pos: pos})
	return nil
}

func ordinalSuffix(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// uniqueAttrs checks that no attribute of the tag just read appears
// twice: pairwise for a few (the usual case), through a set for many, so
// the cost stays linear in the number of attributes.
func (s *scanner) uniqueAttrs() error {
	as := s.attrs
	if len(as) <= 16 {
		for x := range as {
			for y := 0; y < x; y++ {
				if as[x].Local == as[y].Local && as[x].Prefix == as[y].Prefix {
					return s.dupAttr(x)
				}
			}
		}
		return nil
	}
	if s.seen == nil {
		s.seen = make(map[[2]string]struct{}, len(as))
	}
	defer clear(s.seen)
	for x := range as {
		k := [2]string{as[x].Prefix, as[x].Local}
		if _, dup := s.seen[k]; dup {
			return s.dupAttr(x)
		}
		s.seen[k] = struct{}{}
	}
	return nil
}

func (s *scanner) dupAttr(x int) error {
	a := s.attrs[x]
	return &syntaxError{Pos: a.Pos, Msg: fmt.Sprintf("attribute %q appears twice", qname(a.Prefix, a.Local))}
}

func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

var attrSpecial = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = true
	}
	for b := 0x80; b < 0x100; b++ {
		t[b] = true
	}
	t['&'] = true
	t['<'] = true
	return
}()

// attribute reads name="value" at the cursor.
func (s *scanner) attribute() (rawAttr, error) {
	a, b, err := s.name()
	if err != nil {
		return rawAttr{}, err
	}
	pos := s.posAt(a)
	_, prefix, local, err := s.splitName(a, b)
	if err != nil {
		return rawAttr{}, err
	}
	var q byte
	if i := s.i; i+1 < s.end && s.buf[i] == '=' && (s.buf[i+1] == '"' || s.buf[i+1] == '\'') {
		q = s.buf[i+1] // the usual name="value", without calls
		s.i = i + 2
	} else {
		s.skipSpace()
		c, ok := s.byteAt()
		if !ok {
			return rawAttr{}, s.eofErr("a start tag")
		}
		if c != '=' {
			return rawAttr{}, s.errAt(s.i, "attribute %q has no value (expected \"=\")", qname(prefix, local))
		}
		s.i++
		s.skipSpace()
		q, ok = s.byteAt()
		if !ok {
			return rawAttr{}, s.eofErr("a start tag")
		}
		if q != '"' && q != '\'' {
			return rawAttr{}, s.errAt(s.i, "the value of attribute %q must be quoted", qname(prefix, local))
		}
		s.i++
	}
	vs := s.i
	for {
		j := bytes.IndexByte(s.buf[s.i:s.end], q)
		if j >= 0 {
			s.i += j
			break
		}
		off := s.i - vs
		rel := vs - s.tok
		s.i = s.end
		if !s.more() {
			if k := bytes.IndexByte(s.buf[s.tok+rel:s.end], '<'); k >= 0 {
				if _, _, err := s.entityScan(s.tok+rel, s.buf[s.tok+rel:s.tok+rel+k]); err != nil {
					return rawAttr{}, err
				}
				return rawAttr{}, s.errAt(s.tok+rel+k, "unescaped \"<\" in the value of attribute %q", qname(prefix, local))
			}
			if _, _, err := s.entityScan(s.tok+rel, s.buf[s.tok+rel:s.end]); err != nil {
				return rawAttr{}, err
			}
			return rawAttr{}, s.eofErr("an attribute value")
		}
		vs = s.tok + rel
		_ = off
	}
	seg := s.buf[vs:s.i]
	s.i++
	k := 0
	// eight bytes at a time while none is below 0x20, from 0x80, '&' or '<'
	for k+8 <= len(seg) {
		w := binary.LittleEndian.Uint64(seg[k:])
		if w&hi8 != 0 || hasLess(w, 0x20) || hasByte(w, '&') || hasByte(w, '<') {
			break
		}
		k += 8
	}
	for k < len(seg) && !attrSpecial[seg[k]] {
		k++
	}
	if k == len(seg) {
		return rawAttr{Prefix: prefix, Local: local, Value: s.text(seg), Pos: pos}, nil
	}
	out := append(s.tb[:0], seg[:k]...)
	for k < len(seg) {
		c := seg[k]
		switch {
		case !attrSpecial[c]:
			out = append(out, c)
			k++
		case c == '<':
			return rawAttr{}, s.errAt(vs+k, "unescaped \"<\" in the value of attribute %q", qname(prefix, local))
		case c == '&':
			if r, n := predefined(seg[k:]); n > 0 {
				out = append(out, r)
				k += n
				continue
			}
			var n int
			var err error
			out, n, err = s.entity(out, vs+k, seg[k:], true)
			if err != nil {
				return rawAttr{}, err
			}
			k += n
		case c == '\r':
			out = append(out, ' ')
			k++
			if k < len(seg) && seg[k] == '\n' {
				k++
			}
		case c == '\t' || c == '\n':
			out = append(out, ' ')
			k++
		case c < 0x80:
			s.noteControl(vs+k, c)
			k++
		default:
			r, n := utf8.DecodeRune(seg[k:])
			if badChar(r, n) {
				out = s.appendBadChar(out, seg[k:k+n], vs+k, r, false)
			} else {
				out = append(out, seg[k:k+n]...)
			}
			k += n
		}
	}
	s.tb = out
	if !s.high && nextHigh(out, 0) < len(out) {
		s.high = true
	}
	return rawAttr{Prefix: prefix, Local: local, Value: s.text(out), Pos: pos}, nil
}

func (s *scanner) endTag() error {
	lt := s.i - 1
	s.i++ // '/'
	// Fast path: the name of the open element right away, then '>'. The
	// engine needs no position for an end tag, so none is computed.
	if n := len(s.stack); n > 0 {
		qn := s.stack[n-1].qname
		if e := s.i + len(qn); e < s.end && s.buf[e] == '>' && string(s.buf[s.i:e]) == qn {
			s.i = e + 1
			s.closeElement()
			return s.sink.endElement()
		}
	}
	pos := s.posAt(lt)
	a, b, err := s.name()
	if err != nil {
		return err
	}
	s.skipSpace()
	c, ok := s.byteAt()
	if !ok {
		return s.eofErr("an end tag")
	}
	if c != '>' {
		return s.errAt(s.i, "expected \">\" to end </%s>, found %q", s.buf[a:b], c)
	}
	name := s.buf[a:b]
	if len(s.stack) == 0 {
		return &syntaxError{Pos: pos, Msg: fmt.Sprintf("end tag </%s> without a start tag", name)}
	}
	top := s.stack[len(s.stack)-1]
	if string(name) != top.qname {
		return &syntaxError{Pos: pos, Msg: fmt.Sprintf("end tag </%s> does not match <%s> opened at %d:%d", name, top.qname, top.pos.Line, top.pos.Col)}
	}
	s.i++
	s.closeElement()
	return s.sink.endElement()
}

// closeElement pops the open element whose end tag was read.
func (s *scanner) closeElement() {
	s.stack = s.stack[:len(s.stack)-1]
	s.depth--
	if s.depth == 0 {
		s.rootDone = true
	}
}

// until advances the cursor past the first occurrence of delim, reading
// more as needed, and returns the buffer index where delim starts.
func (s *scanner) until(delim string, what string) (int, error) {
	from := s.i
	for {
		j := bytes.Index(s.buf[from:s.end], []byte(delim))
		if j >= 0 {
			s.i = from + j + len(delim)
			return from + j, nil
		}
		rel := from - s.tok
		back := len(delim) - 1
		if s.end-from < back {
			back = s.end - from
		}
		from = s.end - back - s.tok
		if !s.more() {
			return 0, s.eofErr(what)
		}
		from += s.tok
		_ = rel
	}
}

// entityScan checks the entity references in seg (an unterminated
// attribute value) so their errors come before the end-of-file one.
func (s *scanner) entityScan(start int, seg []byte) ([]byte, int, error) {
	for k := 0; k < len(seg); k++ {
		if seg[k] == '&' {
			var n int
			var err error
			s.tb, n, err = s.entity(s.tb[:0], start+k, seg[k:], true)
			if err != nil {
				return nil, 0, err
			}
			k += n - 1
		}
	}
	return nil, 0, nil
}

// badChar reports whether r, decoded from n bytes, may not stand in XML:
// a byte that is not valid UTF-8 (utf8.RuneError from one byte), U+FFFE
// or U+FFFF.
func badChar(r rune, n int) bool {
	return r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF
}

// appendBadChar reports c, a character badChar refused (at buffer index
// off; r is what it decoded to), and appends to out what stands for it: a
// byte that is not valid UTF-8 becomes U+FFFD; U+FFFE and U+FFFF are kept
// only when keep is set (CDATA keeps them, text and attribute values drop
// them).
func (s *scanner) appendBadChar(out, c []byte, off int, r rune, keep bool) []byte {
	s.noteBadChar(off, c[0], r)
	switch {
	case r == utf8.RuneError:
		out = append(out, "\uFFFD"...)
	case keep:
		out = append(out, c...)
	}
	return out
}

// noteBadChar reports what badChar refused at buffer index off: c is its
// first byte, r what it decoded to.
func (s *scanner) noteBadChar(off int, c byte, r rune) {
	if r == utf8.RuneError {
		s.noteAt("xml-encoding-invalid-bytes", s.posAt(off), Error, "byte 0x%02X is not valid UTF-8", c)
		return
	}
	s.noteAt("xml-invalid-char", s.posAt(off), Error, "character U+%04X is not allowed in XML", r)
}

// noteControl reports the control character c at buffer index off.
func (s *scanner) noteControl(off int, c byte) {
	s.noteAt("xml-invalid-char", s.posAt(off), Error, "control character U+%04X is not allowed in XML", c)
}

// checkChars reports forbidden characters and bad bytes in seg.
func (s *scanner) checkChars(start int, seg []byte) {
	for k := 0; k < len(seg); {
		if k = nextSpecial(seg, k, false); k >= len(seg) {
			break
		}
		c := seg[k]
		if c >= 0x20 && c < 0x80 || c == '\t' || c == '\n' || c == '\r' {
			k++
			continue
		}
		if c < 0x80 {
			s.noteControl(start+k, c)
			k++
			continue
		}
		r, n := utf8.DecodeRune(seg[k:])
		if badChar(r, n) {
			s.noteBadChar(start+k, c, r)
		}
		k += n
	}
}

func (s *scanner) comment() error {
	s.i += 4
	var ltPos Pos
	if s.rootDone {
		ltPos = s.posAt(s.tok)
	}
	// Long comments are checked in pieces, like text; body is relative
	// to tok, and head keeps the start of the comment for the message.
	body := s.i - s.tok
	var head []byte
	for {
		if j := bytes.Index(s.buf[s.i:s.end], dashes); j >= 0 {
			dd := s.i + j
			// the byte after "--" must be '>'
			ddRel, bodyRel := dd-s.tok, body
			s.i = dd + 2
			c, ok := s.byteAt()
			if !ok {
				return s.eofErr("a comment")
			}
			dd, b := s.tok+ddRel, s.tok+bodyRel
			if c != '>' {
				return s.errAt(dd, "\"--\" is not allowed inside a comment")
			}
			s.i++
			seg := s.buf[b:dd]
			if len(seg) > 0 && seg[len(seg)-1] == '-' {
				return s.errAt(dd-1, "a comment may not end with \"--->\"")
			}
			s.checkChars(b, seg)
			if s.rootDone {
				if head == nil {
					head = seg
				}
				s.noteAt("xml-trailing-junk", ltPos, Info, "comment after the root element: %q", clip(string(bytes.TrimSpace(head[:min(len(head), 64)])), 40))
			}
			return nil
		}
		s.i = max(s.tok+body, s.end-1) // a '-' may go on in the next read
		if s.i-(s.tok+body) >= s.chunk {
			// keep two bytes back: the one before a "--" is checked
			cut := runeCut(s.buf, s.tok+body, s.i-2)
			b := s.tok + body
			if head == nil {
				head = append([]byte(nil), s.buf[b:min(cut, b+64)]...)
			}
			s.checkChars(b, s.buf[b:cut])
			s.tok, body = cut, 0
		}
		if !s.more() {
			return s.eofErr("a comment")
		}
	}
}

var dashes = []byte("--")

func (s *scanner) cdata() error {
	s.i += 9
	if s.depth == 0 {
		return s.errAt(s.tok, "CDATA section outside the root element")
	}
	// The body goes to the sink in pieces of about textChunk bytes, like
	// text; body is kept relative to tok, since more may move the window.
	body := s.i - s.tok
	for {
		if j := bytes.Index(s.buf[s.i:s.end], cdataEnd); j >= 0 {
			end := s.i + j
			s.i = end + 3
			return s.cdataPiece(s.tok+body, end)
		}
		s.i = max(s.tok+body, s.end-2) // a "]]" may go on in the next read
		if s.i-(s.tok+body) >= s.chunk {
			cut := runeCut(s.buf, s.tok+body, s.i)
			if err := s.cdataPiece(s.tok+body, cut); err != nil {
				return err
			}
			s.tok, body = cut, 0
		}
		if !s.more() {
			return s.eofErr("a CDATA section")
		}
	}
}

var cdataEnd = []byte("]]>")

// cdataPiece checks buf[from:to], part of a CDATA section, and hands it
// to the sink: line ends normalised, bad bytes replaced (and reported).
func (s *scanner) cdataPiece(from, to int) error {
	seg := s.buf[from:to]
	if len(seg) == 0 {
		// an empty section still marks its element as CDATA
		if s.sink.wantsText() {
			s.sink.charData(nil, s.posAt(from), true)
		}
		return nil
	}
	wants := s.sink.wantsText()
	var pos Pos
	if wants {
		pos = s.posAt(from)
	}
	if plain, high := plainText(seg, false); plain {
		s.high = s.high || high
		if wants {
			s.sink.charData(seg, pos, true)
		}
		return nil
	}
	// one pass: copy runs of plain bytes, CR LF and CR become LF, each
	// bad byte becomes U+FFFD
	out := s.tb[:0]
	for k := 0; k < len(seg); {
		j := nextSpecial(seg, k, false)
		out = append(out, seg[k:j]...)
		k = j
		if k >= len(seg) {
			break
		}
		b := seg[k]
		switch {
		case b == '\r':
			out = append(out, '\n')
			k++
			if k < len(seg) && seg[k] == '\n' {
				k++
			}
		case b < 0x80:
			s.noteControl(from+k, b)
			out = append(out, b)
			k++
		default:
			r, n := utf8.DecodeRune(seg[k:])
			if badChar(r, n) {
				out = s.appendBadChar(out, seg[k:k+n], from+k, r, true)
			} else {
				out = append(out, seg[k:k+n]...)
			}
			k += n
		}
	}
	s.tb = out
	if !s.high && nextHigh(out, 0) < len(out) {
		s.high = true
	}
	if wants {
		s.sink.charData(out, pos, true)
	}
	return nil
}
func (s *scanner) procInst() error {
	s.i++ // '?'
	a, b, err := s.name()
	if err != nil {
		return err
	}
	target := string(s.buf[a:b])
	aRel := a - s.tok
	end, err := s.until("?>", "a processing instruction")
	if err != nil {
		return err
	}
	lt := s.tok // after until: the window may have moved
	b = s.tok + aRel + len(target)
	body := s.buf[b:end]
	if len(body) > 0 && !isSpace(body[0]) {
		return s.errAt(b, "expected white space after <?%s", target)
	}
	pos := s.posAt(lt)
	s.checkChars(b, body)
	if target == "xml" {
		if s.seenRoot || s.seenDecl {
			return &syntaxError{Pos: pos, Msg: "the XML declaration is only allowed at the very start of the document"}
		}
		s.seenDecl = true
		if s.base+int64(lt) != s.docStart {
			s.noteJunk(pos, "the XML declaration must be the first thing in the file; %d byte(s) of white space or other content come before it", s.base+int64(lt)-s.docStart)
		}
		version, encoding, err := parseDecl(body)
		if err != nil {
			return &syntaxError{Pos: pos, Msg: err.Error()}
		}
		s.sink.declaration(version, encoding, pos)
		return nil
	}
	if len(target) == 3 && (target[0]|0x20) == 'x' && (target[1]|0x20) == 'm' && (target[2]|0x20) == 'l' {
		return &syntaxError{Pos: pos, Msg: fmt.Sprintf("processing instruction target %q is reserved", target)}
	}
	if s.rootDone {
		s.noteAt("xml-trailing-junk", pos, Info, "processing instruction <?%s?> after the root element", target)
	}
	return nil
}

// parseDecl reads version and encoding from the body of <?xml …?>.
func parseDecl(body []byte) (version, encoding string, err error) {
	rest := string(body)
	seen := 0
	for {
		rest = trimLeftSpace(rest)
		if rest == "" {
			break
		}
		eq := indexByte(rest, '=')
		if eq < 0 {
			return "", "", fmt.Errorf("malformed XML declaration near %q", clip(rest, 20))
		}
		key := trimRightSpace(rest[:eq])
		rest = trimLeftSpace(rest[eq+1:])
		if rest == "" || rest[0] != '"' && rest[0] != '\'' {
			return "", "", fmt.Errorf("the %s in the XML declaration must be quoted", key)
		}
		q := rest[0]
		end := indexByte(rest[1:], q)
		if end < 0 {
			return "", "", fmt.Errorf("unterminated %s in the XML declaration", key)
		}
		val := rest[1 : 1+end]
		rest = rest[2+end:]
		switch {
		case key == "version" && seen == 0:
			version = val
		case key == "encoding" && seen <= 1 && version != "":
			encoding = val
		case key == "standalone" && version != "":
			if val != "yes" && val != "no" {
				return "", "", fmt.Errorf("standalone must be \"yes\" or \"no\", not %q", val)
			}
		default:
			return "", "", fmt.Errorf("unexpected %q in the XML declaration (expected version, then encoding, then standalone)", key)
		}
		seen++
	}
	if version == "" {
		return "", "", errors.New("the XML declaration has no version")
	}
	return version, encoding, nil
}

func trimLeftSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func trimRightSpace(s string) string {
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// doctypeDecl reads <!DOCTYPE …> with its internal subset, recording
// declared entity names; nothing is ever expanded or fetched.
func (s *scanner) doctypeDecl() error {
	pos := s.posAt(s.i)
	if s.seenRoot {
		return &syntaxError{Pos: pos, Msg: "DOCTYPE after the root element started"}
	}
	if s.doctype {
		return &syntaxError{Pos: pos, Msg: "a second DOCTYPE"}
	}
	s.doctype = true
	s.i += len("<!DOCTYPE")
	depth := 0
	var quote byte
	for {
		c, ok := s.byteAt()
		if !ok {
			return s.eofErr("the DOCTYPE")
		}
		s.i++
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<' && depth <= 0:
			return s.errAt(s.i-1, "unexpected \"<\" in the DOCTYPE")
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			body := s.buf[s.tok:s.i]
			s.checkChars(s.tok, body)
			var names []string
			for _, m := range bytes.Split(body, []byte("<!ENTITY"))[1:] {
				f := bytes.Fields(m)
				if len(f) > 0 && string(f[0]) == "%" && len(f) > 1 {
					f = f[1:]
				}
				if len(f) > 0 {
					if s.entities == nil {
						s.entities = make(map[string]bool)
					}
					s.entities[string(f[0])] = true
					names = append(names, string(f[0]))
				}
			}
			switch {
			case len(names) > 0:
				s.noteAt("xml-doctype-entities", pos, Warning, "DOCTYPE declares entities %q; podfeed never expands them, and feed readers may refuse or misread the feed", names)
			case bytes.IndexByte(body, '[') >= 0:
				s.noteAt("xml-doctype-entities", pos, Warning, "DOCTYPE with an internal subset; feeds should have no DOCTYPE")
			default:
				s.noteAt("xml-doctype-entities", pos, Warning, "DOCTYPE declaration; RSS feeds need none, and some parsers refuse DOCTYPEs for safety")
			}
			return nil
		}
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// cut on a rune boundary
	k := n
	for k > 0 && !utf8.RuneStart(s[k]) {
		k--
	}
	return s[:k] + "…"
}
