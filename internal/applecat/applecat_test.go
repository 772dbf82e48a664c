package applecat

import (
	"strings"
	"testing"
)

func TestListSize(t *testing.T) {
	cats, subs := 0, 0
	for _, c := range List() {
		cats++
		subs += len(c.Subs)
	}
	if cats != 19 || subs != 91 {
		t.Errorf("List has %d categories and %d subcategories, want 19 and 91 (Apple's list since 2019)", cats, subs)
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		name, sub string
		want      bool
	}{
		{"Technology", "", true},
		{"Kids & Family", "Pets & Animals", true},
		{"Religion & Spirituality", "Religion", true},
		{"Kids & family", "", false}, // case-sensitive, as Apple is
		{"Technology", "Podcasting", false},
		{"Games & Hobbies", "", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.name, tt.sub); got != tt.want {
			t.Errorf("Valid(%q, %q) = %v, want %v", tt.name, tt.sub, got, tt.want)
		}
	}
}

// TestObsoleteReplacementsAreCurrent: every replacement is itself valid.
func TestObsoleteReplacementsAreCurrent(t *testing.T) {
	old := [][2]string{
		{"", "Games & Hobbies"}, {"", "Health"}, {"", "Science & Medicine"}, {"", "News & Politics"},
		{"", "Government & Organizations"}, {"", "Sports & Recreation"},
		{"Technology", "Podcasting"}, {"Technology", "Tech News"}, {"Business", "Business News"},
		{"Business", "Management & Marketing"}, {"Health", "Fitness & Nutrition"}, {"Arts", "Literature"},
		{"Society & Culture", "History"}, {"Education", "K-12"}, {"Sports & Recreation", "Outdoor"},
	}
	for _, o := range old {
		repl, ok := Obsolete(o[0], o[1])
		if !ok {
			t.Errorf("Obsolete(%q, %q) not known", o[0], o[1])
			continue
		}
		name, sub, _ := strings.Cut(repl, " > ")
		if !Valid(name, sub) {
			t.Errorf("Obsolete(%q, %q) = %q, not a current category", o[0], o[1], repl)
		}
	}
	if _, ok := Obsolete("", "Technology"); ok {
		t.Error("Obsolete says Technology is obsolete")
	}
}

func TestParentOf(t *testing.T) {
	if p, ok := ParentOf("Tech News"); !ok || p != "News" {
		t.Errorf("ParentOf(Tech News) = %q, %v", p, ok)
	}
	if _, ok := ParentOf("Podcasting"); ok {
		t.Error("ParentOf(Podcasting) found a parent")
	}
}
