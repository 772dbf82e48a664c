package importer

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug is the longest title part of a file name, in bytes.
const maxSlug = 60

// latin spells letters that have no decomposition into ASCII.
var latin = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
}

// Slug turns a title into a lowercase ASCII slug: letters with accents lose
// them, every other run of characters becomes one hyphen, and the result is
// cut at a word boundary to at most 60 bytes. An empty slug becomes
// "episode".
func Slug(title string) string {
	if s := slug(title); s != "" {
		return s
	}
	return "episode"
}

// ShowSlug is Slug for the show's folder: a title with nothing to spell
// in ASCII (empty, "東京の夜") gives "show", not "episode".
func ShowSlug(title string) string {
	if s := slug(title); s != "" {
		return s
	}
	return "show"
}

func slug(title string) string {
	if len(title) > 16*maxSlug {
		// Enough for any slug; a feed may carry a title of any size.
		title = strings.ToValidUTF8(title[:16*maxSlug], "")
	}
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			hyphen = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
		case r == '\'' || r == '’':
			// "Don't" is "dont", not "don-t".
		case latin[r] != "":
			b.WriteString(latin[r])
			hyphen = false
		default:
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

// FileSlug is an episode's file name without extension: the publication
// date as written in the feed (its own offset) then the title's slug,
// "2024-05-01-title". An episode without a date gets the slug alone.
func FileSlug(date time.Time, title string) string {
	if date.IsZero() {
		return Slug(title)
	}
	return date.Format("2006-01-02") + "-" + Slug(title)
}
