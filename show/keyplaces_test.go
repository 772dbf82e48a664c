package show

import (
	"fmt"
	"testing"
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
