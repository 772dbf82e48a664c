// Package flatyaml parses the simplest YAML documents, a flat map of
// one-line scalars and block lists of them, into the node tree
// go.yaml.in/yaml/v3 would give, at a fraction of its cost.
//
// Episode front matter is nearly always such a map ("title: …",
// "date: 2024-05-01T10:00:00Z", "length: 48213344"), and a show of
// thousands of episodes parses thousands of them per build. Parse takes a
// document only when every line is "key: value" with the key at the start
// of the line and the value a plain, single- or double-quoted scalar whose
// meaning (and resolved tag) it is sure of, or "key:" followed by a block
// list ("- item") whose items are such scalars or maps of them (the
// transcripts and persons of an episode); anything else (nested maps,
// flow style, comments, escapes, multi-line values, numbers it would have
// to guess) is left to yaml.v3. A table, generated cases and a fuzz
// target compare the two trees.
package flatyaml

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse returns the document node for data, or ok false when data is not
// a map of scalars and block lists it is sure about. The keys and values
// are substrings of data: nothing is copied.
func Parse(data string) (doc *yaml.Node, ok bool) {
	doc, ok, _ = parse(data, nil)
	return doc, ok
}

// Doc is a document ParseDoc parsed. Its nodes live in one block of
// memory, which Release hands back for a later ParseDoc to use.
type Doc struct {
	Root  *yaml.Node
	nodes *[]yaml.Node
}

// arenas holds node blocks given back by Release.
var arenas sync.Pool

// ParseDoc is Parse, with the nodes in a block of memory that a previous
// document gave back, when there is one: a show of thousands of episode
// files parses thousands of documents, each of which is garbage once
// decoded.
func ParseDoc(data string) (*Doc, bool) {
	arena, _ := arenas.Get().(*[]yaml.Node)
	if arena == nil {
		arena = new([]yaml.Node)
	}
	doc, ok, p := parse(data, arena)
	*arena = p.nodes
	d := &Doc{Root: doc, nodes: arena}
	if !ok {
		d.Release()
		return nil, false
	}
	return d, true
}

// Release gives d's nodes back for reuse. Nothing may use d's nodes
// afterwards, nor any node reached from them: copy what must be kept
// (the strings are data's, and stay).
func (d *Doc) Release() {
	if d == nil || d.nodes == nil {
		return
	}
	clear(*d.nodes)
	*d.nodes = (*d.nodes)[:0]
	arenas.Put(d.nodes)
	d.Root, d.nodes = nil, nil
}

// parse is Parse, also returning the parser for tests to inspect; arena,
// when not nil, is an empty node block to use if it is large enough.
func parse(data string, arena *[]yaml.Node) (doc *yaml.Node, ok bool, p *parser) {
	// A line makes at most two nodes (a key and its value or list), three
	// for a list item that opens a map: one allocation holds them all, and
	// never moves.
	lines, items, top0 := 0, 0, 0
	for i := 0; i < len(data); {
		j := i
		for j < len(data) && data[j] == ' ' {
			j++
		}
		if j == i {
			top0++
		}
		if j+1 < len(data) && data[j] == '-' && data[j+1] == ' ' {
			items++
		}
		lines++
		if k := strings.IndexByte(data[j:], '\n'); k >= 0 {
			j += k
		} else {
			j = len(data)
		}
		i = j + 1
	}
	need := 2*lines + items + 2
	p = &parser{data: data}
	switch {
	case arena == nil:
		p.nodes = make([]yaml.Node, 0, need)
	case cap(*arena) >= need:
		p.nodes = (*arena)[:0]
	default:
		p.nodes = make([]yaml.Node, 0, max(need, 64))
	}
	doc = p.node(yaml.Node{Kind: yaml.DocumentNode, Column: 1})
	top := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Column: 1, Content: make([]*yaml.Node, 0, 2*top0)})
	p.keysOf[0] = top
	doc.Content = []*yaml.Node{top}
	p.advance()
	if p.eof {
		return nil, false, p
	}
	doc.Line, top.Line = p.num, p.num
	for !p.eof {
		if p.indent != 0 {
			return nil, false, p
		}
		key, val, ok := p.pair(top, 0)
		if !ok {
			return nil, false, p
		}
		p.advance()
		if val == nil {
			// "key:" alone: a block list follows.
			if val, ok = p.list(); !ok {
				return nil, false, p
			}
		}
		top.Content = append(top.Content, key, val)
	}
	return doc, true, p
}

// parser walks data line by line.
type parser struct {
	data  string
	pos   int
	nodes []yaml.Node
	// The current line: its number, indentation and text after the
	// indentation, without trailing spaces.
	num    int
	indent int
	text   string
	eof    bool
	// keys[i] holds the keys of the map keysOf[i] (0: the top-level map,
	// 1: the current list item) once it has more than smallMap of them.
	keysOf [2]*yaml.Node
	keys   [2]map[string]struct{}
	// compares counts key comparisons, for a test of the bound.
	compares int
}

// smallMap is the number of keys up to which a map's keys are compared
// one by one for duplicates; past it, a set of them is kept.
const smallMap = 16

// duplicate reports whether the map m already has the key name. Small
// maps (every episode's front matter) are searched; a large one gets a
// set, so that a document of n keys costs O(n), not O(n²).
func (p *parser) duplicate(m *yaml.Node, name string) bool {
	if len(m.Content) < 2*smallMap {
		for i := 0; i < len(m.Content); i += 2 {
			p.compares++
			if m.Content[i].Value == name {
				return true
			}
		}
		return false
	}
	// Only two maps can be growing: the top-level one and the current
	// list item's. Each has its set, made once.
	set := &p.keys[0]
	if p.keysOf[0] != m {
		set = &p.keys[1]
		if p.keysOf[1] != m {
			p.keysOf[1], p.keys[1] = m, nil
		}
	}
	if *set == nil {
		*set = make(map[string]struct{}, len(m.Content))
		for i := 0; i < len(m.Content); i += 2 {
			(*set)[m.Content[i].Value] = struct{}{}
		}
	}
	p.compares++
	if _, ok := (*set)[name]; ok {
		return true
	}
	(*set)[name] = struct{}{}
	return false
}

// node stores n in the parser's arena and returns its address.
func (p *parser) node(n yaml.Node) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		panic("flatyaml: node arena too small") // would move the nodes made so far
	}
	p.nodes = append(p.nodes, n)
	return &p.nodes[len(p.nodes)-1]
}

// advance moves to the next line that is not blank.
func (p *parser) advance() {
	for p.pos < len(p.data) {
		end := len(p.data)
		if k := strings.IndexByte(p.data[p.pos:], '\n'); k >= 0 {
			end = p.pos + k
		}
		l := p.data[p.pos:end]
		p.pos = end + 1
		p.num++
		for len(l) > 0 && l[len(l)-1] == ' ' {
			l = l[:len(l)-1]
		}
		i := 0
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i < len(l) {
			p.indent, p.text = i, l[i:]
			return
		}
	}
	p.eof = true
}

// pair reads "key: value" from the current line, whose text starts at
// column col (0-based), into the map m: val is nil for "key:" alone.
func (p *parser) pair(m *yaml.Node, col int) (key, val *yaml.Node, ok bool) {
	l := p.text
	k := keyLen(l)
	if k == 0 || k > 128 || k == len(l) || l[k] != ':' || k+1 < len(l) && l[k+1] != ' ' {
		// (YAML caps an implicit key at 1024 characters.)
		return nil, nil, false
	}
	name := l[:k]
	if p.duplicate(m, name) {
		return nil, nil, false // a duplicate: yaml.v3's error to report
	}
	tag := resolve(name)
	if tag == "" {
		return nil, nil, false
	}
	key = p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: name, Line: p.num, Column: col + 1})
	v := k + 1
	for v < len(l) && l[v] == ' ' {
		v++
	}
	if v == len(l) {
		return key, nil, true
	}
	val, ok = p.scalar(l[v:], col+v)
	return key, val, ok
}

// list reads a block list starting at the current line: "- item" lines
// at one indentation, each item a scalar or a map of scalars.
func (p *parser) list() (*yaml.Node, bool) {
	if p.eof || len(p.text) < 3 || p.text[0] != '-' || p.text[1] != ' ' {
		return nil, false
	}
	ind := p.indent
	seq := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.num, Column: ind + 1})
	for !p.eof && p.indent == ind && len(p.text) >= 2 && p.text[0] == '-' && p.text[1] == ' ' {
		col := ind + 2
		p.text = p.text[2:]
		if p.text[0] == ' ' {
			return nil, false
		}
		if k := keyLen(p.text); k > 0 && k < len(p.text) && p.text[k] == ':' && (k+1 == len(p.text) || p.text[k+1] == ' ') {
			m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.num, Column: col + 1})
			for first := true; first || !p.eof && p.indent == col; first = false {
				key, val, ok := p.pair(m, col)
				if !ok || val == nil {
					return nil, false
				}
				m.Content = append(m.Content, key, val)
				p.advance()
			}
			seq.Content = append(seq.Content, m)
			continue
		}
		val, ok := p.scalar(p.text, col)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, val)
		p.advance()
	}
	if !p.eof && p.indent != 0 {
		return nil, false
	}
	return seq, true
}

// scalar reads a one-line scalar written raw at column col (0-based).
func (p *parser) scalar(raw string, col int) (*yaml.Node, bool) {
	if len(raw) == 0 || !printable(raw) {
		return nil, false
	}
	var style yaml.Style
	var value, tag string
	switch raw[0] {
	case '"', '\'':
		q := raw[0]
		if len(raw) < 2 || raw[len(raw)-1] != q {
			return nil, false
		}
		inner := raw[1 : len(raw)-1]
		quotes := 0
		for i := 0; i < len(inner); i++ {
			switch c := inner[i]; {
			case c == '\\' && q == '"':
				return nil, false // an escape
			case c == q && q == '\'' && i+1 < len(inner) && inner[i+1] == '\'':
				quotes++ // '' is one quote
				i++
			case c == q:
				return nil, false
			}
		}
		value, tag = inner, "!!str"
		style = yaml.DoubleQuotedStyle
		if q == '\'' {
			style = yaml.SingleQuotedStyle
			if quotes > 0 {
				value = strings.ReplaceAll(value, "''", "'")
			}
		}
	default:
		if !plain(raw) {
			return nil, false
		}
		value = raw
		if tag = resolve(value); tag == "" {
			return nil, false
		}
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: tag, Value: value, Line: p.num, Column: col + 1}), true
}

// keyLen returns the length of the key name at the start of l: a letter
// or "_", then letters, digits and "_".
func keyLen(l string) int {
	k := 0
	for k < len(l) && (l[k] >= 'a' && l[k] <= 'z' || l[k] >= 'A' && l[k] <= 'Z' || l[k] == '_' || k > 0 && l[k] >= '0' && l[k] <= '9') {
		k++
	}
	return k
}

// printable reports whether b is valid UTF-8 of characters YAML allows in
// a document, without tabs, carriage returns and the Unicode line and
// paragraph separators (line breaks to yaml.v3; left to it).
func printable(b string) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError || r < 0xa0 || r >= 0xd800 && r < 0xe000 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// plain reports whether b is a one-line plain scalar whose text is b
// itself: it starts with no indicator and holds no ": " or " #".
func plain(b string) bool {
	switch b[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return false
	}
	if b[len(b)-1] == ':' {
		return false
	}
	for i := 0; i+1 < len(b); i++ {
		if b[i] == ':' && b[i+1] == ' ' || b[i] == ' ' && b[i+1] == '#' {
			return false
		}
	}
	return true
}

// resolve returns the tag yaml.v3 resolves the plain scalar s to, or ""
// for the few values whose tag takes more of yaml.v3's rules than are
// written here (.inf, .nan and their signed forms, "<<").
func resolve(s string) string {
	switch c := s[0]; {
	case c == '.' || c == '+' || c == '-':
		if t := strings.TrimLeft(s, "+-"); len(t) > 1 && t[0] == '.' && strings.ContainsRune("iInN", rune(t[1])) {
			return ""
		}
		if c == '.' {
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				return "!!float"
			}
			return "!!str"
		}
		return number(s)
	case c >= '0' && c <= '9':
		return number(s)
	case c == '<':
		return ""
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}

// number resolves a plain scalar that starts with a digit or a sign: a
// timestamp, an integer (decimal, 0x, 0o, 0b, with "_" between digits), a
// float, or else a string ("0:17:51", "3 hours", a UUID).
func number(s string) string {
	if ts(s) {
		return "!!timestamp"
	}
	if strings.Trim(s, "0123456789abcdefABCDEFxXoO_.+-") != "" {
		return "!!str" // a byte no number has: no need to parse
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if digits, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseInt(digits, p.base, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(digits, p.base, 64); err == nil {
				return "!!int"
			}
		} else if digits, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
			if _, err := strconv.ParseInt("-"+digits, p.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// yamlFloat reports whether s is a float as YAML 1.2's core schema writes
// it: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
func yamlFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// tsLayouts are the layouts of YAML's timestamp type.
var tsLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// ts reports whether s is a YAML timestamp: four digits, "-", then one of
// tsLayouts.
func ts(s string) bool {
	if len(s) < 5 || s[4] != '-' || strings.Trim(s[:4], "0123456789") != "" {
		return false
	}
	for _, layout := range tsLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
