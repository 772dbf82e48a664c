package flatyaml

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// diff returns where two node trees differ, or "".
func diff(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) || (a.Alias == nil) != (b.Alias == nil) {
		return fmt.Sprintf("%s: %+v\nyaml.v3: %+v", path, *a, *b)
	}
	for i := range a.Content {
		if d := diff(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// check compares Parse with yaml.v3 on src and returns whether Parse took it.
func check(t *testing.T, src string) bool {
	t.Helper()
	got, ok := Parse([]byte(src))
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(src), &want); err != nil {
		t.Errorf("Parse took %q, which yaml.v3 rejects: %v", src, err)
		return true
	}
	if d := diff(got, &want, ""); d != "" {
		t.Errorf("Parse differs from yaml.v3 on %q at %s", src, d)
	}
	return true
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		src  string
		flat bool
	}{
		{"title: Episode 1\ndate: 2000-01-01T00:00:00Z\nlength: 30000000\ntype: audio/mpeg\nduration: \"45:12\"\nseason: 1\nepisode: 12\nguid: ep-1\n", true},
		{"title: Don't \"panic\" — café no#1\nexplicit: false\nblock: True\nx: ~\ny: null\nz: 'single # quoted'\n", true},
		{"\n\ntitle: late start\n\n\nnext: one   \n", true},
		{"date: 2024-05-01\nwhen: 2024-05-01 10:00:00\nt: 2024-5-1t10:00:00+02:00\n", true},
		{"zero: 0\nbig: 123456789012345678\nword: yes\non: off\n", true},
		{"audio: https://cdn.example.org/a.mp3?x=1&y=2\n", true},
		// Left to yaml.v3.
		{"", false},
		{"# comment\ntitle: x\n", false},
		{"title: x # comment\n", false},
		{"title: a: b\n", false},
		{"list:\n  - a\n", false},
		{"map: {a: 1}\n", false},
		{"seq: [1, 2]\n", false},
		{"esc: \"a\\nb\"\n", false},
		{"q: 'it''s'\n", false},
		{"f: 1.5\n", false},
		{"o: 0755\n", false},
		{"h: 0x1f\n", false},
		{"neg: -3\n", false},
		{"dup: 1\ndup: 2\n", false},
		{"anchor: &a x\n", false},
		{"tag: !!str 5\n", false},
		{"multi: line\n  continued\n", false},
		{"tab:\tx\n", false},
		{"crlf: x\r\n", false},
		{"empty:\n", false},
		{"nokey\n", false},
		{"key:value\n", false},
		{"ctrl: a\x01b\n", false},
		{"c1: a\u0085b\n", false},
		{"---\ntitle: x\n", false},
		{"merge: <<\n", false},
		{"inf: .inf\n", false},
		{"ts: 2024-13-45\n", false},
	} {
		if got := check(t, tc.src); got != tc.flat {
			t.Errorf("Parse took %q: %v, want %v", tc.src, got, tc.flat)
		}
	}
}

func TestParseGenerated(t *testing.T) {
	// Front matter of the shape podfeed import writes and people type.
	var b strings.Builder
	for i := range 200 {
		b.Reset()
		fmt.Fprintf(&b, "title: Episode %d: part two\n", i)
		fmt.Fprintf(&b, "title2: \"Episode %d: part two\"\ndate: 2024-%02d-%02dT%02d:00:00Z\nlength: %d\nseason: %d\nguid: ep-%x\n", i, 1+i%12, 1+i%28, i%24, 1000*i+1, i%5, i*7919)
		src := b.String()
		if check(t, src) {
			t.Errorf("took %q, which holds \": \" in a plain scalar", src)
		}
		if !check(t, src[strings.IndexByte(src, '\n')+1:]) {
			t.Errorf("left %q to yaml.v3", src)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("title: Episode 1\ndate: 2000-01-01T00:00:00Z\nlength: 30000000\nduration: \"45:12\"\nexplicit: false\nz: 'q'\n")
	f.Add("a: 1\n\nb: ~\nc: 2024-1-2 3:4:5\nd: x#y\ne: x:y\n")
	f.Fuzz(func(t *testing.T, src string) {
		check(t, src)
	})
}
