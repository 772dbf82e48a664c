package importer

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/show"
)

// File is one file of an imported show, relative to the show folder.
type File struct {
	Path string // slash-separated: "podcast.yaml", "episodes/<slug>.md"
	Data []byte
}

// Files renders the show: podcast.yaml first, then the episodes by name.
// Keys follow the order of show.Show and show.Episode; zero values are
// left out.
func (r *Result) Files() ([]File, error) {
	var out []File
	root, err := node(reflect.ValueOf(r.Show))
	if err != nil {
		return nil, fmt.Errorf("render podcast.yaml: %w", err)
	}
	data, err := encode(root)
	if err != nil {
		return nil, fmt.Errorf("render podcast.yaml: %w", err)
	}
	out = append(out, File{Path: "podcast.yaml", Data: data})
	for _, ep := range r.Episodes {
		fm, err := node(reflect.ValueOf(ep.Def))
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", ep.File, err)
		}
		y, err := encode(fm)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", ep.File, err)
		}
		var b bytes.Buffer
		b.WriteString("---\n")
		b.Write(y)
		b.WriteString("---\n")
		if ep.Body != "" {
			b.WriteString("\n")
			b.WriteString(ep.Body)
			b.WriteString("\n")
		}
		out = append(out, File{Path: ep.File, Data: b.Bytes()})
	}
	return out, nil
}

func encode(n *yaml.Node) ([]byte, error) {
	// yaml.v3 writes every character outside the Basic Multilingual Plane
	// as an escape ("\U0001F399" for 🎙) in a double-quoted string, which
	// reads back right but is no text a person can edit. So such
	// characters are swapped for private-use ones the emitter writes as
	// they are, and swapped back in the output.
	back, restore := shieldAstral(n)
	defer restore()
	data, err := encodeNode(n)
	if err != nil || len(back) == 0 {
		return data, err
	}
	var out bytes.Buffer
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if orig, ok := back[r]; ok {
			out.WriteRune(orig)
		} else {
			out.Write(data[:size])
		}
		data = data[size:]
	}
	return out.Bytes(), nil
}

// shieldAstral replaces, in the scalars of n, each character above
// U+FFFF with a private-use character that appears nowhere in n. It
// returns the map back to the originals and a function that puts the
// scalars back as they were. It changes nothing when there are no such
// characters or not enough unused private-use characters.
func shieldAstral(n *yaml.Node) (map[rune]rune, func()) {
	var scalars []*yaml.Node
	used := map[rune]bool{}
	astral := map[rune]bool{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.ScalarNode {
			scalars = append(scalars, n)
			for _, r := range n.Value {
				if r > 0xFFFF {
					astral[r] = true
				} else if r >= 0xE000 && r <= 0xF8FF {
					used[r] = true
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	if len(astral) == 0 {
		return nil, func() {}
	}
	to, back := map[rune]rune{}, map[rune]rune{}
	next := rune(0xE000)
	for _, r := range sortedRunes(astral) {
		for next <= 0xF8FF && used[next] {
			next++
		}
		if next > 0xF8FF {
			return nil, func() {}
		}
		to[r], back[next] = next, r
		next++
	}
	orig := make([]string, len(scalars))
	for i, sc := range scalars {
		orig[i] = sc.Value
		sc.Value = strings.Map(func(r rune) rune {
			if p, ok := to[r]; ok {
				return p
			}
			return r
		}, sc.Value)
	}
	return back, func() {
		for i, sc := range scalars {
			sc.Value = orig[i]
		}
	}
}

func sortedRunes(set map[rune]bool) []rune {
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

func encodeNode(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(b.String()) == "{}" {
		return nil, nil
	}
	return b.Bytes(), nil
}

func yamlKey(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if !f.IsExported() || name == "-" || name == "" {
		return ""
	}
	return name
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

var (
	nodeType     = reflect.TypeOf(yaml.Node{})
	categoryType = reflect.TypeOf(show.ItemCategory{})
	licenseType  = reflect.TypeOf(show.License{})
)

// node renders a struct as a mapping in field order, leaving out zero
// values (a non-nil pointer is kept even when it points to a zero value,
// so explicit: false survives).
func node(v reflect.Value) (*yaml.Node, error) {
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("node: %s is not a struct", v.Type())
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		key := yamlKey(t.Field(i))
		if key == "" {
			continue
		}
		n, err := value(v.Field(i))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if n != nil {
			m.Content = append(m.Content, str(key), n)
		}
	}
	return m, nil
}

// value renders one field; nil means "leave the key out".
func value(v reflect.Value) (*yaml.Node, error) {
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil, nil
		}
		return str(v.String()), nil
	case reflect.Bool:
		if !v.Bool() {
			return nil, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.Int() == 0 {
			return nil, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}, nil
	case reflect.Float64:
		if v.Float() == 0 {
			return nil, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(v.Float(), 'f', -1, 64)}, nil
	case reflect.Pointer:
		if v.IsNil() {
			return nil, nil
		}
		if v.Type().Elem() == nodeType {
			return v.Interface().(*yaml.Node), nil
		}
		e := v.Elem()
		if e.Kind() == reflect.Bool {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(e.Bool())}, nil
		}
		return value(e)
	case reflect.Struct:
		if (v.Type() == categoryType || v.Type() == licenseType) && v.FieldByName("Name").String() != "" {
			other := v.Interface()
			switch o := other.(type) {
			case show.ItemCategory:
				if o.Domain == "" {
					return str(o.Name), nil // the schema reads a plain string as the name
				}
			case show.License:
				if o.URL == "" {
					return str(o.Name), nil
				}
			}
		}
		return node(v)
	case reflect.Slice:
		if v.Len() == 0 {
			return nil, nil
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := 0; i < v.Len(); i++ {
			n, err := value(v.Index(i))
			if err != nil {
				return nil, err
			}
			if n == nil {
				n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ""}
			}
			seq.Content = append(seq.Content, n)
		}
		return seq, nil
	}
	return nil, fmt.Errorf("cannot render %s", v.Type())
}
