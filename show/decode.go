package show

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/internal/suggest"
)

// decoder turns a YAML (or JSON) node tree into the schema's structs by
// reflection, recording every problem with its position instead of
// stopping at the first, and suggesting the nearest key for unknown ones.
type decoder struct {
	file  string
	errs  *errorList
	warns *errorList // nil: no warnings wanted
	// lineOffset is added to node lines: front matter starts after "---".
	lineOffset int
	// pos records where each key path's value starts.
	pos *keyPlaces
	// types caches each struct type's keys; shared by a Load's decoders.
	types *sync.Map
}

// aliasBudget is the number of values a document of text may stand for
// once its aliases are followed: 10,000 plus two per byte. A document
// without aliases holds fewer values than bytes, so this leaves room for
// plenty of reuse; aliases of aliases (an alias bomb: a few KB that
// expand to millions of values) are refused before anything is decoded.
func aliasBudget(text string) int { return 10_000 + 2*len(text) }

// aliasExpansion returns the first alias of doc when following every
// alias would visit more than limit nodes, else nil. It counts each node
// once (an alias counts as the nodes it stands for), without recursion.
func aliasExpansion(doc *yaml.Node, limit int) *yaml.Node {
	size := map[*yaml.Node]int{}
	type frame struct {
		n    *yaml.Node
		next int // index of the next child to visit
	}
	var firstAlias *yaml.Node
	stack := []frame{{n: doc}}
	onStack := map[*yaml.Node]bool{doc: true}
	push := func(n *yaml.Node) bool {
		if onStack[n] {
			return false // a node inside itself: yaml.v3 refuses these; never loop
		}
		onStack[n] = true
		stack = append(stack, frame{n: n})
		return true
	}
	pop := func() {
		delete(onStack, stack[len(stack)-1].n)
		stack = stack[:len(stack)-1]
	}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		n := f.n
		if n.Kind == yaml.AliasNode {
			if firstAlias == nil {
				firstAlias = n
			}
			if n.Alias != nil && f.next == 0 {
				f.next = 1
				if _, done := size[n.Alias]; !done && push(n.Alias) {
					continue
				}
			}
			size[n] = min(1+size[n.Alias], limit+1)
			pop()
			continue
		}
		if f.next < len(n.Content) {
			c := n.Content[f.next]
			f.next++
			if _, done := size[c]; !done && push(c) {
				continue
			}
			continue
		}
		total := 1
		for _, c := range n.Content {
			total = min(total+size[c], limit+1)
		}
		size[n] = total
		pop()
	}
	if size[doc] > limit && firstAlias != nil {
		return firstAlias
	}
	return nil
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.addf(d.file, n.Line+d.lineOffset, n.Column, format, args...)
}

var yamlNodeType = reflect.TypeOf((*yaml.Node)(nil))

// decode fills v (a pointer) from n; path names the key for messages.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	t := v.Type()
	if t == yamlNodeType {
		// Kept raw: a copy, with lines counted in the file, so that the
		// parsed tree's nodes can be reused.
		v.Set(reflect.ValueOf(copyNode(n, d.lineOffset)))
		return
	}
	if isNull(n) {
		return // keep the zero value
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := reflect.New(t.Elem())
		d.decode(n, e.Elem(), path)
		v.Set(e)
	case reflect.Struct:
		if n.Kind == yaml.ScalarNode {
			switch t {
			case reflect.TypeOf(License{}):
				v.Set(reflect.ValueOf(License{Name: n.Value}))
				return
			case reflect.TypeOf(ItemCategory{}):
				v.Set(reflect.ValueOf(ItemCategory{Name: n.Value}))
				return
			}
		}
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && t.Elem().Kind() == reflect.String {
			// A single string where a list is expected: a list of one.
			s := reflect.MakeSlice(t, 1, 1)
			d.decode(n, s.Index(0), path)
			v.Set(s)
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "%s: expected a list, found %s", path, describe(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if d.pos != nil {
				d.pos.set(p, Pos{Line: c.Line + d.lineOffset, Col: c.Column})
			}
			d.decode(c, s.Index(i), p)
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "%s: expected a string, found %s", path, describe(n))
			return
		}
		v.SetString(n.Value)
		d.commentInValue(n, path)
	case reflect.Bool:
		b, ok := parseBool(n)
		if !ok {
			msg := fmt.Sprintf("%s: expected true or false, found %s", path, describe(n))
			if n.Kind == yaml.ScalarNode && strings.EqualFold(n.Value, "clean") {
				msg += "; Apple's \"clean\" is false: write " + path + ": false"
			}
			d.errorf(n, "%s", msg)
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "%s: expected a whole number, found %s", path, describe(n))
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
		if err != nil || (t.Kind() == reflect.Int && (i > math.MaxInt32 || i < math.MinInt32)) {
			d.errorf(n, "%s: expected a whole number, found %q", path, n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(n, "%s: expected a number, found %s", path, describe(n))
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("show: decode: unsupported type %s", t))
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: expected a map of keys, found %s", orTop(path), describe(n))
		return
	}
	fields := d.fieldsOf(v.Type())
	// The line each key is first given on. A small map (every episode's)
	// is searched instead: no map to make per struct.
	var seen map[string]int
	if len(n.Content) > 2*smallStruct {
		seen = make(map[string]int, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		idx, ok := fields.index[key]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", key)
			if path != "" {
				msg = fmt.Sprintf("%s: unknown key %q", path, key)
			}
			if s := suggest.Closest(key, fields.names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.errorf(k, "%s", msg)
			continue
		}
		if first, ok := firstLine(n, i, seen); ok {
			d.errorf(k, "key %q given twice, first on line %d; keep one", key, first+d.lineOffset)
			continue
		}
		if seen != nil {
			seen[key] = k.Line
		}
		if d.pos != nil {
			d.pos.set(join(path, key), Pos{Line: val.Line + d.lineOffset, Col: val.Column})
		}
		d.decode(val, v.Field(idx), join(path, key))
	}
}

// smallStruct is the number of keys up to which decodeStruct looks for a
// key given twice among the keys before it instead of in a map.
const smallStruct = 16

// firstLine returns the line of the first of the keys of the map n before
// its i-th content node (a key) that has the same name, if there is one;
// seen, when not nil, holds the lines of the known keys met so far. A key
// given twice is always known: an unknown one stops before this.
func firstLine(n *yaml.Node, i int, seen map[string]int) (int, bool) {
	key := n.Content[i].Value
	if seen != nil {
		line, ok := seen[key]
		return line, ok
	}
	for j := 0; j < i; j += 2 {
		if n.Content[j].Value == key {
			return n.Content[j].Line, true
		}
	}
	return 0, false
}

type fieldSet struct {
	index map[string]int
	names []string
}

func (d *decoder) fieldsOf(t reflect.Type) *fieldSet {
	if d.types != nil {
		if fs, ok := d.types.Load(t); ok {
			return fs.(*fieldSet)
		}
	}
	fs := &fieldSet{index: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		fs.index[name] = i
		fs.names = append(fs.names, name)
	}
	if d.types != nil {
		d.types.Store(t, fs)
	}
	return fs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orTop(path string) string {
	if path == "" {
		return "definition"
	}
	return path
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func parseBool(n *yaml.Node) (bool, bool) {
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "nothing"
}

// copyNode copies the tree n, its lines shifted by off; an alias keeps
// pointing at the node it names in the original tree (yaml.v3's trees
// only: flatyaml's, whose nodes are reused, have none).
func copyNode(n *yaml.Node, off int) *yaml.Node {
	c := *n
	c.Line += off
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = copyNode(k, off)
		}
	}
	return &c
}

func reflectValue(ptr any) reflect.Value { return reflect.ValueOf(ptr).Elem() }

// commentInValue warns about a plain value followed by " #" and more
// with no space after the "#" ("title: Episode #1: Fog"): YAML reads
// "#1: Fog" as a comment and the value as "Episode", which is seldom what
// was meant. A comment written as one ("# note") is left alone.
func (d *decoder) commentInValue(n *yaml.Node, path string) {
	c := n.LineComment
	if d.warns == nil || n.Style != 0 || len(c) < 2 || c[0] != '#' || c[1] == ' ' || c[1] == '#' || c[1] == '\t' {
		return
	}
	fix := path
	if i := strings.LastIndexByte(fix, '.'); i >= 0 {
		fix = fix[i+1:]
	}
	fix += ":"
	if strings.HasSuffix(fix, "]:") {
		fix = "-" // a list item
	}
	d.warns.addf(d.file, n.Line+d.lineOffset, n.Column, "%s: YAML reads %q as a comment, so the value is %q; if the comment is part of it, quote the value: %s %s",
		path, c, n.Value, fix, quoteValue(n.Value+" "+c))
}
