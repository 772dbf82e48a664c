package chapters

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForDescription(t *testing.T) {
	f := false
	tests := []struct {
		name  string
		chs   []Chapter
		lines []string
		codes []string
	}{
		{
			name:  "short show",
			chs:   []Chapter{{Start: 0, Title: "Intro"}, {Start: 65000, Title: "Why <b>habits</b> are hard 🎉"}, {Start: 754500, Title: "Q&amp;A"}},
			lines: []string{"00:00:00 Intro", "00:01:05 Why habits are hard", "00:12:34 Q&A"},
		},
		{
			name:  "past an hour",
			chs:   []Chapter{{Start: 0, Title: "Intro"}, {Start: 1800000, Title: "Middle"}, {Start: 3723000, Title: "End"}},
			lines: []string{"00:00:00 Intro", "00:30:00 Middle", "01:02:03 End"},
		},
		{
			name:  "every rule broken",
			chs:   []Chapter{{Start: 5000, Title: "🎉🎉"}, {Start: 9000, Title: "Привет"}},
			lines: []string{"00:00:05 Chapter 1", "00:00:09 Привет"},
			codes: []string{CodeTitleEmptied, CodeTitleNotLatin, CodeTooClose, CodeFirstNotZero, CodeTooFew},
		},
		{
			name:  "silent chapters are left out",
			chs:   []Chapter{{Start: 0, Title: "A"}, {Start: 5000, Title: "hidden", TOC: &f}, {Start: 60000, Title: "B"}, {Start: 120000, Title: "C — ok, señor"}},
			lines: []string{"00:00:00 A", "00:01:00 B", "00:02:00 C — ok, señor"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, ps := ForDescription(tt.chs)
			var got []string
			for _, l := range lines {
				got = append(got, l.String())
			}
			if diff := cmp.Diff(tt.lines, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			var codes []string
			for _, p := range ps {
				codes = append(codes, p.Code)
				if p.Severity != Warning {
					t.Errorf("%s is %s, want a warning", p.Code, p.Severity)
				}
			}
			if diff := cmp.Diff(tt.codes, codes); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescriptionTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Intro":                        "Intro",
		"  <i>Why</i>   it\tmatters  ": "Why it matters",
		"🎙️ - Interview 👩🏽‍💻":          "Interview",
		"Q&amp;A &lt;live&gt;":         "Q&A <live>",
		"© 2025 · 50°N":                "© 2025 · 50°N",
		"1️⃣ First":                    "1 First",
		"🇫🇷 France":                    "France",
	} {
		if got := DescriptionTitle(in); got != want {
			t.Errorf("DescriptionTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
