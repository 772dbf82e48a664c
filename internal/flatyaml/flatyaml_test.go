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
	got, ok := Parse(src)
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
		{"list:\n  - a\n", true},
		{"a: 1\ntranscripts:\n  - url: https://x.org/t.vtt\n    type: text/vtt\n  - url: y\npersons:\n- name: Jo\n  role: guest\ncats:\n  - A\n\n  - B\nz: 2\n", true},
		{"mixed:\n  - a\n  - k: v\n    k2: 'w'\n  - \"q\"\nend: true", true},
		{"nested:\n  sub: x\n", false},
		{"deep:\n  - k:\n      - x\n", false},
		{"deep:\n  - - x\n", false},
		{"wide:\n  -  x\n", false},
		{"empty:\n  -\n", false},
		{"null:\nnext: 1\n", false},
		{"trail:\n", false},
		{"bad:\n  - a\n    b\n", false},
		{"bad:\n  - k: v\n   j: w\n", false},
		{"bad:\n  - k: v\n      j: w\n", false},
		{"dupitem:\n  - k: v\n    k: w\n", false},
		{"flow:\n  - [a]\n", false},
		{"- a\n", false},
		{"map: {a: 1}\n", false},
		{"seq: [1, 2]\n", false},
		{"esc: \"a\\nb\"\n", false},
		{"q: 'it''s ''quoted'''\n", true},
		{"q: 'it's'\n", false},
		{"d: 0:17:51\ne: 1:02:03\nf: 3 hours\ng: +1 555 0100\nh: 12ab:cd\n", true},
		{"x: 0x1f\ny: 1e5\nz: 1.5\nw: .5\nv: 0o17\nu: 0b101\ns: 1_000\nr: 0123\nq: 1e\np: 12ab\no: 99999999999999999999\n", true},
		{"g: 9fbe371e-cb12-11e5-9ace-93cd9b18f81f\nh: 9E814E02-E35D\ni: 2024-05-01-x\nj: 1.2.3\n", true},
		{"n: -.Inf\n", false},
		{"n: +.nan\n", false},
		{"f: 1.5\n", true},
		{"o: 0755\n", true},
		{"h: 0x1f\n", true},
		{"neg: -3\n", false}, // a plain scalar starting with "-"
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
		{"ts: 2024-13-45\n", true},
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
		fmt.Fprintf(&b, "transcripts:\n  - url: https://example.org/t/%d.vtt\n    type: text/vtt\npersons:\n%s- name: Guest %d\n%s  role: guest\n", i, strings.Repeat(" ", 2*(i%2)), i, strings.Repeat(" ", 2*(i%2)))
		src := b.String()
		if check(t, src) {
			t.Errorf("took %q, which holds \": \" in a plain scalar", src)
		}
		if !check(t, src[strings.IndexByte(src, '\n')+1:]) {
			t.Errorf("left %q to yaml.v3", src)
		}
	}
}

// TestParseDocReuse: documents parsed into node blocks that earlier
// documents gave back (larger, smaller, refused) are the trees Parse
// gives, and a released document's root is gone.
func TestParseDocReuse(t *testing.T) {
	srcs := []string{
		"title: Episode 1\ndate: 2000-01-01T00:00:00Z\ntranscripts:\n  - url: https://x.org/t.vtt\n    type: text/vtt\npersons:\n  - name: A\n    role: guest\n  - name: B\n",
		"title: short\n",
		"title: x # a comment: refused\n",
		manyKeys(300),
		"list:\n  - a\n  - b\nafter: c\n",
		"title: short again\n",
	}
	for round := range 3 {
		for _, src := range srcs {
			want, wantOK := Parse(src)
			d, ok := ParseDoc(src)
			if ok != wantOK {
				t.Fatalf("round %d: ParseDoc(%.40q) ok = %v, Parse's %v", round, src, ok, wantOK)
			}
			if !ok {
				continue
			}
			if df := diff(d.Root, want, ""); df != "" {
				t.Errorf("round %d: ParseDoc(%.40q) differs from Parse at %s", round, src, df)
			}
			d.Release()
			if d.Root != nil {
				t.Error("Release left the root")
			}
			d.Release() // twice: nothing happens
		}
	}
}

// manyKeys is a flat map of n distinct keys.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	return b.String()
}

// The duplicate-key check costs a bounded number of comparisons per key,
// however many keys the map has (200,000 took over 120 s when each key
// was compared with every earlier one), and still finds a duplicate at
// either end of a large map, in the top-level map and in a list item.
func TestParseManyKeysLinear(t *testing.T) {
	for _, n := range []int{10, 1000, 200_000} {
		ok, cmp := KeyCompares(manyKeys(n))
		if !ok {
			t.Fatalf("%d distinct keys: not taken", n)
		}
		if cmp > smallMapBound*n {
			t.Errorf("%d keys: %d key comparisons, want at most %d", n, cmp, smallMapBound*n)
		}
	}
	big := manyKeys(200_000)
	for _, dup := range []string{"k0: again\n", "k199999: again\n"} {
		if ok, _ := KeyCompares(big + dup); ok {
			t.Errorf("a duplicate %q after 200,000 keys was taken", strings.TrimSpace(dup))
		}
	}
	item := "list:\n  - " + strings.ReplaceAll(strings.TrimSuffix(manyKeys(100), "\n"), "\n", "\n    ") + "\n"
	if !check(t, item) {
		t.Errorf("a list item of 100 keys was left to yaml.v3")
	}
	if ok, _ := KeyCompares(item + "    k5: again\n"); ok {
		t.Errorf("a duplicate key in a list item of 100 keys was taken")
	}
}

// smallMapBound is the most comparisons a key may cost: the small-map
// search (16) plus the set lookup.
const smallMapBound = 17

// BenchmarkParseManyKeys: go test ./internal/flatyaml -run '^$' -bench ManyKeys -benchmem
func BenchmarkParseManyKeys(b *testing.B) {
	src := manyKeys(200_000)
	for b.Loop() {
		if _, ok := Parse(src); !ok {
			b.Fatal("not taken")
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("title: Episode 1\ndate: 2000-01-01T00:00:00Z\nlength: 30000000\nduration: \"45:12\"\nexplicit: false\nz: 'q'\n")
	f.Add("a: 1\n\nb: ~\nc: 2024-1-2 3:4:5\nd: x#y\ne: x:y\n")
	f.Add("a: 0x1f\nb: 1e5\nc: .5\nd: 0o17\ne: 0b101\nf: 1_000\ng: 9fbe371e-cb12\nh: +1.5e-3\ni: 0:17:51\n")
	f.Add("t:\n  - url: https://x.org/t.vtt\n    type: text/vtt\n  - y\np:\n- name: Jo\n  role: guest\nz: 2\n")
	f.Fuzz(func(t *testing.T, src string) {
		check(t, src)
	})
}
