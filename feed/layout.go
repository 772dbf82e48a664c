package feed

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Layout indexes the elements of a feed by their place in the document, so
// that a line and column reported about the feed (by a validator) can be
// traced back to the element, and the item, it falls in. It is made for
// the well-formed feeds Encode writes; on anything else it indexes what it
// can and never fails.
type Layout struct {
	data    []byte
	lines   []int // byte offset where each line starts
	elems   []layoutElem
	channel int // index of the channel element, -1 when none
}

type layoutElem struct {
	start, end int // byte offsets of '<' and just past the element's end
	parent     int // index in elems; -1 for the root
	name       string
	nth        int // index among the parent's children of the same name
	item       int // index of the channel item it is in, or -1
}

// Spot is what a position of a feed falls in.
type Spot struct {
	// Item is the index of the channel's item the position is in (0 for
	// the first <item>), or -1 when it is outside every item.
	Item int
	// Path lists the elements from the child of the channel (outside
	// items) or of the item, down to the innermost element holding the
	// position; empty when the position is on the item or the channel
	// itself, or outside the channel.
	Path []Step
	// Attr is the attribute whose name starts at the position, if any.
	Attr string
}

// Step is one element of a Spot's Path.
type Step struct {
	Name string // the qualified name as written, e.g. "itunes:image"
	N    int    // index among its parent's children of the same name
}

// NewLayout indexes data, a whole feed document.
func NewLayout(data []byte) *Layout {
	l := &Layout{data: data, lines: []int{0}}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		l.lines = append(l.lines, off)
	}
	l.scan()
	return l
}

// scan records every element's extent. Counts of same-named children are
// kept per open element.
func (l *Layout) scan() {
	d := l.data
	type key struct {
		parent int
		name   string
	}
	counts := map[key]int{} // children so far, by parent and name
	names := map[string]string{}
	intern := func(b []byte) string {
		if s, ok := names[string(b)]; ok {
			return s
		}
		s := string(b)
		names[s] = s
		return s
	}
	stack := []int{-1} // open elements

	channel, items := -1, 0
	defer func() { l.channel = channel }()
	closeTop := func(end int) {
		l.elems[stack[len(stack)-1]].end = end
		stack = stack[:len(stack)-1]
	}
	for pos := 0; pos < len(d); {
		i := bytes.IndexByte(d[pos:], '<')
		if i < 0 {
			break
		}
		pos += i
		rest := d[pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			pos = skipTo(d, pos, "]]>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			pos = skipTo(d, pos, "-->")
		case bytes.HasPrefix(rest, []byte("<?")):
			pos = skipTo(d, pos, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			pos = skipTo(d, pos, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			end := skipTo(d, pos, ">")
			name := string(bytes.TrimSpace(d[pos+2 : max(pos+2, end-1)]))
			// Close up to the matching open element, if there is one.
			for k := len(stack) - 1; k > 0; k-- {
				if l.elems[stack[k]].name == name {
					for len(stack) > k {
						closeTop(end)
					}
					break
				}
			}
			pos = end
		default:
			n := pos + 1
			for n < len(d) && !isSpace(d[n]) && d[n] != '>' && d[n] != '/' {
				n++
			}
			name := intern(d[pos+1 : n])
			end, selfClosing := tagEnd(d, n)
			parent := stack[len(stack)-1]
			k := key{parent, name}
			e := layoutElem{start: pos, end: len(d), parent: parent, name: name, nth: counts[k], item: -1}
			counts[k]++
			if parent >= 0 {
				e.item = l.elems[parent].item
			}
			if name == "channel" && channel < 0 && parent >= 0 && l.elems[parent].parent < 0 {
				channel = len(l.elems)
			}
			if name == "item" && channel >= 0 && parent == channel {
				e.item = items
				items++
			}
			l.elems = append(l.elems, e)
			if selfClosing {
				l.elems[len(l.elems)-1].end = end
			} else {
				stack = append(stack, len(l.elems)-1)
			}
			pos = end
		}
	}
	for len(stack) > 1 {
		closeTop(len(d))
	}
}

// skipTo returns the offset just past the first marker at or after pos,
// or the end of d.
func skipTo(d []byte, pos int, marker string) int {
	i := bytes.Index(d[pos:], []byte(marker))
	if i < 0 {
		return len(d)
	}
	return pos + i + len(marker)
}

// tagEnd finds the '>' ending a start tag whose attributes begin at n,
// skipping quoted values; it returns the offset past it.
func tagEnd(d []byte, n int) (end int, selfClosing bool) {
	for n < len(d) {
		switch c := d[n]; c {
		case '"', '\'':
			j := bytes.IndexByte(d[n+1:], c)
			if j < 0 {
				return len(d), false
			}
			n += j + 2
		case '>':
			return n + 1, d[n-1] == '/'
		default:
			n++
		}
	}
	return len(d), false
}

// offset converts a 1-based line and column to an offset in data. The
// column counts characters (code points; each byte of an invalid UTF-8
// sequence is one), as the validator's positions do; it stops at the end
// of the line.
func (l *Layout) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.lines) {
		return len(l.data)
	}
	off := l.lines[line-1]
	for c := 1; c < col && off < len(l.data) && l.data[off] != '\n'; c++ {
		if b := l.data[off]; b < utf8.RuneSelf {
			off++
			continue
		}
		_, size := utf8.DecodeRune(l.data[off:])
		off += size
	}
	return off
}

// At returns what the position line:col (1-based; col counts characters,
// as in validate.Pos) of the feed falls in.
func (l *Layout) At(line, col int) Spot {
	off := l.offset(line, col)
	// The last element starting at or before off; then out to the first
	// one that still holds off.
	k := sort.Search(len(l.elems), func(i int) bool { return l.elems[i].start > off }) - 1
	for k >= 0 && l.elems[k].end <= off {
		k = l.elems[k].parent
	}
	loc := Spot{Item: -1}
	if k < 0 {
		return loc
	}
	loc.Item = l.elems[k].item
	for e := k; e >= 0; e = l.elems[e].parent {
		el := l.elems[e]
		if e == l.channel || (el.parent == l.channel && el.name == "item") {
			break
		}
		if el.parent < 0 {
			// The root element: outside the channel.
			loc.Path = nil
			return loc
		}
		loc.Path = append(loc.Path, Step{Name: el.name, N: el.nth})
	}
	for i, j := 0, len(loc.Path)-1; i < j; i, j = i+1, j-1 {
		loc.Path[i], loc.Path[j] = loc.Path[j], loc.Path[i]
	}
	loc.Attr = attrAt(l.data, off, l.elems[k].start)
	return loc
}

// attrAt returns the attribute name that starts at off inside the start
// tag beginning at tagStart, or "".
func attrAt(d []byte, off, tagStart int) string {
	if off <= tagStart || off >= len(d) {
		return ""
	}
	if end, _ := tagEnd(d, tagStart+1); off >= end {
		return ""
	}
	n := off
	for n < len(d) && (isNameByte(d[n])) {
		n++
	}
	if n == off || n >= len(d) || d[n] != '=' || isNameByte(d[off-1]) {
		return ""
	}
	return string(d[off:n])
}

func isNameByte(c byte) bool {
	return c == ':' || c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
