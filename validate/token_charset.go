package validate

import (
	"bufio"
	"bytes"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffed is what the first bytes of the input said about its encoding.
type sniffed struct {
	bom       string // "", "UTF-8", "UTF-16BE", "UTF-16LE"
	declared  string // encoding label from the XML declaration
	decoding  string // the encoding the bytes are read as ("" = UTF-8)
	unknown   bool   // the declared label is not a known encoding
	utf16Sans bool   // UTF-16 without a BOM
}

var declEncoding = regexp.MustCompile(`^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']`)

// decodeInput sniffs the byte-order mark and the declared encoding and
// returns a reader of UTF-8 text (BOM removed). UTF-8 input is passed
// through untouched, so invalid bytes reach the scanner, which reports
// them; other encodings are decoded with golang.org/x/net/html/charset.
func decodeInput(r io.Reader) (io.Reader, sniffed) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(1024)
	var sn sniffed
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		sn.bom = "UTF-8"
		_, _ = br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		sn.bom, sn.decoding = "UTF-16BE", "UTF-16BE"
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), sn
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		sn.bom, sn.decoding = "UTF-16LE", "UTF-16LE"
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), sn
	case bytes.HasPrefix(head, []byte{0x3C, 0x00, 0x3F, 0x00}):
		sn.decoding, sn.utf16Sans = "UTF-16LE", true
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()), sn
	case bytes.HasPrefix(head, []byte{0x00, 0x3C, 0x00, 0x3F}):
		sn.decoding, sn.utf16Sans = "UTF-16BE", true
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()), sn
	}
	if m := declEncoding.FindSubmatch(head); m != nil {
		sn.declared = string(m[1])
	}
	if sn.declared == "" || sn.bom != "" {
		return br, sn
	}
	label := strings.ToLower(strings.TrimSpace(sn.declared))
	switch label {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return br, sn
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		sn.unknown = true
		return br, sn
	}
	if name == "utf-8" {
		return br, sn
	}
	if strings.HasPrefix(name, "utf-16") {
		// Declared UTF-16 but no BOM and ASCII-looking bytes: the
		// declaration is wrong; read the bytes as they are.
		return br, sn
	}
	sn.decoding = name
	return transform.NewReader(br, enc.NewDecoder()), sn
}

// htmlEntity returns the text of an HTML named entity, for the lenient
// decoding of entities XML does not define (&nbsp; and friends).
func htmlEntity(name string) (string, bool) {
	ref := "&" + name + ";"
	got := html.UnescapeString(ref)
	if got == ref || strings.ContainsRune(got, ';') || utf8.RuneCountInString(got) > 2 {
		return "", false
	}
	return got, true
}
