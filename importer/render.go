package importer

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"

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
