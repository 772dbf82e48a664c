package chapters

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// The two JSON chapter formats are written by hand, in exactly the bytes
// encoding/json's indented encoder (two spaces, no HTML escaping) gives for
// podloveOut and pciFile; TestJSONWritersMatchEncodingJSON holds them equal.
// Reflection made writing chapter files a tenth of a whole build's time.

func writePodloveJSON(b *bytes.Buffer, chs []Chapter) {
	if len(chs) == 0 {
		b.WriteString("[]\n")
		return
	}
	b.WriteString("[\n")
	for i, c := range chs {
		b.WriteString("  {\n    \"start\": ")
		writeJSONString(b, FormatNPT(c.Start))
		b.WriteString(",\n    \"title\": ")
		writeJSONString(b, c.Title)
		writeJSONField(b, "    ", "href", c.URL)
		writeJSONField(b, "    ", "image", c.Image)
		b.WriteString("\n  }")
		if i < len(chs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
}

func writePodcastJSON(b *bytes.Buffer, chs []Chapter) {
	b.WriteString("{\n  \"version\": ")
	writeJSONString(b, PodcastJSONVersion)
	if len(chs) == 0 {
		b.WriteString(",\n  \"chapters\": []\n}\n")
		return
	}
	b.WriteString(",\n  \"chapters\": [\n")
	for i, c := range chs {
		b.WriteString("    {\n      \"startTime\": ")
		b.WriteString(formatSeconds(c.Start))
		if c.Title != "" || c.Listed() {
			b.WriteString(",\n      \"title\": ")
			writeJSONString(b, c.Title)
		}
		writeJSONField(b, "      ", "img", c.Image)
		writeJSONField(b, "      ", "url", c.URL)
		if c.TOC != nil {
			b.WriteString(",\n      \"toc\": ")
			b.WriteString(strconv.FormatBool(*c.TOC))
		}
		if c.End != 0 {
			b.WriteString(",\n      \"endTime\": ")
			b.WriteString(formatSeconds(c.End))
		}
		if l := c.Location; l != nil {
			b.WriteString(",\n      \"location\": {\n        \"name\": ")
			writeJSONString(b, l.Name)
			b.WriteString(",\n        \"geo\": ")
			writeJSONString(b, l.Geo)
			writeJSONField(b, "        ", "osm", l.OSM)
			b.WriteString("\n      }")
		}
		b.WriteString("\n    }")
		if i < len(chs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ]\n}\n")
}

// writeJSONField writes `,\n<indent>"key": "v"` when v is not empty
// (omitempty).
func writeJSONField(b *bytes.Buffer, indent, key, v string) {
	if v == "" {
		return
	}
	b.WriteString(",\n")
	b.WriteString(indent)
	b.WriteByte('"')
	b.WriteString(key)
	b.WriteString("\": ")
	writeJSONString(b, v)
}

// writeJSONString quotes s as encoding/json does without HTML escaping:
// control characters escaped, invalid UTF-8 as U+FFFD, and U+2028 and
// U+2029 escaped for JavaScript.
func writeJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
