package chapters

import (
	"html"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Found is a chapter found in show notes, with where its timestamp was.
type Found struct {
	Chapter
	// Line and Col locate the timestamp in the notes (1-based; Col counts
	// bytes).
	Line, Col int
	// Raw is the timestamp as written.
	Raw string
	// Note explains a guess the extractor made (an hour rollover), or is empty.
	Note string
}

// Chapters returns the chapters of fs.
func Chapters(fs []Found) []Chapter {
	out := make([]Chapter, len(fs))
	for i, f := range fs {
		out[i] = f.Chapter
	}
	return out
}

// maxLineLen is the longest line (in characters, after markup is removed)
// that can hold a chapter: longer lines are prose.
const maxLineLen = 150

// maxExtract caps the input Extract reads; the rest is ignored.
const maxExtract = 4 << 20

// timestamp kinds.
const (
	kindColon2   = iota + 1 // M:SS, MM:SS, MMM:SS
	kindColon3              // H:MM:SS
	kindDotted              // [MM.SS]
	kindAudacity            // 180.000000<TAB>180.000000<TAB>Title
)

// cand is one line that looks like a chapter.
type cand struct {
	Found
	seg       int // index among the non-blank segments
	at        int // the segment of the timestamp (seg is its title's for a lone timestamp)
	kind      int
	badDotted bool // dotted with seconds past 59
	dateLike  bool // the title looks like a date or version (changelogs)
	needTitle bool
}

// segment is a piece of a line between HTML line breaks.
type segment struct {
	text string
	line int // 1-based
	col  int // 0-based byte offset of text in its line
}

// Extract finds the chapter list in show notes written in Markdown, HTML
// or plain text. Only lines with a timestamp at their start, or a
// bracketed one at their end, count, and only in runs of at least two
// such lines; clock times, verses, ratios, speaker turns and times inside
// URLs are left alone. Dotted [MM.SS] times count only when a whole run
// uses them, in ascending order, with seconds under 60. Notes that hold
// several lists (public and supporter chapters, a list per segment) yield
// one: the list under a "Chapters" heading, else the first coherent one.
// It returns nil when the notes hold no chapter list.
func Extract(notes []byte) []Found { return ExtractText(string(notes)) }

// ExtractText is Extract for notes held in a string.
func ExtractText(notes string) []Found {
	if len(notes) > maxExtract {
		notes = notes[:maxExtract]
	}
	if !mayHoldTime(notes) {
		return nil // no line can: most notes without chapters stop here
	}
	segs := segments(notes)
	maybe := make([]bool, len(segs))
	n := 0
	for i, s := range segs {
		if mayHoldTime(s.text) {
			maybe[i] = true
			n++
		}
	}
	cands := make([]cand, 0, n)
	var scratch cleaned
	for i, s := range segs {
		if !maybe[i] {
			continue
		}
		if c, ok := parseSegment(s, &scratch); ok {
			c.seg, c.at = i, i
			cands = append(cands, c)
		}
	}
	// A lone timestamp takes its title from the next line, when that line
	// is not a timestamp itself.
	kept := cands[:0]
	for k, c := range cands {
		if c.needTitle {
			next := c.seg + 1
			if next >= len(segs) || (k+1 < len(cands) && cands[k+1].seg == next) {
				continue
			}
			t, url := lineTitle(segs[next])
			if t == "" {
				continue
			}
			c.Title, c.URL = t, url
			c.seg = next // the title line belongs to the run
		}
		kept = append(kept, c)
	}
	cands = kept

	// Runs of candidate lines become lists: a run that carries on where
	// the previous one stopped (a later start, not 0:00) continues it, as
	// when a sponsor paragraph splits a list; any other run starts a new
	// list, such as the supporters' copy of the public chapters.
	var lists []noteList
	for start := 0; start < len(cands); {
		end := start + 1
		for end < len(cands) && cands[end].seg-cands[end-1].seg <= 3 {
			end++
		}
		run := acceptRun(nil, cands[start:end])
		if len(run) > 0 {
			if n := len(lists); n > 0 && continues(lists[n-1].found, run) {
				lists[n-1].found = append(lists[n-1].found, run...)
			} else {
				lists = append(lists, noteList{found: run, headed: chapterHeading(segs, cands[start].at)})
			}
		}
		start = end
	}
	return pickList(lists)
}

// continues reports whether run carries on list: list is in order and
// run starts after its last chapter.
func continues(list, run []Found) bool {
	for i := 1; i < len(list); i++ {
		if list[i].Start <= list[i-1].Start {
			return false
		}
	}
	return run[0].Start > list[len(list)-1].Start
}

// noteList is one timestamp list of the notes; headed is set when a
// heading such as "Chapters:" comes right before it.
type noteList struct {
	found  []Found
	headed bool
}

// pickList chooses the chapter list among the notes' timestamp lists: the
// list under a "Chapters" heading when it is coherent, else the first
// coherent list (no errors from [Check]), else the first list (whose
// errors the caller reports). Lists are never merged.
func pickList(lists []noteList) []Found {
	if len(lists) == 0 {
		return nil
	}
	coherent := func(l noteList) bool { return !HasErrors(Check(Chapters(l.found), 0)) }
	for _, l := range lists {
		if l.headed && coherent(l) {
			return l.found
		}
	}
	for _, l := range lists {
		if coherent(l) {
			return l.found
		}
	}
	for _, l := range lists {
		if l.headed {
			return l.found
		}
	}
	return lists[0].found
}

// headingWords are what a heading over a chapter list says, lower-cased.
var headingWords = []string{"chapter", "chapitre", "kapitel", "capítulo", "capitulo", "capitol", "hoofdstuk", "timestamp", "time stamp", "zeitmarke", "contents", "inhalt"}

// chapterHeading reports whether the segment before segs[i] is a short
// line naming chapters: "## Chapters", "**Kapitel:**", "<h3>Chapters</h3>",
// "Table of Contents:".
func chapterHeading(segs []segment, i int) bool {
	if i <= 0 {
		return false
	}
	var c cleaned
	clean(segs[i-1].text, &c)
	t := strings.ToLower(strings.Trim(string(c.text), " \t#*_:-–—=>"))
	if t == "" || utf8.RuneCountInString(t) > 40 {
		return false
	}
	for _, w := range headingWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// acceptRun applies the list rules to one run of candidate lines and
// appends the chapters it accepts to out.
func acceptRun(out []Found, run []cand) []Found {
	dotted, other := 0, 0
	for _, c := range run {
		if c.kind == kindDotted {
			dotted++
		} else {
			other++
		}
	}
	if other > 0 && dotted > 0 {
		// Mixed with real timestamps, [03.00] is something else.
		keep := make([]cand, 0, other)
		for _, c := range run {
			if c.kind != kindDotted {
				keep = append(keep, c)
			}
		}
		run = keep
	}
	if len(run) < 2 || transcriptLike(run) {
		return out
	}
	if other == 0 {
		for i, c := range run {
			if c.badDotted || c.dateLike || (i > 0 && c.Start <= run[i-1].Start) {
				return out
			}
		}
	}
	var base, prev int64
	for i, c := range run {
		f := c.Found
		if c.kind == kindColon2 {
			// Hours left out after the first hour: 59:10 then 05:30.
			f.Start += base
			// Only a step back across the top of an hour, from the last
			// 20 minutes of one hour to less than 30 minutes later, is a
			// rollover; anything else stays out of order for Check.
			const hour = 3600000
			if i > 0 && f.Start < prev && base < 100*hour {
				if next := f.Start + hour; next > prev && next-prev <= 30*60000 && prev%hour >= 40*60000 {
					f.Start = next
					base += hour
					f.Note = "read as " + FormatNPT(f.Start)[:8] + ": the list went back in time, so an hour was left out"
				}
			}
		}
		prev = f.Start
		out = append(out, f)
	}
	return out
}

// mayHoldTime reports whether s has a digit, then ':', '.' or ',', then a
// digit: every timestamp shape does, and most prose does not.
func mayHoldTime(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		// To the next digit (rarer in notes than the separators), eight
		// bytes at a time.
		for ; i+8 <= len(s); i += 8 {
			if m := digits8(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
		}
		if i+2 >= len(s) {
			break
		}
		if digit[s[i]] != 0 && timeSep[s[i+1]] != 0 && digit[s[i+2]] != 0 {
			return true
		}
	}
	return false
}

// load64 reads 8 bytes of s from i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// digits8 returns a mask whose lowest set bit is the top bit of the
// first ASCII digit among the 8 bytes of v (little-endian), or 0 when
// none is one. The bytes of v XOR "0" are below 10 just for the digits;
// "x - 1 has its top bit set where x had not" finds those below 10 with
// 10 in place of 1. A borrow can only mark bytes above a marked one, so
// the lowest mark is exact.
func digits8(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := v ^ ones*'0'
	return (x - ones*10) & ^x & highs
}

// digit marks the ASCII digits.
var digit = [256]uint8{'0': 1, '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1, '8': 1, '9': 1}

// timeSep marks the bytes that separate a timestamp's numbers.
var timeSep = [256]uint8{':': 1, '.': 1, ',': 1}

// transcriptLike reports whether a run reads like a transcript: most
// titles start with a speaker's name and a colon, and names repeat or the
// times are only seconds apart ("[00:00:05] Alice: Hi").
func transcriptLike(run []cand) bool {
	labeled := 0
	seen := make(map[string]bool, 4)
	repeat := false
	near := 0
	for i, c := range run {
		if l, ok := speakerLabel(c.Title); ok {
			labeled++
			repeat = repeat || seen[l]
			seen[l] = true
		}
		if i > 0 && c.Start-run[i-1].Start < 30000 {
			near++
		}
	}
	if labeled*5 < len(run)*3 {
		return false
	}
	return repeat || near*2 >= len(run)-1
}

// speakerLabel finds "Name:" or "First Last:" at the start of a title,
// followed by more words.
func speakerLabel(t string) (string, bool) {
	i := strings.IndexByte(t, ':')
	if i <= 0 || i > 32 || i+2 >= len(t) || t[i+1] != ' ' {
		return "", false
	}
	label := t[:i]
	words := 0
	for _, w := range strings.Fields(label) {
		words++
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return "", false
		}
		for _, r := range w {
			if unicode.IsDigit(r) {
				return "", false
			}
		}
	}
	if words == 0 || words > 3 {
		return "", false
	}
	return label, true
}

// segments splits notes into lines and lines into pieces at HTML line
// breaks (<br>, <p>, <li>, <div>, <tr> and their closers), dropping blank
// pieces and the insides of fenced code blocks.
func segments(notes string) []segment {
	lines := splitLines(notes)
	out := make([]segment, 0, len(lines))
	fence := ""
	for _, l := range lines {
		t := l.text
		// Markdown code blocks hold logs and code, never chapters.
		if tt := strings.TrimLeft(t, " "); strings.HasPrefix(tt, "```") || strings.HasPrefix(tt, "~~~") {
			switch {
			case fence == "":
				fence = tt[:3]
			case strings.HasPrefix(tt, fence):
				fence = ""
			}
			out = append(out, segment{text: t, line: l.num}) // keeps runs apart
			continue
		}
		if fence != "" {
			continue
		}
		start := 0
		for i := 0; i < len(t); i++ {
			if t[i] != '<' {
				k := strings.IndexByte(t[i:], '<')
				if k < 0 {
					break
				}
				i += k
			}
			j := i + 1
			if j < len(t) && t[j] == '/' {
				j++
			}
			k := j
			for k < len(t) && isASCIILetter(t[k]) {
				k++
			}
			name := strings.ToLower(t[j:k])
			if name != "br" && name != "p" && name != "li" && name != "div" && name != "tr" && name != "ul" && name != "ol" && !isHeading(name) {
				continue
			}
			end := strings.IndexByte(t[i:], '>')
			if end < 0 {
				break
			}
			if s := t[start:i]; strings.TrimSpace(s) != "" {
				out = append(out, segment{text: s, line: l.num, col: start})
			}
			start = i + end + 1
			i = start - 1
		}
		if s := t[start:]; strings.TrimSpace(s) != "" {
			out = append(out, segment{text: s, line: l.num, col: start})
		}
	}
	return out
}

func isHeading(name string) bool {
	return len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }
func isDigit(b byte) bool       { return b >= '0' && b <= '9' }

// link is a hyperlink in cleaned text: bytes [from, to) link to href.
type link struct {
	from, to int
	href     string
}

// cleaned is a segment without markup. off[i] is the byte offset in the
// segment of cleaned byte i.
type cleaned struct {
	text  []byte
	off   []int32
	links []link
	inner *cleaned // scratch for the text of a Markdown link
}

func (c *cleaned) add(s string, off int) {
	for i := 0; i < len(s); i++ {
		c.text = append(c.text, s[i])
		c.off = append(c.off, int32(off))
	}
}

// clean removes HTML tags and Markdown link syntax, decodes character
// references, and remembers links. It reuses c's buffers.
func clean(s string, c *cleaned) {
	c.text, c.off, c.links = c.text[:0], c.off[:0], c.links[:0]
	openA := -1
	openHref := ""
	for i := 0; i < len(s); {
		b := s[i]
		switch {
		case b == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!'):
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				c.add(s[i:i+1], i)
				i++
				continue
			}
			tag := s[i+1 : i+end]
			switch {
			case strings.Contains(tag, "://") && !strings.ContainsAny(tag, " \t\"'"):
				// A Markdown autolink: <https://example.org>.
				from := len(c.text)
				c.add(tag, i+1)
				c.links = append(c.links, link{from, len(c.text), tag})
			case len(tag) >= 1 && (tag[0]|0x20) == 'a' && (len(tag) == 1 || tag[1] == ' ' || tag[1] == '\t'):
				openA, openHref = len(c.text), attr(tag, "href")
			case strings.EqualFold(tag, "/a"):
				if openA >= 0 {
					c.links = append(c.links, link{openA, len(c.text), openHref})
					openA = -1
				}
			case strings.HasPrefix(strings.ToLower(tag), "img"):
				// an image says nothing about chapters
			default:
				// other tags vanish; keep words apart
				if len(c.text) > 0 && c.text[len(c.text)-1] != ' ' {
					if strings.HasPrefix(tag, "/") || strings.HasPrefix(tag, "span") || strings.HasPrefix(tag, "strong") || strings.HasPrefix(tag, "em") || strings.HasPrefix(tag, "b") || strings.HasPrefix(tag, "i") {
						break
					}
					c.add(" ", i)
				}
			}
			i += end + 1
		case b == '&':
			end := strings.IndexByte(s[i:min(len(s), i+12)], ';')
			if end < 0 {
				c.add("&", i)
				i++
				continue
			}
			dec := html.UnescapeString(s[i : i+end+1])
			if dec == "\u00a0" {
				dec = " "
			}
			c.add(dec, i)
			i += end + 1
		case b == '!' && i+1 < len(s) && s[i+1] == '[':
			// A Markdown image: drop it whole when it is well formed.
			if _, _, next, ok := mdLink(s, i+1); ok {
				i = next
				continue
			}
			c.add("!", i)
			i++
		case b == '[':
			text, href, next, ok := mdLink(s, i)
			if !ok {
				c.add("[", i)
				i++
				continue
			}
			from := len(c.text)
			if c.inner == nil {
				c.inner = new(cleaned)
			}
			inner := c.inner
			clean(text, inner)
			c.text = append(c.text, inner.text...)
			for _, o := range inner.off {
				c.off = append(c.off, int32(i+1)+o)
			}
			c.links = append(c.links, link{from, len(c.text), href})
			i = next
		default:
			// Copy a run of plain bytes at once.
			j := i + 1
			for j < len(s) && s[j] != '<' && s[j] != '&' && s[j] != '[' && s[j] != '!' {
				j++
			}
			c.text = append(c.text, s[i:j]...)
			n := len(c.off)
			c.off = slices.Grow(c.off, j-i)[:n+j-i]
			for k := range c.off[n:] {
				c.off[n+k] = int32(i + k)
			}
			i = j
		}
	}
}

// mdLink reads a Markdown link [text](href) that starts at s[i] == '['.
func mdLink(s string, i int) (text, href string, next int, ok bool) {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		if s[j] == '[' {
			depth++
		} else if s[j] == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j >= len(s)-1 || s[j+1] != '(' {
		return "", "", 0, false
	}
	k := strings.IndexByte(s[j+2:], ')')
	if k < 0 {
		return "", "", 0, false
	}
	href = strings.TrimSpace(s[j+2 : j+2+k])
	if sp := strings.IndexAny(href, " \t"); sp >= 0 { // [t](url "title")
		href = href[:sp]
	}
	return s[i+1 : j], strings.Trim(href, "<>"), j + 2 + k + 1, true
}

// attr finds attribute name's value in the inside of a tag.
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		j := i + len(name)
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if i > 0 && (lower[i-1] == ' ' || lower[i-1] == '\t') && j < len(tag) && tag[j] == '=' {
			j++
			for j < len(tag) && tag[j] == ' ' {
				j++
			}
			if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
				q := tag[j]
				if k := strings.IndexByte(tag[j+1:], q); k >= 0 {
					return html.UnescapeString(tag[j+1 : j+1+k])
				}
				return ""
			}
			k := j
			for k < len(tag) && tag[k] != ' ' {
				k++
			}
			return tag[j:k]
		}
		from = i + len(name)
	}
}

// skipLead skips white space, list bullets, numbering, headings, quotes
// and emphasis at the start of t.
func skipLead(t []byte) int {
	i := 0
	for i < len(t) {
		switch {
		case t[i] == ' ' || t[i] == '\t' || t[i] == '#' || t[i] == '>' || t[i] == '|':
			i++
		case (t[i] == '-' || t[i] == '+') && i+1 < len(t) && (t[i+1] == ' ' || t[i+1] == '\t'):
			i++
		case t[i] == '*' || t[i] == '_':
			i++
		case isDigit(t[i]):
			// "1. " or "1) " list numbering
			j := i
			for j < len(t) && j-i < 3 && isDigit(t[j]) {
				j++
			}
			if j+1 < len(t) && (t[j] == '.' || t[j] == ')') && t[j+1] == ' ' {
				i = j + 2
				continue
			}
			return i
		default:
			r, n := utf8.DecodeRune(t[i:])
			switch r {
			case '•', '·', '‣', '▪', '◦', '●', '○', '■', '□', '►', '▶', '→':
				i += n
			case '–', '—':
				if i+n < len(t) && t[i+n] == ' ' {
					i += n
					continue
				}
				return i
			default:
				return i
			}
		}
	}
	return i
}

// timeToken reads a colon timestamp at t[i:]: M:SS, MM:SS, MMM:SS or
// H:MM:SS, with an optional .f to .fff fraction. It returns the end of
// the token. Letters or digits right after the token reject it.
func timeToken(t []byte, i int) (ms int64, end, kind int, ok bool) {
	var parts [3]int64
	n := 0
	j := i
	for n < 3 {
		k := j
		for k < len(t) && isDigit(t[k]) && k-j < 3 {
			k++
		}
		if k == j {
			return 0, 0, 0, false
		}
		if n > 0 && k-j != 2 {
			return 0, 0, 0, false
		}
		if n == 0 && k < len(t) && isDigit(t[k]) {
			return 0, 0, 0, false
		}
		v, _ := digits(string(t[j:k]), 3)
		parts[n] = v
		n++
		j = k
		if j+1 < len(t) && t[j] == ':' && isDigit(t[j+1]) && n < 3 {
			j++
			continue
		}
		break
	}
	if n < 2 {
		return 0, 0, 0, false
	}
	var frac int64
	if j+1 < len(t) && t[j] == '.' && isDigit(t[j+1]) {
		k := j + 1
		for k < len(t) && isDigit(t[k]) {
			k++
		}
		if k-j-1 > 3 {
			return 0, 0, 0, false
		}
		frac, _ = fracMS(string(t[j+1 : k]))
		j = k
	}
	if j < len(t) {
		if isDigit(t[j]) || isASCIILetter(t[j]) || (t[j] == ':' && j+1 < len(t) && isDigit(t[j+1])) || (t[j] == '.' && j+1 < len(t) && isDigit(t[j+1])) {
			return 0, 0, 0, false
		}
	}
	if n == 2 {
		if parts[1] > 59 {
			return 0, 0, 0, false
		}
		return (parts[0]*60+parts[1])*1000 + frac, j, kindColon2, true
	}
	if parts[0] > 99 || parts[1] > 59 || parts[2] > 59 {
		return 0, 0, 0, false
	}
	return ((parts[0]*60+parts[1])*60+parts[2])*1000 + frac, j, kindColon3, true
}

// dottedToken reads MM.SS (1 to 3 digits, a dot, exactly 2 digits) at t[i:].
func dottedToken(t []byte, i int) (ms int64, end int, bad, ok bool) {
	j := i
	for j < len(t) && isDigit(t[j]) && j-i < 4 {
		j++
	}
	if j == i || j-i > 3 || j+3 > len(t) || t[j] != '.' || !isDigit(t[j+1]) || !isDigit(t[j+2]) {
		return 0, 0, false, false
	}
	if j+3 < len(t) && isDigit(t[j+3]) {
		return 0, 0, false, false
	}
	m, _ := digits(string(t[i:j]), 3)
	s := int64(t[j+1]-'0')*10 + int64(t[j+2]-'0')
	return (m*60 + s) * 1000, j + 3, s > 59, true
}

// clockWords follow a time of day or a ratio, never a chapter start.
var clockWords = []string{"am", "pm", "a.m", "p.m", "uhr", "h ", "o'clock", "utc", "gmt", "cet", "cest", "est", "edt", "pst", "pdt", "et", "pt", "ratio", "aspect"}

func followedByClockWord(t []byte, end int) bool {
	j := end
	for j < len(t) && t[j] == ' ' {
		j++
	}
	rest := t[j:]
	if len(rest) == 0 {
		return false
	}
	first := rest[0] | 0x20
	for _, w := range clockWords {
		n := len(w)
		if w[n-1] == ' ' {
			n-- // "h ": the letter h alone
		}
		if len(rest) < n || first != w[0] {
			continue
		}
		if !equalFoldASCII(rest[:n], w[:n]) {
			continue
		}
		if n == len(rest) || !isASCIILetter(rest[n]) {
			return true
		}
	}
	return false
}

func equalFoldASCII(b []byte, s string) bool {
	for i := range len(s) {
		x := b[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != s[i] {
			return false
		}
	}
	return true
}

// clockPrepositions before a trailing time make it a time of day.
var clockPrepositions = []string{"at", "by", "until", "till", "from", "around", "um", "gegen", "ab", "bis", "since", "before", "after"}

func closer(b byte) byte {
	switch b {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return 0
}

// parseSegment decides whether a segment is a chapter line.
func parseSegment(s segment, c *cleaned) (cand, bool) {
	clean(s.text, c)
	t := c.text
	if utf8.RuneCount(t) > maxLineLen {
		return cand{}, false
	}
	i := skipLead(t)
	if i >= len(t) {
		return cand{}, false
	}
	mk := func(at, end int, ms int64, kind int) cand {
		col := s.col + int(c.off[at]) + 1
		raw := s.text[c.off[at] : c.off[end-1]+1] // the time as written, without a copy
		return cand{Found: Found{Chapter: Chapter{Start: ms}, Line: s.line, Col: col, Raw: raw}, kind: kind}
	}
	// Audacity labels pasted into the notes.
	if a, ok := audacityLine(t[i:]); ok {
		x := mk(i, i+len(a.raw), a.start, kindAudacity)
		x.Title = a.title
		return x, x.Title != ""
	}
	// A timestamp at the start, maybe in brackets.
	j := i
	open := closer(t[j])
	if open != 0 {
		j++
		for j < len(t) && t[j] == ' ' {
			j++
		}
	}
	if j < len(t) && isDigit(t[j]) {
		ms, end, kind, ok := timeToken(t, j)
		bad := false
		if !ok && open != 0 {
			ms, end, bad, ok = dottedToken(t, j)
			kind = kindDotted
		}
		if ok {
			k := end
			for open != 0 && k < len(t) && t[k] == ' ' {
				k++
			}
			var rangeMS int64
			if open != 0 && kind != kindDotted && k < len(t) && t[k] != open {
				// A range inside the brackets: "(05:00–07:30)".
				if endMS, after, ok := rangeEnd(t, k); ok && endMS > ms {
					rangeMS, k = endMS, after
					for k < len(t) && t[k] == ' ' {
						k++
					}
				}
			}
			if open != 0 && (k >= len(t) || t[k] != open) {
				ok = false
			} else if open != 0 {
				k++
			}
			if ok && !followedByClockWord(t, end) && !(kind == kindColon2 && k < len(t) && t[k] == '/') {
				x := mk(j, end, ms, kind)
				x.badDotted = bad
				x.End = rangeMS
				if kind != kindDotted && rangeMS == 0 {
					// A range: "00:00 - 05:00 Intro" ends where the second time says.
					if endMS, after, ok := rangeEnd(t, k); ok && endMS > ms {
						x.End, k = endMS, after
					}
				}
				x.Title, x.URL = titleOf(c, k, len(t), j)
				x.dateLike = dateLike(x.Title)
				if x.Title == "" {
					x.needTitle = true
				}
				return x, true
			}
		}
	}
	// A bracketed timestamp at the end, or a bare one after a separator.
	e := len(t)
	for e > i && (t[e-1] == ' ' || t[e-1] == '\t' || t[e-1] == '*' || t[e-1] == '_') {
		e--
	}
	if e <= i {
		return cand{}, false
	}
	if t[e-1] == ')' || t[e-1] == ']' {
		want := byte('(')
		if t[e-1] == ']' {
			want = '['
		}
		o := e - 2
		for o >= i && t[o] != want && t[o] != ')' && t[o] != ']' {
			o--
		}
		if o < i || t[o] != want || (o > i && t[o-1] != ' ' && t[o-1] != '\t') {
			return cand{}, false
		}
		a, b := o+1, e-1
		for a < b && t[a] == ' ' {
			a++
		}
		for b > a && t[b-1] == ' ' {
			b--
		}
		if a >= b || !isDigit(t[a]) {
			return cand{}, false
		}
		ms, end, kind, ok := timeToken(t, a)
		bad := false
		if !ok || end != b {
			ms, end, bad, ok = dottedToken(t, a)
			kind = kindDotted
			if !ok || end != b {
				return cand{}, false
			}
		}
		if kind == kindDotted && precededByVersionWord(t[i:o]) {
			return cand{}, false
		}
		x := mk(a, b, ms, kind)
		x.badDotted = bad
		x.Title, x.URL = titleOf(c, i, o, a)
		x.dateLike = dateLike(x.Title)
		return x, x.Title != ""
	}
	// Bare: "Title – 12:34".
	k := e
	for k > i && (isDigit(t[k-1]) || t[k-1] == ':' || t[k-1] == '.') {
		k--
	}
	if k == e || k < i+3 || t[k-1] != ' ' {
		return cand{}, false
	}
	sep := strings.TrimRight(string(t[i:k]), " ")
	if !(strings.HasSuffix(sep, " -") || strings.HasSuffix(sep, " –") || strings.HasSuffix(sep, " —") || strings.HasSuffix(sep, " |")) {
		return cand{}, false
	}
	ms, end, kind, ok := timeToken(t, k)
	if !ok || end != e {
		return cand{}, false
	}
	for _, p := range clockPrepositions {
		if strings.HasSuffix(strings.ToLower(sep[:len(sep)-2]), " "+p) {
			return cand{}, false
		}
	}
	x := mk(k, e, ms, kind)
	x.Title, x.URL = titleOf(c, i, k, k)
	return x, x.Title != ""
}

// rangeEnd reads the second time of a range ("– 05:00") at t[k:], with
// its closing bracket if any.
func rangeEnd(t []byte, k int) (int64, int, bool) {
	j := k
	for j < len(t) && t[j] == ' ' {
		j++
	}
	switch {
	case j < len(t) && (t[j] == '-' || t[j] == '~'):
		j++
	case strings.HasPrefix(string(t[j:min(len(t), j+3)]), "–"), strings.HasPrefix(string(t[j:min(len(t), j+3)]), "—"):
		j += 3
	default:
		return 0, 0, false
	}
	for j < len(t) && t[j] == ' ' {
		j++
	}
	open := byte(0)
	if j < len(t) {
		open = closer(t[j])
	}
	if open != 0 {
		j++
	}
	if j >= len(t) || !isDigit(t[j]) {
		return 0, 0, false
	}
	ms, end, kind, ok := timeToken(t, j)
	if !ok || kind == kindDotted || followedByClockWord(t, end) {
		return 0, 0, false
	}
	if open != 0 {
		if end >= len(t) || t[end] != open {
			return 0, 0, false
		}
		end++
	}
	if end < len(t) && t[end] != ' ' && t[end] != '\t' && !strings.ContainsRune("-–—:|)]", rune(t[end])) && t[end] < 0x80 {
		return 0, 0, false
	}
	return ms, end, true
}

func precededByVersionWord(t []byte) bool {
	s := strings.ToLower(strings.TrimSpace(string(t)))
	return strings.HasSuffix(s, "version") || strings.HasSuffix(s, "v") || strings.HasSuffix(s, "release") || strings.HasSuffix(s, "update")
}

// inLink returns the index of the link that covers byte at, or -1.
func inLink(ls []link, at int) int {
	for i, l := range ls {
		if at >= l.from && at < l.to {
			return i
		}
	}
	return -1
}

// titleOf cleans text[from:to] into a title, and picks the first link in
// that range that is not the seek link around the timestamp at ts.
func titleOf(c *cleaned, from, to, ts int) (title, url string) {
	seek := inLink(c.links, ts)
	for k, l := range c.links {
		if k != seek && l.from < to && l.to > from && l.href != "" && !strings.HasPrefix(l.href, "#") {
			url = l.href
			break
		}
	}
	if seek >= 0 {
		// Do not repeat the link text that holds the timestamp.
		if l := c.links[seek]; l.to > from && l.to <= to {
			from = max(from, l.to)
		}
	}
	s := string(c.text[from:to])
	// Bare URLs in a title become its link.
	if i := strings.Index(s, "http://"); i >= 0 || strings.Contains(s, "https://") {
		if i < 0 {
			i = strings.Index(s, "https://")
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != ')' && s[j] != '>' {
			j++
		}
		if url == "" {
			url = strings.TrimRight(s[i:j], ".,;")
		}
		s = s[:i] + s[j:]
	}
	return cleanTitle(s), url
}

// cleanTitle strips separators, bullets, emphasis and trailing punctuation.
func cleanTitle(s string) string {
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\r\n\v\f") {
		s = strings.Join(strings.Fields(s), " ")
	}
	const lead = " -–—:|)]}.•·*_>,;/"
	const trail = " -–—:|([{,;*_/<"
	for {
		t := strings.TrimLeft(s, lead)
		t = strings.TrimRight(t, trail)
		if strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") && len(t) > 4 {
			t = t[2 : len(t)-2]
		}
		if t == s {
			return t
		}
		s = t
	}
}

// dateLike reports whether a dotted line's title is really a date or
// version (as in a changelog heading "[03.00] - 2026-09-27").
func dateLike(title string) bool {
	t := strings.TrimSpace(title)
	if t == "" {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		if isDigit(t[i]) {
			n++
		}
	}
	// Mostly digits and date punctuation: 2026-09-27, 27.09.2026, v1.2.
	return n*2 >= len(t)-strings.Count(t, " ")
}

type audLine struct {
	start int64
	raw   string
	title string
}

// audacityLine reads "180.000000<TAB>180.000000<TAB>Title": two decimal
// numbers with at least three decimals (point or comma), then a title.
func audacityLine(t []byte) (audLine, bool) {
	num := func(i int) (int, bool) {
		j := i
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		if j == i || j >= len(t) || (t[j] != '.' && t[j] != ',') {
			return 0, false
		}
		k := j + 1
		for k < len(t) && isDigit(t[k]) {
			k++
		}
		return k, k-j-1 >= 3 && k-j-1 <= 9
	}
	e1, ok := num(0)
	if !ok || e1 >= len(t) || (t[e1] != '\t' && t[e1] != ' ') {
		return audLine{}, false
	}
	s2 := e1
	for s2 < len(t) && (t[s2] == '\t' || t[s2] == ' ') {
		s2++
	}
	e2, ok := num(s2)
	if !ok || e2 >= len(t) || (t[e2] != '\t' && t[e2] != ' ') {
		return audLine{}, false
	}
	ms, err := parseDecimalSeconds(string(t[:e1]))
	if err != nil {
		return audLine{}, false
	}
	return audLine{start: ms, raw: string(t[:e1]), title: cleanTitle(string(t[e2:]))}, true
}

// lineTitle is the title held by a line of its own (shape 16: the time
// alone, the title on the next line).
func lineTitle(s segment) (string, string) {
	c := &cleaned{}
	clean(s.text, c)
	if utf8.RuneCount(c.text) > maxLineLen {
		return "", ""
	}
	i := skipLead(c.text)
	return titleOf(c, i, len(c.text), -1)
}

// ParseLine reads one chapter written as a line of show notes, such as
// "00:00 Intro", "(1:02:03) Q&A" or "Topic [12:34]". A link on the line
// becomes the chapter's URL.
func ParseLine(s string) (Chapter, error) {
	x, ok := parseSegment(segment{text: s, line: 1}, &cleaned{})
	if !ok || x.needTitle || x.badDotted {
		return Chapter{}, errLine(s)
	}
	return x.Chapter, nil
}

type lineError string

func (e lineError) Error() string {
	return "bad chapter " + string(e) + `: want a time and a title, like "12:34 Title"`
}

func errLine(s string) error { return lineError(quote(s)) }

func quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\""
}
