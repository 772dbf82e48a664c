package show

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Definition files (podcast.yaml, episode front matter and the notes
// below it) must be UTF-8; a UTF-8 byte-order mark is allowed. Anything
// else would reach the feed as U+FFFD replacement characters ("caf�"),
// so it is an error at the first byte that is not UTF-8, naming the
// encoding the bytes look like and how to convert them.

// encodingProblem is a file that is not UTF-8.
type encodingProblem struct {
	line, col int // of the first byte that is not UTF-8
	msg       string
}

// checkEncoding returns the problem with text's encoding, if any. A
// leading UTF-8 byte-order mark is fine.
func checkEncoding(text string) (encodingProblem, bool) {
	switch {
	case strings.HasPrefix(text, "\xFF\xFE\x00\x00"), strings.HasPrefix(text, "\x00\x00\xFE\xFF"):
		return encodingProblem{1, 1, "the file is UTF-32, and podfeed reads UTF-8 only; save it as UTF-8 (iconv -f UTF-32 -t UTF-8)"}, true
	case strings.HasPrefix(text, "\xFF\xFE"):
		return utf16Problem("UTF-16LE, with a byte-order mark"), true
	case strings.HasPrefix(text, "\xFE\xFF"):
		return utf16Problem("UTF-16BE, with a byte-order mark"), true
	}
	if enc := utf16WithoutBOM(text); enc != "" {
		return utf16Problem(enc), true
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	if utf8.ValidString(text) {
		return encodingProblem{}, false
	}
	off := firstInvalid(text)
	// Lines and columns count from the start of the file, BOM excluded.
	line := 1 + strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	col := utf8.RuneCountInString(text[start:off]) + 1
	b := text[off]
	enc, as := guessLegacy(text)
	msg := fmt.Sprintf("the file is not UTF-8: byte 0x%02X here", b)
	if as != "" {
		msg += fmt.Sprintf(" would be %q in %s", decode1252(b), as)
	}
	msg += fmt.Sprintf("; the file looks like %s: save it as UTF-8 (iconv -f %s -t UTF-8)", enc, iconvName(enc))
	return encodingProblem{line, col, msg}, true
}

func utf16Problem(what string) encodingProblem {
	return encodingProblem{1, 1, fmt.Sprintf("the file is %s, and podfeed reads UTF-8 only; save it as UTF-8 (iconv -f UTF-16 -t UTF-8)", what)}
}

// utf16WithoutBOM recognises UTF-16 text without a byte-order mark by
// its zero bytes: ASCII characters in UTF-16 have one beside them.
func utf16WithoutBOM(text string) string {
	n := min(len(text), 512)
	if n < 4 || strings.IndexByte(text[:n], 0) < 0 {
		return "" // no zero byte: no ASCII in UTF-16
	}
	var even, odd int
	for i := 0; i+1 < n; i += 2 {
		if text[i] == 0 {
			even++
		}
		if text[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd > pairs/2 && even == 0:
		return "UTF-16LE"
	case even > pairs/2 && odd == 0:
		return "UTF-16BE"
	}
	return ""
}

// firstInvalid returns the offset of the first byte of s that is not
// part of a valid UTF-8 sequence.
func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(s)
}

// guessLegacy names the legacy encoding text most likely uses, and the
// one its first bad byte is shown in ("" when that would mislead).
// A text that decodes without a fault as one of the common CJK
// encodings, with at least two of their characters, is taken for it;
// otherwise it is single-byte: Latin-1 and Windows-1252 agree on
// 0xA0–0xFF, and bytes 0x80–0x9F are printable only in Windows-1252
// (curly quotes, dashes, €), so their presence decides.
func guessLegacy(text string) (enc, shownIn string) {
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{
		{"Shift_JIS", japanese.ShiftJIS},
		{"GBK", simplifiedchinese.GBK},
		{"EUC-KR", korean.EUCKR},
		{"Big5", traditionalchinese.Big5},
	} {
		out, err := c.enc.NewDecoder().String(text)
		if err != nil || strings.ContainsRune(out, utf8.RuneError) {
			continue
		}
		if n := wideRunes(out); n >= 2 {
			return c.name + " (or another CJK encoding)", ""
		}
	}
	for i := 0; i < len(text); i++ {
		if b := text[i]; b >= 0x80 && b < 0xA0 {
			return "Windows-1252", "Windows-1252"
		}
	}
	return "Latin-1 (ISO-8859-1) or Windows-1252", "Latin-1"
}

// wideRunes counts the characters of CJK scripts in s.
func wideRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			n++
		}
	}
	return n
}

func decode1252(b byte) string {
	r := charmap.Windows1252.DecodeByte(b)
	return string(r)
}

func iconvName(enc string) string {
	switch {
	case strings.HasPrefix(enc, "Windows-1252"):
		return "WINDOWS-1252"
	case strings.HasPrefix(enc, "Latin-1"):
		return "WINDOWS-1252"
	}
	name, _, _ := strings.Cut(enc, " ")
	return strings.ToUpper(name)
}
