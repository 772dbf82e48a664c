package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"same", "same", 0},
		{"Title", "title", 1},
		{"a-b", "a_b", 1},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"title", "description", "pub_date", "episode_type", "season"}
	tests := []struct {
		word, want string
	}{
		{"titel", "title"},
		{"Title", "title"},
		{"pub-date", "pub_date"},
		{"PubDate", "pub_date"},
		{"descripton", "description"},
		{"seasn", "season"},
		{"artwork", ""},
		{"x", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Closest(tc.word, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := Closest("ab", []string{"ac", "ad"}); got != "ac" {
		t.Errorf("Closest with a tie = %q, want the first candidate %q", got, "ac")
	}
	// The cases show's key decoder relies on.
	showKeys := []string{"title", "date", "audio", "episode_type", "explicit"}
	for word, want := range map[string]string{"titel": "title", "episodeType": "episode_type", "explict": "explicit", "zzzzzz": ""} {
		if got := Closest(word, showKeys); got != want {
			t.Errorf("Closest(%q, show keys) = %q, want %q", word, got, want)
		}
	}
	if got := Closest("title", nil); got != "" {
		t.Errorf("Closest with no candidates = %q, want \"\"", got)
	}
}
