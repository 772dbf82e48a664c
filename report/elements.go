package report

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// outline indexes the elements of a feed document by byte offset, for the
// html format's grouping: which item a position falls in, the item's
// title, and the elements from the channel (or item) down to the position.
// It reads any document, well-formed or not, and never fails: what it
// cannot place is outside every item.
type outline struct {
	data  []byte
	lines []int // offset where each line starts
	elems []olElem
	items []olItem
}

type olElem struct {
	start, end int // offsets of '<' and just past the element
	parent     int // index in elems, -1 for the root
	name       string
	item       int // the channel item it is in, -1 outside
}

type olItem struct {
	start, end int
	title      string
}

func newOutline(data []byte) *outline {
	o := &outline{data: data, lines: []int{0}}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		o.lines = append(o.lines, off)
	}
	o.scan()
	return o
}

func (o *outline) scan() {
	d := o.data
	stack := []int{}
	channel := -1
	closeTop := func(end int) {
		e := &o.elems[stack[len(stack)-1]]
		e.end = end
		if e.name == "item" && e.item >= 0 {
			o.items[e.item].end = end
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
			for k := len(stack) - 1; k >= 0; k-- {
				if o.elems[stack[k]].name == name {
					for len(stack) > k {
						closeTop(end)
					}
					break
				}
			}
			pos = end
		default:
			n := pos + 1
			for n < len(d) && !isXMLSpace(d[n]) && d[n] != '>' && d[n] != '/' {
				n++
			}
			if n == pos+1 {
				pos++ // a lone '<'
				continue
			}
			name := string(d[pos+1 : n])
			end, selfClosing := startTagEnd(d, n)
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			e := olElem{start: pos, end: len(d), parent: parent, name: name, item: -1}
			if parent >= 0 {
				e.item = o.elems[parent].item
			}
			switch {
			case name == "channel" && channel < 0 && parent >= 0 && o.elems[parent].parent < 0:
				channel = len(o.elems)
			case name == "item" && channel >= 0 && parent == channel:
				e.item = len(o.items)
				o.items = append(o.items, olItem{start: pos, end: len(d)})
			case name == "title" && e.item >= 0 && parent >= 0 && o.elems[parent].name == "item" && o.items[e.item].title == "" && !selfClosing:
				o.items[e.item].title = elementText(d, end)
			}
			o.elems = append(o.elems, e)
			if selfClosing {
				o.elems[len(o.elems)-1].end = end
			} else {
				stack = append(stack, len(o.elems)-1)
			}
			pos = end
		}
	}
	for len(stack) > 0 {
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

func skipPast(d []byte, pos int, marker string) int {
	i := bytes.Index(d[pos:], []byte(marker))
	if i < 0 {
		return len(d)
	}
	return pos + i + len(marker)
}

func startTagEnd(d []byte, n int) (int, bool) {
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

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// offset converts a 1-based line and a column counted in characters (as
// the validator counts them: each byte of an invalid UTF-8 sequence is
// one) to a byte offset.
func (o *outline) offset(line, col int) int {
	if line < 1 || line > len(o.lines) {
		return -1
	}
	off := o.lines[line-1]
	for c := 1; c < col && off < len(o.data) && o.data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(o.data[off:])
		off += size
	}
	return off
}

// at returns the item a position is in (-1: none) and the names of the
// elements holding it, outermost first, below the channel or the item.
func (o *outline) at(line, col int) (item int, path []string) {
	off := o.offset(line, col)
	if off < 0 {
		return -1, nil
	}
	k := sort.Search(len(o.elems), func(i int) bool { return o.elems[i].start > off }) - 1
	for k >= 0 && o.elems[k].end <= off {
		k = o.elems[k].parent
	}
	if k < 0 {
		return -1, nil
	}
	item = o.elems[k].item
	for e := k; e >= 0; e = o.elems[e].parent {
		el := o.elems[e]
		if el.name == "channel" || (el.name == "item" && el.item >= 0) || el.parent < 0 {
			break
		}
		path = append(path, el.name)
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return item, path
}

// line returns the text of 1-based line n without its line break.
func (o *outline) line(n int) []byte {
	if n < 1 || n > len(o.lines) {
		return nil
	}
	start, end := o.lines[n-1], len(o.data)
	if n < len(o.lines) {
		end = o.lines[n] - 1
	}
	return bytes.TrimSuffix(o.data[start:end], []byte("\r"))
}
