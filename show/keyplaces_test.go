package show

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestKeyPlaces: a keyPlaces answers as a map would, small (searched) and
// large (indexed), a key set again taking its new position, and a nil one
// is empty.
func TestKeyPlaces(t *testing.T) {
	var none *keyPlaces
	if _, ok := none.get(""); ok || none.has("x") {
		t.Error("a nil keyPlaces has keys")
	}
	for _, n := range []int{0, 1, smallPlaces, smallPlaces + 1, 1000} {
		k := newKeyPlaces(0)
		want := map[string]Pos{}
		for i := range n {
			key := fmt.Sprintf("k%d", i%(n/2+1))
			p := Pos{Line: i + 1, Col: i%7 + 1}
			k.set(key, p)
			want[key] = p
		}
		for key, p := range want {
			if got, ok := k.get(key); !ok || got != p {
				t.Errorf("n=%d: get(%q) = %v, %v; want %v", n, key, got, ok, p)
			}
		}
		if k.has("missing") {
			t.Errorf("n=%d: has a key never set", n)
		}
		seen := 0
		k.each(func(string, Pos) { seen++ })
		if seen != n {
			t.Errorf("n=%d: each gave %d entries", n, seen)
		}
	}
}

// TestInlineEpisodePlaces: each episode defined in podcast.yaml has the
// positions of its own keys, "episodes[1]" apart from "episodes[10]".
func TestInlineEpisodePlaces(t *testing.T) {
	var b strings.Builder
	b.WriteString(pinnedShow + "episodes:\n")
	for i := range 12 {
		fmt.Fprintf(&b, "  - title: E%d\n    date: 2025-01-%02d\n    audio: https://x.org/%d.mp3\n    length: %d\n    persons:\n      - name: P%d\n", i, i+1, i, i+1, i)
	}
	def, err := Load(fstest.MapFS{"podcast.yaml": {Data: []byte(b.String())}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(def.Episodes) != 12 {
		t.Fatalf("%d episodes, want 12", len(def.Episodes))
	}
	first := strings.Count(pinnedShow, "\n") + 2 // the line of episode 0's title
	for i, ep := range def.Episodes {
		w := def.epWhere[ep]
		line := first + 6*i
		for key, want := range map[string]Pos{"": {line, 5}, "title": {line, 12}, "length": {line + 3, 13}, "persons[0].name": {line + 5, 15}} {
			if got, ok := w.Keys.get(key); !ok || got != want {
				t.Errorf("episode %d: %q at %v (%v), want %v", i, key, got, ok, want)
			}
		}
		if w.Keys.has("episodes") || len(w.Keys.list) != 8 {
			t.Errorf("episode %d: %d positions, want its own 8", i, len(w.Keys.list))
		}
		if ep.Line != line {
			t.Errorf("episode %d: Line %d, want %d", i, ep.Line, line)
		}
	}
}
