package chapters

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// PSCNamespace is the XML namespace of Podlove Simple Chapters.
const PSCNamespace = "http://podlove.org/simple-chapters"

func isPSC(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == PSCNamespace || n.Space == "psc")
}

// decodePSC reads the first <psc:chapters> element of an XML document: a
// bare PSC document or a whole feed with the element inside an item.
func decodePSC(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = charsetReader
	var chs []Chapter
	depth := -1 // depth inside <psc:chapters>; -1 before it
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			e.atPos(Position{line, col}, "XML: %s", msg)
			return chs, e.err()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth < 0 {
				if isPSC(t.Name, "chapters") {
					depth = 0
					chs = []Chapter{}
				}
				continue
			}
			depth++
			if depth != 1 || !isPSC(t.Name, "chapter") {
				continue
			}
			if len(chs) >= MaxChapters {
				e.at(off, "more than %d chapters", MaxChapters)
				return chs, e.err()
			}
			c, start := Chapter{}, ""
			hasStart := false
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "start":
					start, hasStart = a.Value, true
				case "title":
					c.Title = a.Value
				case "href":
					c.URL = a.Value
				case "image":
					c.Image = a.Value
				}
			}
			if !hasStart {
				e.at(off, `<psc:chapter> %d has no "start" attribute: want a time like "00:12:34.000"`, len(chs)+1)
			} else if ms, err := parseNPT(start); err != nil {
				e.at(off, "<psc:chapter> %d: %v", len(chs)+1, err)
			} else {
				c.Start = ms
			}
			chs = append(chs, c)
		case xml.EndElement:
			if depth < 0 {
				continue
			}
			if depth == 0 {
				return chs, e.err() // the first element wins; ignore the rest
			}
			depth--
		}
	}
	if chs == nil {
		e.at(0, "no <psc:chapters> element (namespace %s)", PSCNamespace)
	}
	return chs, e.err()
}

// charsetReader decodes the 8-bit charsets feeds declare (ISO-8859-1 and
// Windows-1252, as Latin-1 plus the 0x80-0x9F punctuation) and passes
// anything else through as UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii":
	default:
		return r, nil
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxInput))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		if c >= 0x80 && c < 0xA0 {
			b.WriteRune(cp1252[c-0x80])
			continue
		}
		b.WriteRune(rune(c))
	}
	return strings.NewReader(b.String()), nil
}

// cp1252 maps Windows-1252 bytes 0x80-0x9F to runes.
var cp1252 = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

// escapeAttr escapes s for a double-quoted XML attribute and drops
// characters XML cannot hold.
func escapeAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\n':
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\t':
			b.WriteString("&#x9;")
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r < 0xE000:
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writePSC writes a <psc:chapters version="1.2"> element for chs, each
// line prefixed with indent; with declareNS the element declares the psc
// namespace itself.
func writePSC(b *bytes.Buffer, chs []Chapter, indent string, declareNS bool) {
	b.WriteString(indent)
	b.WriteString(`<psc:chapters version="1.2"`)
	if declareNS {
		b.WriteString(` xmlns:psc="` + PSCNamespace + `"`)
	}
	b.WriteString(">\n")
	for _, c := range chs {
		b.WriteString(indent)
		b.WriteString(`  <psc:chapter start="`)
		b.WriteString(FormatNPT(c.Start))
		b.WriteString(`" title="`)
		b.WriteString(escapeAttr(c.Title))
		b.WriteByte('"')
		if c.URL != "" {
			b.WriteString(` href="` + escapeAttr(c.URL) + `"`)
		}
		if c.Image != "" {
			b.WriteString(` image="` + escapeAttr(c.Image) + `"`)
		}
		b.WriteString("/>\n")
	}
	b.WriteString(indent)
	b.WriteString("</psc:chapters>\n")
}

func encodePSC(b *bytes.Buffer, chs []Chapter) {
	b.WriteString(xml.Header)
	writePSC(b, chs, "", true)
}
