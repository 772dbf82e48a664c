package markdown

import (
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// The direct renderer covers the Markdown most show notes are made of:
//
//   - paragraphs of lines that do not start with a space (each line break
//     a <br>);
//   - ATX headings ("## Title");
//   - tight lists of one-line items ("- item", "* item", "+ item",
//     "1. item"), the bullet kind also right after a paragraph line;
//   - emphasis and strong emphasis with "*" or "_" runs of one or two;
//   - inline links "[text](url)" without a title;
//   - backslash escapes, and a backslash line break;
//   - bare URLs in their plain shapes (GFM's extended autolinks);
//   - any other character as text.
//
// It gives up (and goldmark renders the note) on everything else, and on
// anything whose meaning depends on the finer points of CommonMark: raw
// HTML and autolinks ("<"), code ("`"), entities, strikethrough ("~"),
// tables ("|"), e-mail addresses and bare URLs of other shapes (GFM
// autolinks), reference links ("]:"), images, indentation and tabs,
// block quotes, setext headings and thematic breaks, loose or nested
// lists, a line continuing a list item, emphasis runs of three or more or
// that can both open and close, and non-ASCII characters next to an
// emphasis run.

// renderFast renders src if it lies in the subset above, with relative
// link destinations resolved against base as goldmark's path resolves
// them; ok is false when goldmark must render it.
func renderFast(src string, base *url.URL) (res Result, ok bool) {
	f := fastPool.Get().(*fast)
	defer func() {
		f.sb = strings.Builder{} // the HTML returned keeps its buffer; the pool must not
		f.rel, f.base = nil, nil
		clear(f.hrefs)
		f.hrefs = f.hrefs[:0]
		fastPool.Put(f)
	}()
	f.base = base
	f.sb.Grow(len(src) + len(src)/4 + 32)
	if !f.blocks(src) {
		return Result{}, false
	}
	return Result{HTML: strings.TrimSpace(f.sb.String()), Relative: f.rel}, true
}

// fast holds one rendering's output and scratch space.
type fast struct {
	sb    strings.Builder
	toks  []token
	stack []int
	base  *url.URL // resolves relative destinations; nil: none is
	rel   []Link   // the relative destinations met
	hrefs []string // the resolved relative destinations, for tokLinkOpen.href
}

var fastPool = sync.Pool{New: func() any { return new(fast) }}

// block kinds.
const (
	inNone = iota
	inPara
	inBullets
	inOrdered
)

// blocks renders src's blocks line by line.
func (f *fast) blocks(src string) bool {
	state := inNone
	var paraStart, paraEnd int
	var marker byte // the bullet of the open bullet list
	blank := false  // a blank line since the open list's last item
	closeList := func() {
		if state == inBullets {
			f.sb.WriteString("</ul>\n")
		} else {
			f.sb.WriteString("</ol>\n")
		}
		state = inNone
	}
	flushPara := func() bool {
		state = inNone
		f.sb.WriteString("<p>")
		if !f.inline(src[paraStart:paraEnd], paraStart) {
			return false
		}
		f.sb.WriteString("</p>\n")
		return true
	}
	for pos := 0; pos < len(src); {
		next := strings.IndexByte(src[pos:], '\n')
		if next < 0 {
			next = len(src)
		} else {
			next += pos
		}
		// Spaces at the end of a line never show.
		line := strings.TrimRight(src[pos:next], " ")
		start, end := pos, pos+len(line)
		pos = next + 1
		if next-end >= 4 && line != "" {
			return false // goldmark keeps some of four or more
		}

		if line == "" {
			switch state {
			case inPara:
				if !flushPara() {
					return false
				}
			case inBullets, inOrdered:
				blank = true
			}
			continue
		}
		if line[0] == ' ' || breakOrUnderline(line) {
			return false
		}
		switch c := line[0]; {
		case c == '#':
			n := 1
			for n < len(line) && line[n] == '#' {
				n++
			}
			if n > 6 || n < len(line) && line[n] != ' ' {
				break // text
			}
			text := line[min(n+1, len(line)):]
			if text == "" || text[0] == ' ' || text[len(text)-1] == '#' {
				return false
			}
			switch state {
			case inPara:
				if !flushPara() {
					return false
				}
			case inBullets, inOrdered:
				if !blank {
					return false
				}
				closeList()
			}
			f.sb.WriteString("<h")
			f.sb.WriteByte(byte('0' + n))
			f.sb.WriteByte('>')
			if !f.inline(text, start+min(n+1, len(line))) {
				return false
			}
			f.sb.WriteString("</h")
			f.sb.WriteByte(byte('0' + n))
			f.sb.WriteString(">\n")
			continue

		case c == '-' || c == '*' || c == '+':
			if len(line) < 2 || line[1] != ' ' {
				if len(line) == 1 {
					return false // an empty item
				}
				break // text
			}
			text := line[2:]
			if !itemText(text) {
				return false
			}
			switch state {
			case inPara:
				if !flushPara() {
					return false
				}
			case inBullets:
				if blank {
					return false // a loose list
				}
				if marker != c {
					closeList()
				}
			case inOrdered:
				closeList()
			}
			if state != inBullets {
				f.sb.WriteString("<ul>\n")
			}
			state, marker, blank = inBullets, c, false
			if !f.item(text, start+2) {
				return false
			}
			continue

		case c >= '0' && c <= '9':
			n := 1
			for n < len(line) && line[n] >= '0' && line[n] <= '9' {
				n++
			}
			if n == len(line) || line[n] != '.' && line[n] != ')' {
				break // text
			}
			if line[n] == ')' || n+1 == len(line) || n > 4 || n > 1 && c == '0' {
				return false
			}
			if line[n+1] != ' ' {
				break // text, as in "3.5 hours"
			}
			text := line[n+2:]
			if !itemText(text) {
				return false
			}
			switch state {
			case inPara:
				return false // only "1." may interrupt a paragraph
			case inOrdered:
				if blank {
					return false
				}
			case inBullets:
				closeList()
			}
			if state != inOrdered {
				if num, _ := strconv.Atoi(line[:n]); num == 1 {
					f.sb.WriteString("<ol>\n")
				} else {
					f.sb.WriteString(`<ol start="`)
					f.sb.WriteString(strconv.Itoa(num))
					f.sb.WriteString("\">\n")
				}
			}
			state, blank = inOrdered, false
			if !f.item(text, start+n+2) {
				return false
			}
			continue

		case c == '>':
			return false // a block quote
		}

		// A paragraph line.
		switch state {
		case inBullets, inOrdered:
			if !blank {
				return false // it would continue the list item
			}
			closeList()
		case inPara:
			paraEnd = end
			continue
		}
		state, paraStart, paraEnd = inPara, start, end
	}
	switch state {
	case inPara:
		return flushPara()
	case inBullets, inOrdered:
		closeList()
	}
	return true
}

// item writes a list item; off is where text starts in the source.
func (f *fast) item(text string, off int) bool {
	f.sb.WriteString("<li>")
	if !f.inline(text, off) {
		return false
	}
	f.sb.WriteString("</li>\n")
	return true
}

// breakOrUnderline reports whether line is made only of "=-*_:" and
// spaces: a thematic break, a setext underline, an empty list item or a
// table's delimiter row (GFM takes "-:" for one).
func breakOrUnderline(line string) bool {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '=', '-', '*', '_', ':', ' ':
		default:
			return false
		}
	}
	return true
}

// itemText reports whether a list item's text is plain inline text, not
// the start of another block inside the item.
func itemText(text string) bool {
	if text == "" || text[0] == ' ' || text[0] == '#' || text[0] == '>' || breakOrUnderline(text) {
		return false
	}
	switch c := text[0]; {
	case c == '-' || c == '*' || c == '+':
		return len(text) > 1 && text[1] != ' '
	case c == '[':
		// A task list item: "[ ]", "[x]".
		return !(len(text) >= 3 && text[2] == ']' && (text[1] == ' ' || text[1] == 'x' || text[1] == 'X'))
	case c >= '0' && c <= '9':
		n := 1
		for n < len(text) && text[n] >= '0' && text[n] <= '9' {
			n++
		}
		return n == len(text) || text[n] != '.' && text[n] != ')'
	}
	return true
}

// token kinds.
const (
	tokText = iota
	tokDelim
	tokLinkOpen
	tokLinkClose
	tokAutolink // a bare URL, GFM's extended autolink
)

// token is a piece of inline text. It holds no pointers, so that
// appending one is a plain copy.
type token struct {
	kind       uint8
	start, end int // the bytes in the inline text (tokLinkOpen: the destination)
	// tokText, tokLinkOpen: escape must write it (else it is written as
	// it is).
	esc bool
	// tokDelim: the run's character, whether it may open or close, and
	// the tag it became, if any.
	ch          byte
	open, close bool
	tag         uint8 // tagEm or tagStrong; tagNone for literal text
	closing     bool  // the tag is a closing one
	href        int   // tokLinkOpen: 1 + the index in fast.hrefs of the resolved destination, when it was relative
}

// Tags of emphasis.
const (
	tagNone = iota
	tagEm
	tagStrong
)

// openTag and closeTag are the HTML of each tag.
var (
	openTag  = [...]string{tagEm: "<em>", tagStrong: "<strong>"}
	closeTag = [...]string{tagEm: "</em>", tagStrong: "</strong>"}
)

// inline renders one paragraph's, heading's or item's text, which starts
// at offset off of the source.
func (f *fast) inline(s string, off int) bool {
	f.toks = f.toks[:0]
	text := 0     // start of the pending text
	linkEnd := -1 // the "]" of the open link
	esc := -1     // the last byte met that escape must rewrite
	for i := 0; i < len(s); {
		// Most bytes are text: skip to the next one that may not be.
		if i = skip(s, i, &inlineByte); i == len(s) {
			break
		}
		switch inlineByte[s[i]] {
		case bail:
			return false
		case escaped:
			esc = i
			i++
			continue
		}
		switch c := s[i]; c {
		case '*', '_':
			f.text(text, i, esc)
			j := i + 1
			for j < len(s) && s[j] == c {
				j++
			}
			if j-i > 2 {
				return false
			}
			prev, next := byte('\n'), byte('\n')
			if i > 0 {
				prev = s[i-1]
			}
			if j < len(s) {
				next = s[j]
			}
			if prev >= 0x80 || next >= 0x80 {
				return false
			}
			left := !space(next) && (!punct(next) || space(prev) || punct(prev))
			right := !space(prev) && (!punct(prev) || space(next) || punct(next))
			open, close := left, right
			if c == '_' {
				open = left && (!right || punct(prev))
				close = right && (!left || punct(next))
			}
			if open && close {
				return false
			}
			f.toks = append(f.toks, token{kind: tokDelim, start: i, end: j, ch: c, open: open, close: close})
			i, text = j, j
		case '[':
			if linkEnd >= 0 {
				return false // brackets inside a link's text
			}
			k := strings.IndexAny(s[i+1:], "[]\n\\")
			if k < 0 || s[i+1+k] != ']' {
				return false // nested, escaped or unclosed brackets
			}
			k += i + 1
			if k+1 < len(s) && s[k+1] == '[' {
				return false // a reference link
			}
			if k+1 == len(s) || s[k+1] != '(' {
				i++ // a literal bracket
				continue
			}
			d := k + 2
			e := d
			amp := false
		dest:
			for ; e < len(s); e++ {
				switch destClass[s[e]] {
				case destPlain:
					continue
				case destEnd:
					break dest
				case destCheck:
					if s[e] == '%' && !(e+2 < len(s) && hex(s[e+1]) && hex(s[e+2])) {
						return false
					}
					if s[e] == '&' {
						if entityLike(s[e+1:]) {
							return false
						}
						amp = true
					}
				default:
					return false
				}
			}
			if e == len(s) || e == d || k == i+1 {
				return false
			}
			f.text(text, i, esc)
			open := token{kind: tokLinkOpen, start: d, end: e, esc: amp}
			if dest := s[d:e]; relative(dest) {
				f.rel = append(f.rel, Link{Dest: dest, Offset: off + i})
				if abs, ok := resolve(f.base, dest); ok {
					if !hrefBytes(abs) {
						return false // goldmark would percent-encode some of it
					}
					f.hrefs = append(f.hrefs, abs)
					open.href, open.esc = len(f.hrefs), true
				}
			}
			f.toks = append(f.toks, open)
			linkEnd = k
			i++
			text = i
		case ']':
			if i+1 < len(s) && s[i+1] == ':' {
				return false // a possible link reference definition
			}
			if i != linkEnd {
				i++
				continue
			}
			f.text(text, i, esc)
			f.toks = append(f.toks, token{kind: tokLinkClose})
			i = strings.IndexByte(s[i:], ')') + i + 1
			text, linkEnd = i, -1
		case '\\':
			// An escaped punctuation character is text; so is a
			// backslash before anything else. Before a line break it is
			// a hard break, which renders as every line break does.
			if i+1 < len(s) && s[i+1] == '\n' && i > 0 && s[i-1] == '\\' {
				return false // after another backslash, goldmark keeps it as text, no hard break
			}
			if i+1 < len(s) && (inlineByte[s[i+1]] == bail || s[i+1] == ']' && i+2 < len(s) && s[i+2] == ':') {
				return false // escaped or not, goldmark's to render
			}
			esc = i
			if i+1 < len(s) && (punct(s[i+1]) || s[i+1] == '\n') {
				i += 2
			} else {
				i++
			}
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				return false // an image
			}
			i++
		case '&':
			if entityLike(s[i+1:]) {
				return false
			}
			esc = i
			i++
		case ':':
			if !strings.HasPrefix(s[i+1:], "//") {
				i++
				continue
			}
			// A bare URL: linked here when "http", "https" or "ftp"
			// before the colon starts a word outside a link's text and
			// the URL has the plain shape, else goldmark's to link.
			start, end, ok := schemeURL(s, i, linkEnd)
			if !ok {
				return false // GFM autolink
			}
			f.text(text, start, esc)
			f.toks = append(f.toks, token{kind: tokAutolink, start: start, end: end})
			i, text = end, end
		case '@':
			return false // an e-mail address: GFM autolink
		case '.':
			// "www." (in any case): a bare URL, linked when it starts a
			// word outside a link's text and has the plain shape, else
			// goldmark's to link.
			if i < 3 || !strings.EqualFold(s[i-3:i], "www") {
				i++
				continue
			}
			start := i - 3
			if end, ok := autolinkAt(s, start, linkEnd); ok {
				f.text(text, start, esc)
				f.toks = append(f.toks, token{kind: tokAutolink, start: start, end: end})
				i, text = end, end
				continue
			}
			return false // GFM autolink
		default:
			i++
		}
	}
	f.text(text, len(s), esc)
	if !f.emphasis() {
		return false
	}
	f.emit(s)
	return true
}

// inlineByte marks the bytes inline looks at: every other byte is text
// written as it is. A bare URL is found from the "://" or "www." in it.
var inlineByte = func() (t [256]uint8) {
	for _, c := range "*_[]\\!&:@." {
		t[c] = markup
	}
	for _, c := range "\n>\"" {
		t[c] = escaped
	}
	for c := 0; c < ' '; c++ {
		if c != '\n' {
			t[c] = bail
		}
	}
	for _, c := range "`<~|\x7f" {
		t[c] = bail
	}
	return t
}()

// inlineByte's classes.
const (
	markup  = 1 + iota // inline's switch decides
	escaped            // text that escape rewrites (a line break, ">", "\"")
	bail               // raw HTML, code, strikethrough, tables, control characters: goldmark's
)

// autolinkAt returns the end of the bare URL at s[start] when it starts a
// word outside a link's text (linkEnd < 0) and autolink takes it.
func autolinkAt(s string, start, linkEnd int) (int, bool) {
	if start > 0 && s[start-1] != ' ' && s[start-1] != '\n' || linkEnd >= 0 {
		return 0, false
	}
	return autolink(s, start)
}

// schemeURL finds the bare URL whose "://" is at s[colon]: its start and
// end, when "http", "https" or "ftp" before the colon starts a word
// outside a link's text and autolink takes it.
func schemeURL(s string, colon, linkEnd int) (start, end int, ok bool) {
	for _, scheme := range [...]string{"http", "https", "ftp"} {
		start := colon - len(scheme)
		if start < 0 || s[start:colon] != scheme {
			continue
		}
		if end, ok := autolinkAt(s, start, linkEnd); ok {
			return start, end, true
		}
	}
	return 0, 0, false
}

// skip returns the index of the first byte of s from i on that t marks,
// or len(s); eight bytes at a time while none is.
func skip(s string, i int, t *[256]uint8) int {
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		if t[w[0]]|t[w[1]]|t[w[2]]|t[w[3]]|t[w[4]]|t[w[5]]|t[w[6]]|t[w[7]] != 0 {
			break
		}
	}
	for i < len(s) && t[s[i]] == 0 {
		i++
	}
	return i
}

// autolink returns the end of the bare URL starting at s[i] that GFM's
// extended autolinks (goldmark's linkify) would link, for the plain
// shapes only: "http://", "https://", "ftp://" or "www.", a lower-case
// host with a dot and a letters-only last label, and an optional path of
// letters, digits and "-./=?#:,!". Trailing "?!.,:" stay text. ok is
// false for anything else (ports, "%", "&", "_", "*", "~", parentheses,
// quotes, upper-case hosts, a URL that runs into other punctuation),
// which goldmark renders.
func autolink(s string, i int) (end int, ok bool) {
	h := i
	switch {
	case strings.HasPrefix(s[i:], "https://"):
		h += len("https://")
	case strings.HasPrefix(s[i:], "http://"):
		h += len("http://")
	case strings.HasPrefix(s[i:], "ftp://"):
		h += len("ftp://")
	case strings.HasPrefix(s[i:], "www."):
		h += len("www.")
	default:
		return 0, false
	}
	j := h
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == '-') {
		j++
	}
	hostEnd := j
	for hostEnd > h && s[hostEnd-1] == '.' {
		hostEnd-- // a full stop after the host
	}
	host := s[h:hostEnd]
	dot := strings.LastIndexByte(host, '.')
	if dot < 1 || dot == len(host)-1 || len(host) > 200 {
		return 0, false
	}
	for _, c := range host[dot+1:] {
		if c < 'a' || c > 'z' {
			return 0, false
		}
	}
	end = hostEnd
	if j == hostEnd && j < len(s) && s[j] == '/' {
		for j < len(s) && urlPathByte[s[j]] {
			j++
		}
		end = j
		for end > hostEnd && strings.IndexByte("?!.,:", s[end-1]) >= 0 {
			end--
		}
	} else {
		// Only a full stop or one of "?!,:" may follow a bare host.
		for j < len(s) && strings.IndexByte("?!.,:", s[j]) >= 0 && j-hostEnd < 1 {
			j++
		}
	}
	if j < len(s) && s[j] != ' ' && s[j] != '\n' {
		return 0, false // the URL runs into something goldmark may read otherwise
	}
	return end, true
}

// urlPathByte marks the bytes of a bare URL's path the direct renderer
// links itself.
var urlPathByte = alnumAnd("-./=?#:,!")

// text adds the inline text's bytes a to b as a text token, if it is not
// empty; esc is the last byte before b that escape rewrites (or a
// backslash or "&"), if any: before a, the text is written as it is.
func (f *fast) text(a, b, esc int) {
	if a < b {
		f.toks = append(f.toks, token{kind: tokText, start: a, end: b, esc: esc >= a})
	}
}

// emphasis pairs the delimiter runs: each closer with the nearest opener
// of the same character and length, never across a link's brackets. A
// closer that meets an opener of another kind gives up; unpaired runs
// stay text.
func (f *fast) emphasis() bool {
	f.stack = f.stack[:0]
	for i := range f.toks {
		t := &f.toks[i]
		switch t.kind {
		case tokLinkOpen:
			f.stack = append(f.stack, -1-i) // a barrier
		case tokLinkClose:
			for len(f.stack) > 0 {
				top := f.stack[len(f.stack)-1]
				f.stack = f.stack[:len(f.stack)-1]
				if top < 0 {
					break
				}
			}
		case tokDelim:
			if t.close && len(f.stack) > 0 && f.stack[len(f.stack)-1] >= 0 {
				o := &f.toks[f.stack[len(f.stack)-1]]
				if o.end-o.start != t.end-t.start || o.ch != t.ch {
					return false
				}
				f.stack = f.stack[:len(f.stack)-1]
				tag := uint8(tagEm)
				if t.end-t.start == 2 {
					tag = tagStrong
				}
				o.tag, t.tag, t.closing = tag, tag, true
				continue
			}
			if t.open {
				f.stack = append(f.stack, i)
			}
		}
	}
	return true
}

// emit writes the tokens as HTML.
func (f *fast) emit(s string) {
	for i := range f.toks {
		t := &f.toks[i]
		switch t.kind {
		case tokText:
			if t.esc {
				f.escape(s[t.start:t.end])
			} else {
				f.sb.WriteString(s[t.start:t.end])
			}
		case tokDelim:
			switch {
			case t.tag == tagNone:
				f.sb.WriteString(s[t.start:t.end])
			case t.closing:
				f.sb.WriteString(closeTag[t.tag])
			default:
				f.sb.WriteString(openTag[t.tag])
			}
		case tokLinkOpen:
			f.sb.WriteString(`<a href="`)
			switch {
			case t.href > 0:
				f.escape(f.hrefs[t.href-1])
			case t.esc:
				f.escape(s[t.start:t.end])
			default:
				f.sb.WriteString(s[t.start:t.end])
			}
			f.sb.WriteString(`">`)
		case tokLinkClose:
			f.sb.WriteString("</a>")
		case tokAutolink:
			u := s[t.start:t.end]
			f.sb.WriteString(`<a href="`)
			if u[0] == 'w' {
				f.sb.WriteString("http://")
			}
			f.sb.WriteString(u)
			f.sb.WriteString(`">`)
			f.sb.WriteString(u)
			f.sb.WriteString("</a>")
		}
	}
}

// escape writes text with HTML's special characters escaped, backslash
// escapes resolved, and line breaks as <br>.
func (f *fast) escape(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if i = skip(s, i, &escapeByte); i == len(s) {
			break
		}
		switch c := s[i]; {
		case c == '\n':
			k := i
			for k > last && s[k-1] == ' ' {
				k-- // spaces before a line break never show
			}
			f.sb.WriteString(s[last:k])
			f.sb.WriteString("<br>\n")
			last = i + 1
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			f.sb.WriteString(s[last:i])
			f.sb.WriteString("<br>\n")
			i++
			last = i + 1
		case c == '\\' && i+1 < len(s) && punct(s[i+1]):
			f.sb.WriteString(s[last:i])
			i++ // the escaped character is text
			last = i
			if rep := htmlEscape(s[i]); rep != "" {
				f.sb.WriteString(rep)
				last = i + 1
			}
		default:
			if rep := htmlEscape(c); rep != "" {
				f.sb.WriteString(s[last:i])
				f.sb.WriteString(rep)
				last = i + 1
			}
		}
	}
	f.sb.WriteString(s[last:])
}

// escapeByte marks the bytes escape looks at: line breaks, backslashes
// and those htmlEscape escapes.
var escapeByte = func() (t [256]uint8) {
	for _, c := range "\n\\&>\"" {
		t[c] = 1
	}
	return t
}()

// htmlEscape returns what goldmark writes for c in text, if not c itself
// ("<" never reaches it).
func htmlEscape(c byte) string {
	switch c {
	case '&':
		return "&amp;"
	case '>':
		return "&gt;"
	case '"':
		return "&quot;"
	}
	return ""
}

// space and punct classify ASCII bytes as CommonMark does; a line break
// counts as white space.
func space(c byte) bool { return c == ' ' || c == '\n' }

func punct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func hex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// entityLike reports whether s (the text after a "&") starts like an
// entity or character reference: letters, digits or "#", then ";".
func entityLike(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ';' {
			return i > 0
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return false
		}
	}
	return false
}

// destClass sorts the bytes of a link destination for inline: those
// written as they are, the end, those to check ("%", "&") and those that
// send the note to goldmark (any byte outside destByte, and "~", which
// is strikethrough anywhere).
var destClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == ')':
			t[c] = destEnd
		case c == '%' || c == '&':
			t[c] = destCheck
		case !destByte[c] || c == '~':
			t[c] = destBail
		}
	}
	return t
}()

// destClass's classes.
const (
	destPlain = iota
	destEnd
	destCheck
	destBail
)

// hrefBytes reports whether goldmark writes the resolved destination u
// into href as it is: every byte one of destByte, every "%" the start of
// a percent-encoded byte.
func hrefBytes(u string) bool {
	for i := 0; i < len(u); i++ {
		if !destByte[u[i]] || u[i] == '%' && !(i+2 < len(u) && hex(u[i+1]) && hex(u[i+2])) {
			return false
		}
	}
	return true
}

// destByte marks the bytes a link destination may hold on the direct
// path: those goldmark writes into href unchanged (and "&", "%", which
// are checked apart). Parentheses and anything goldmark would
// percent-encode go to goldmark.
var destByte = alnumAnd("!#$%&'*+,-./:;=?@_~")

// alnumAnd returns the set of ASCII letters and digits and the bytes of
// extra.
func alnumAnd(extra string) (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for i := range len(extra) {
		t[extra[i]] = true
	}
	return t
}
