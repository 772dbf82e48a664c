// Package flatyaml parses the simplest YAML documents, a flat map of
// one-line scalars, into the node tree go.yaml.in/yaml/v3 would give, at
// a fraction of its cost.
//
// Episode front matter is nearly always such a map ("title: …",
// "date: 2024-05-01T10:00:00Z", "length: 48213344"), and a show of
// thousands of episodes parses thousands of them per build. Parse takes a
// document only when every line is "key: value" with the key at the start
// of the line and the value a plain, single- or double-quoted scalar whose
// meaning (and resolved tag) it is sure of; anything else (lists, maps,
// comments, escapes, multi-line values, numbers it would have to guess)
// is left to yaml.v3. A test and a fuzz target compare the two trees.
package flatyaml

import (
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse returns the document node for data, or ok false when data is not
// a flat map of scalars it is sure about.
func Parse(data []byte) (doc *yaml.Node, ok bool) {
	// Count the keys to allocate every node at once.
	n := 0
	for i := 0; i < len(data); i++ {
		if data[i] == '\n' {
			n++
		}
	}
	n++
	nodes := make([]yaml.Node, 2, 2+2*n)
	content := make([]*yaml.Node, 0, 2*n)
	var keys []string // seen keys, to leave duplicates (an error) to yaml.v3

	for line, pos := 1, 0; pos < len(data); line++ {
		end := pos
		for end < len(data) && data[end] != '\n' {
			end++
		}
		l := data[pos:end]
		pos = end + 1
		if len(l) == 0 {
			continue
		}
		// The key.
		k := 0
		for k < len(l) && (l[k] >= 'a' && l[k] <= 'z' || l[k] >= 'A' && l[k] <= 'Z' || l[k] == '_' || k > 0 && l[k] >= '0' && l[k] <= '9') {
			k++
		}
		if k == 0 || k > 128 || k+1 >= len(l) || l[k] != ':' || l[k+1] != ' ' {
			// (YAML caps an implicit key at 1024 characters.)
			return nil, false
		}
		key := string(l[:k])
		for _, seen := range keys {
			if seen == key {
				return nil, false
			}
		}
		keys = append(keys, key)
		// The value.
		v := k + 1
		for v < len(l) && l[v] == ' ' {
			v++
		}
		raw := l[v:]
		for len(raw) > 0 && raw[len(raw)-1] == ' ' {
			raw = raw[:len(raw)-1]
		}
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
			for _, c := range inner {
				if c == q || c == '\\' {
					return nil, false
				}
			}
			value, tag = string(inner), "!!str"
			style = yaml.DoubleQuotedStyle
			if q == '\'' {
				style = yaml.SingleQuotedStyle
			}
		default:
			if !plain(raw) {
				return nil, false
			}
			value = string(raw)
			if tag = resolve(value); tag == "" {
				return nil, false
			}
		}
		keyTag := resolve(key)
		if keyTag == "" {
			return nil, false
		}
		nodes = append(nodes,
			yaml.Node{Kind: yaml.ScalarNode, Tag: keyTag, Value: key, Line: line, Column: 1},
			yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: tag, Value: value, Line: line, Column: v + 1})
		content = append(content, &nodes[len(nodes)-2], &nodes[len(nodes)-1])
	}
	if len(content) == 0 {
		return nil, false
	}
	nodes[0] = yaml.Node{Kind: yaml.DocumentNode, Line: content[0].Line, Column: 1, Content: []*yaml.Node{&nodes[1]}}
	nodes[1] = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: content[0].Line, Column: 1, Content: content}
	return &nodes[0], true
}

// printable reports whether b is valid UTF-8 of characters YAML allows in
// a document, without tabs, carriage returns and the Unicode line and
// paragraph separators (line breaks to yaml.v3; left to it).
func printable(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || r < 0xa0 || r >= 0xd800 && r < 0xe000 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// plain reports whether b is a one-line plain scalar whose text is b
// itself: it starts with no indicator and holds no ": " or " #".
func plain(b []byte) bool {
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
// when it would have to reproduce more of yaml.v3's rules than null,
// booleans, decimal integers and timestamps.
func resolve(s string) string {
	switch c := s[0]; {
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		if ts(s) {
			return "!!timestamp"
		}
		if c != '0' && len(s) <= 18 && strings.Trim(s, "0123456789") == "" {
			return "!!int"
		}
		if s == "0" {
			return "!!int"
		}
		return ""
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
