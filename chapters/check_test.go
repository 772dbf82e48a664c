package chapters

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheck(t *testing.T) {
	type p struct {
		Index int
		Sev   Severity
		Code  string
	}
	tests := []struct {
		name string
		chs  []Chapter
		dur  int64
		want []p
	}{
		{"clean", []Chapter{{Title: "A"}, {Start: 10, Title: "B"}, {Start: 20, Title: "C"}}, 30, nil},
		{"silent chapter needs no title", []Chapter{{Title: "A"}, {Start: 10, Title: "B"}, {Start: 20, TOC: boolp(false)}}, 0, nil},
		{"errors", []Chapter{{Start: 5, Title: "A"}, {Start: 5, Title: "B"}, {Start: 1}, {Start: 40, End: 30, Title: "D"}}, 30, []p{
			{1, Error, CodeDuplicate},
			{2, Error, CodeOutOfOrder},
			{2, Error, CodeEmptyTitle},
			{3, Error, CodePastDuration},
			{3, Error, CodeEndBeforeStart},
			{0, Warning, CodeFirstNotZero},
		}},
		{"too few", []Chapter{{Title: "A"}, {Start: 10, Title: "B"}}, 0, []p{{-1, Warning, CodeTooFew}}},
		{"empty list", nil, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []p
			for _, x := range Check(tt.chs, tt.dur) {
				if x.Message == "" {
					t.Errorf("problem %s has no message", x.Code)
				}
				got = append(got, p{x.Index, x.Severity, x.Code})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddIntro(t *testing.T) {
	in := []Chapter{{Start: 5000, Title: "Topic"}}
	got := AddIntro(in)
	want := []Chapter{{Title: "Intro"}, {Start: 5000, Title: "Topic"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AddIntro (-want +got):\n%s", diff)
	}
	if len(in) != 1 {
		t.Errorf("AddIntro changed its input")
	}
	at0 := []Chapter{{Title: "Start"}}
	if got := AddIntro(at0); len(got) != 1 {
		t.Errorf("AddIntro added an Intro before a chapter at 0: %+v", got)
	}
}
