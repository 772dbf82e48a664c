package chapters

import (
	"fmt"
	"html"
	"strings"
	"unicode"
)

// Problem codes of the description rules, beside those of Check.
const (
	CodeTooClose      = "chapters-too-close"
	CodeTitleNotLatin = "chapter-title-not-latin"
	CodeTitleEmptied  = "chapter-title-emptied"
)

// MinDescriptionGapMS is the least time between two chapters of a
// description list: YouTube's minimum (Spotify advises 30 s).
const MinDescriptionGapMS = 10000

// DescriptionLine is one line of a chapter list written for an episode
// description: "00:12:34 Title".
type DescriptionLine struct {
	Index int    // the chapter's index in the list given
	Time  string // HH:MM:SS
	Title string // plain text: no HTML, no emoji
}

// String returns the line as "Time Title".
func (l DescriptionLine) String() string { return l.Time + " " + l.Title }

// ForDescription writes chs as the timestamp list Spotify, Apple Podcasts
// (iOS 26.2 and later) and YouTube read from an episode's description:
// one chapter per line, each a timestamp then its title, in order. Silent
// chapters (toc: false) are left out. Times are HH:MM:SS, which all three
// read (Apple asks for the first to be 00:00:00). Titles lose HTML and
// emoji (a title left empty becomes "Chapter N"). The warnings say which
// of the platforms' rules the list does not meet: the first chapter at
// 00:00:00, at least three chapters, ten seconds or more between
// chapters, Latin-script titles (Spotify).
func ForDescription(chs []Chapter) ([]DescriptionLine, []Problem) {
	var ps []Problem
	add := func(i int, code, format string, args ...any) {
		ps = append(ps, Problem{Index: i, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	var listed []int
	for i, c := range chs {
		if c.Listed() {
			listed = append(listed, i)
		}
	}
	var out []DescriptionLine
	for k, i := range listed {
		c := chs[i]
		title := DescriptionTitle(c.Title)
		if title == "" {
			title = fmt.Sprintf("Chapter %d", k+1)
			if strings.TrimSpace(c.Title) != "" {
				add(i, CodeTitleEmptied, "chapter %d's title %q is only emoji or markup: the description says %q", i+1, c.Title, title)
			}
		}
		if !latinTitle(title) {
			add(i, CodeTitleNotLatin, "chapter %d %q: Spotify shows chapters only when every title is in Latin script", i+1, title)
		}
		if k > 0 {
			prev := chs[listed[k-1]]
			if gap := c.Start - prev.Start; gap < MinDescriptionGapMS {
				add(i, CodeTooClose, "chapter %d %q starts %s after chapter %d: YouTube needs 10 s between chapters and Spotify advises 30 s", i+1, title, gapString(gap), listed[k-1]+1)
			}
		}
		out = append(out, DescriptionLine{Index: i, Time: descriptionTime(c.Start), Title: title})
	}
	if len(out) > 0 && chs[listed[0]].Start != 0 {
		add(listed[0], CodeFirstNotZero, "the first chapter starts at %s, not 00:00:00: Spotify and Apple ignore a description list that does not start at 0 (add an Intro, e.g. chapters_intro: true)", FormatNPT(chs[listed[0]].Start))
	}
	if len(out) > 0 && len(out) < MinDescriptionChapters {
		add(-1, CodeTooFew, "%s: Spotify and Apple read a description list of at least %d", countChapters(len(out)), MinDescriptionChapters)
	}
	return out, ps
}

// descriptionTime writes ms as HH:MM:SS, whole seconds.
func descriptionTime(ms int64) string {
	s := ms / 1000
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

func gapString(ms int64) string {
	return fmt.Sprintf("%g s", float64(ms)/1000)
}

// DescriptionTitle cleans a title for a description list: HTML tags and
// emoji go, entities are decoded, white space is collapsed.
func DescriptionTitle(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				b.WriteByte(' ')
				i += j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	t := html.UnescapeString(b.String())
	t = strings.Map(func(r rune) rune {
		if isEmoji(r) {
			return -1
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, t)
	t = strings.Join(strings.Fields(t), " ")
	// Separators an emoji leaves at either end ("🎉 - Party").
	return strings.Trim(t, " -–—|:·•")
}

// isEmoji reports the pictographs, emoji modifiers and joiners that
// platforms ask to keep out of chapter titles. Letters, digits,
// punctuation and the Latin-1 symbols (©, °) stay.
func isEmoji(r rune) bool {
	switch {
	case r == 0x200D, r == 0x20E3, r == 0xFE0E, r == 0xFE0F: // joiner, keycap, variation selectors
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		return true
	case r >= 0xE0020 && r <= 0xE007F: // tag characters (flags)
		return true
	case r >= 0x2190 && unicode.Is(unicode.So, r): // arrows, dingbats, pictographs
		return true
	}
	return false
}

// latinTitle reports whether every letter of s is in Latin script.
func latinTitle(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
