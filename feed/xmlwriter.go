package feed

import (
	"bufio"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// xw is a small indenting XML writer over a bufio.Writer. Write errors are
// sticky in the bufio.Writer and reported by Flush, so the methods return
// nothing.
type xw struct {
	b     *bufio.Writer
	depth int
	num   []byte // scratch for strconv and time formatting
}

// needsLo is the set of ASCII bytes the text and attribute writer must look
// at: the C0 controls and the XML markup characters (all below 64).
const needsLo uint64 = 1<<32 - 1 | 1<<'"' | 1<<'&' | 1<<'<' | 1<<'>'

// needs reports whether the ASCII byte c needs a closer look.
func needs(c byte) bool {
	return c < 64 && needsLo>>c&1 != 0
}

func (w *xw) indent() {
	for i := 0; i < w.depth; i++ {
		w.b.WriteString("  ")
	}
}

// open writes "<name>" on its own line and indents what follows.
func (w *xw) open(name string) {
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteString(">\n")
	w.depth++
}

// close writes "</name>" on its own line.
func (w *xw) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// start writes "<name" so attributes can follow; end with endEmpty,
// endOpen or endText.
func (w *xw) start(name string) {
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
}

// endEmpty closes a started tag as "/>".
func (w *xw) endEmpty() { w.b.WriteString("/>\n") }

// endOpen closes a started tag as ">" with children to follow.
func (w *xw) endOpen() {
	w.b.WriteString(">\n")
	w.depth++
}

// endText closes a started tag, writes text and the end tag; an empty text
// gives "/>".
func (w *xw) endText(name, text string) {
	if text == "" {
		w.endEmpty()
		return
	}
	w.b.WriteByte('>')
	w.escape(text, false)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// attr writes ` key="value"`, even when value is empty.
func (w *xw) attr(key, value string) {
	w.b.WriteByte(' ')
	w.b.WriteString(key)
	w.b.WriteString(`="`)
	w.escape(value, true)
	w.b.WriteByte('"')
}

// attrOpt writes the attribute only when value is not empty.
func (w *xw) attrOpt(key, value string) {
	if value != "" {
		w.attr(key, value)
	}
}

// attrInt writes the attribute only when n is not zero.
func (w *xw) attrInt(key string, n int64) {
	if n == 0 {
		return
	}
	w.num = strconv.AppendInt(w.num[:0], n, 10)
	w.rawAttr(key, w.num)
}

// attrFloat writes the attribute only when f is not zero, in the shortest
// decimal form.
func (w *xw) attrFloat(key string, f float64) {
	if f == 0 {
		return
	}
	w.num = strconv.AppendFloat(w.num[:0], f, 'f', -1, 64)
	w.rawAttr(key, w.num)
}

// rawAttr writes an attribute whose value needs no escaping.
func (w *xw) rawAttr(key string, v []byte) {
	w.b.WriteByte(' ')
	w.b.WriteString(key)
	w.b.WriteString(`="`)
	w.b.Write(v)
	w.b.WriteByte('"')
}

// elem writes <name>text</name> when text is not empty.
func (w *xw) elem(name, text string) {
	if text == "" {
		return
	}
	w.start(name)
	w.endText(name, text)
}

// elemRaw writes <name>v</name> for a value that needs no escaping.
func (w *xw) elemRaw(name string, v []byte) {
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
	w.b.Write(v)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// elemInt writes <name>n</name> when n is not zero.
func (w *xw) elemInt(name string, n int64) {
	if n == 0 {
		return
	}
	w.num = strconv.AppendInt(w.num[:0], n, 10)
	w.elemRaw(name, w.num)
}

// elemDate writes <name>date</name> in RFC 1123 form with a numeric zone,
// in UTC, when t is not zero.
func (w *xw) elemDate(name string, t time.Time) {
	if t.IsZero() {
		return
	}
	w.num = appendDate(w.num[:0], t)
	w.elemRaw(name, w.num)
}

// attrDate writes a date attribute like elemDate.
func (w *xw) attrDate(key string, t time.Time) {
	if t.IsZero() {
		return
	}
	w.num = appendDate(w.num[:0], t)
	w.rawAttr(key, w.num)
}

// DateLayout is the layout of every RSS date podfeed writes (RFC 1123 with a
// numeric zone, always "+0000" because dates are written in UTC).
const DateLayout = "Mon, 02 Jan 2006 15:04:05 -0700"

func appendDate(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(b, DateLayout)
}

// elemCDATA writes <name><![CDATA[text]]></name> when text is not empty.
func (w *xw) elemCDATA(name, text string) {
	if text == "" {
		return
	}
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteString("><![CDATA[")
	w.cdata(text)
	w.b.WriteString("]]></")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// escape writes s as XML character data (or, with attr, as an attribute
// value in double quotes). Characters XML 1.0 does not allow are dropped and
// invalid UTF-8 becomes U+FFFD.
func (w *xw) escape(s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !needs(c) {
				i++
				continue
			}
			var rep string
			switch c {
			case '&':
				rep = "&amp;"
			case '<':
				rep = "&lt;"
			case '>':
				rep = "&gt;"
			case '"':
				if !attr {
					i++
					continue
				}
				rep = "&quot;"
			case '\t', '\n':
				if !attr {
					i++
					continue
				}
				if c == '\t' {
					rep = "&#x9;"
				} else {
					rep = "&#xA;"
				}
			case '\r':
				rep = "&#xD;"
			default:
				rep = "" // a control character XML does not allow: dropped
			}
			w.b.WriteString(s[last:i])
			w.b.WriteString(rep)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if ok, rep := runeOK(r, size); !ok {
			w.b.WriteString(s[last:i])
			w.b.WriteString(rep)
			i += size
			last = i
			continue
		}
		i += size
	}
	w.b.WriteString(s[last:])
}

// runeOK reports whether a decoded non-ASCII rune may appear in XML, and if
// not, what to write instead.
func runeOK(r rune, size int) (bool, string) {
	switch {
	case r == utf8.RuneError && size == 1:
		return false, "\uFFFD"
	case r == 0xFFFE || r == 0xFFFF:
		return false, ""
	}
	return true, ""
}

// cdata writes the inside of a CDATA section: characters XML does not
// allow are dropped (tab, newline and carriage return are kept), invalid
// UTF-8 becomes U+FFFD, then "]]>" is split across two sections (after the
// cleaning, so that a dropped character cannot form a "]]>").
func (w *xw) cdata(s string) {
	s = cleanXML(s)
	for {
		i := strings.Index(s, "]]>")
		if i < 0 {
			w.b.WriteString(s)
			return
		}
		// "]]" ends this section, ">" starts the next one.
		w.b.WriteString(s[:i+2])
		w.b.WriteString("]]><![CDATA[")
		s = s[i+2:]
	}
}

// cleanXML returns s without the characters XML 1.0 does not allow and with
// each byte of invalid UTF-8 replaced by U+FFFD. It returns s itself, without
// allocating, when there is nothing to change.
func cleanXML(s string) string {
	// One pass finds the first character to change, if any: runs of 8
	// printable ASCII bytes at once, anything else one character at a
	// time (which also checks the UTF-8).
	i := 0
	for i < len(s) {
		for i+8 <= len(s) && printable8(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			return s
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if ok, _ := runeOK(r, size); !ok {
			break
		}
		i += size
	}
	if i >= len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if ok, rep := runeOK(r, size); !ok {
			b.WriteString(rep)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load64 reads 8 bytes of s from i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// printable8 reports whether all of the 8 bytes in v are ASCII and none is
// below 0x20 (a bit trick that tests all 8 at once: a byte below 0x20
// borrows into its top bit when 0x20 is taken from each, and a byte of
// 0x80 or more has it already).
func printable8(v uint64) bool {
	return (v|(v-ones*0x20))&highs == 0
}
