package xmlspot

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// Index is the element index of one document.
type Index struct {
	data    []byte
	lines   []int // byte offset where each line starts
	elems   []elem
	items   []Item
	channel int // index in elems of the channel element, -1 when none
}

type elem struct {
	start, end int // byte offsets of '<' and just past the element's end
	parent     int // index in elems; -1 for the root
	name       string
	nth        int // index among the parent's children of the same name
	item       int // index of the channel item it is in, or -1
}

// Item is one <item> of the channel.
type Item struct {
	// Start and End are the byte offsets of the item's '<' and just past
	// its end tag (the end of the document when it is not closed, or is
	// written <item/>).
	Start, End int
	// Title is the text of the item's first <title> child that has some,
	// CDATA unwrapped, entities decoded and white space folded; "" when
	// none has.
	Title string
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

// New indexes data, a whole document.
func New(data []byte) *Index {
	ix := &Index{data: data, lines: []int{0}}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		ix.lines = append(ix.lines, off)
	}
	ix.scan()
	return ix
}

// scan records every element's extent, the channel, and each channel
// item's extent and title. Counts of same-named children are kept per open
// element. A '<' not followed by a name (as in "a < b" in a document that
// is not well-formed) is text.
func (ix *Index) scan() {
	d := ix.data
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
	ix.channel = -1
	closeTop := func(end int) {
		e := &ix.elems[stack[len(stack)-1]]
		e.end = end
		if e.name == "item" && e.item >= 0 {
			ix.items[e.item].End = end
		}
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
			pos = skipPast(d, pos, "]]>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			pos = skipPast(d, pos, "-->")
		case bytes.HasPrefix(rest, []byte("<?")):
			pos = skipPast(d, pos, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			pos = skipPast(d, pos, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			end := skipPast(d, pos, ">")
			name := string(bytes.TrimSpace(d[pos+2 : max(pos+2, end-1)]))
			// Close up to the matching open element, if there is one.
			for k := len(stack) - 1; k > 0; k-- {
				if ix.elems[stack[k]].name == name {
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
			if n == pos+1 {
				pos++ // a lone '<'
				continue
			}
			name := intern(d[pos+1 : n])
			end, selfClosing := tagEnd(d, n)
			parent := stack[len(stack)-1]
			k := key{parent, name}
			e := elem{start: pos, end: len(d), parent: parent, name: name, nth: counts[k], item: -1}
			counts[k]++
			if parent >= 0 {
				e.item = ix.elems[parent].item
			}
			switch {
			case name == "channel" && ix.channel < 0 && parent >= 0 && ix.elems[parent].parent < 0:
				ix.channel = len(ix.elems)
			case name == "item" && ix.channel >= 0 && parent == ix.channel:
				e.item = len(ix.items)
				ix.items = append(ix.items, Item{Start: pos, End: len(d)})
			case name == "title" && e.item >= 0 && parent >= 0 && ix.elems[parent].name == "item" && ix.items[e.item].Title == "" && !selfClosing:
				ix.items[e.item].Title = elementText(d, end)
			}
			ix.elems = append(ix.elems, e)
			if selfClosing {
				ix.elems[len(ix.elems)-1].end = end
			} else {
				stack = append(stack, len(ix.elems)-1)
			}
			pos = end
		}
	}
	for len(stack) > 1 {
		closeTop(len(d))
	}
}

// elementText is the text from off to the next tag, CDATA unwrapped and
// entities decoded, on one line.
func elementText(d []byte, off int) string {
	var b strings.Builder
	for off < len(d) && b.Len() < 300 {
		rest := d[off:]
		if bytes.HasPrefix(rest, []byte("<![CDATA[")) {
			end := skipPast(d, off, "]]>")
			b.Write(d[off+9 : max(off+9, end-3)])
			off = end
			continue
		}
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			i = len(rest)
		}
		b.WriteString(html.UnescapeString(string(rest[:i])))
		if i < len(rest) {
			break
		}
		off += i
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// skipPast returns the offset just past the first marker at or after pos,
// or the end of d.
func skipPast(d []byte, pos int, marker string) int {
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

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// offset converts a 1-based line and column to a byte offset, or -1 when
// the line is not in the document. The column counts characters (code
// points; each byte of an invalid UTF-8 sequence is one), as the
// validator's positions do; it stops at the end of the line.
func (ix *Index) offset(line, col int) int {
	if line < 1 || line > len(ix.lines) {
		return -1
	}
	off := ix.lines[line-1]
	return off + ColumnOffset(ix.data[off:], col)
}

// ColumnOffset returns the byte offset in line (the text from the start of
// a line on) of its 1-based column col, counted in characters as At counts
// them; it stops at the line's end.
func ColumnOffset(line []byte, col int) int {
	off := 0
	for c := 1; c < col && off < len(line) && line[off] != '\n'; c++ {
		if b := line[off]; b < utf8.RuneSelf {
			off++
			continue
		}
		_, size := utf8.DecodeRune(line[off:])
		off += size
	}
	return off
}

// innermost returns the index in elems of the innermost element holding
// byte offset off, or -1.
func (ix *Index) innermost(off int) int {
	if off < 0 {
		return -1
	}
	// The last element starting at or before off; then out to the first
	// one that still holds off.
	k := sort.Search(len(ix.elems), func(i int) bool { return ix.elems[i].start > off }) - 1
	for k >= 0 && ix.elems[k].end <= off {
		k = ix.elems[k].parent
	}
	return k
}

// At returns what the position line:col (1-based; col counts characters,
// as in validate.Pos) of the feed falls in. Its Path is relative to the
// channel, or to the channel item: a position outside the channel has
// none.
func (ix *Index) At(line, col int) Spot {
	return ix.AtOffset(ix.offset(line, col))
}

// AtOffset is At for a byte offset of the document (-1: none).
func (ix *Index) AtOffset(off int) Spot {
	k := ix.innermost(off)
	loc := Spot{Item: -1}
	if k < 0 {
		return loc
	}
	loc.Item = ix.elems[k].item
	for e := k; e >= 0; e = ix.elems[e].parent {
		el := ix.elems[e]
		if e == ix.channel || (el.parent == ix.channel && el.name == "item") {
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
	loc.Attr = attrAt(ix.data, off, ix.elems[k].start)
	return loc
}

// Names returns the item the position line:col is in (-1: none) and the
// names of the elements holding it, outermost first, for a reader: unlike
// At's Path they stop below the nearest element named channel, the nearest
// channel item (an <item> within one too), or the root, so that a
// position outside the channel, or in a document with no channel, is
// still named.
func (ix *Index) Names(line, col int) (item int, names []string) {
	k := ix.innermost(ix.offset(line, col))
	if k < 0 {
		return -1, nil
	}
	item = ix.elems[k].item
	for e := k; e >= 0; e = ix.elems[e].parent {
		el := ix.elems[e]
		if el.name == "channel" || (el.name == "item" && el.item >= 0) || el.parent < 0 {
			break
		}
		names = append(names, el.name)
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return item, names
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

// Items returns the channel's items, in document order. Spot.Item and the
// item Names returns index it.
func (ix *Index) Items() []Item { return ix.items }

// Lines returns the number of lines of the document (a final line break
// starts an empty last line).
func (ix *Index) Lines() int { return len(ix.lines) }

// Line returns the text of 1-based line n without its line break (a
// trailing "\r" dropped too), or nil when there is no such line.
func (ix *Index) Line(n int) []byte {
	if n < 1 || n > len(ix.lines) {
		return nil
	}
	start, end := ix.lines[n-1], len(ix.data)
	if n < len(ix.lines) {
		end = ix.lines[n] - 1
	}
	return bytes.TrimSuffix(ix.data[start:end], []byte("\r"))
}

// LineOf returns the 1-based line holding byte offset off.
func (ix *Index) LineOf(off int) int {
	lo, hi := 0, len(ix.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if ix.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}
