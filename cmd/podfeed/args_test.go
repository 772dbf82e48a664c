package main

import (
	"io"
	"slices"
	"testing"
)

func TestHoistFlags(t *testing.T) {
	app := newApp(&env{stdout: io.Discard, stderr: io.Discard})
	tests := []struct{ in, want []string }{
		{[]string{"podfeed", "import", "feed.xml", "--out", "show"}, []string{"podfeed", "import", "--out", "show", "feed.xml"}},
		{[]string{"podfeed", "import", "feed.xml", "--out=show", "--force"}, []string{"podfeed", "import", "--out=show", "--force", "feed.xml"}},
		{[]string{"podfeed", "import", "-", "-o", "show"}, []string{"podfeed", "import", "-o", "show", "-"}},
		{[]string{"podfeed", "build", "show", "--force"}, []string{"podfeed", "build", "--force", "show"}},
		{[]string{"podfeed", "build", "--force", "show"}, []string{"podfeed", "build", "--force", "show"}},
		{[]string{"podfeed", "chapters", "convert", "in.json", "--to", "psc"}, []string{"podfeed", "chapters", "convert", "--to", "psc", "in.json"}},
		// After "--" nothing is a flag; unknown flags stay for cli to refuse.
		{[]string{"podfeed", "import", "--", "--out"}, []string{"podfeed", "import", "--", "--out"}},
		{[]string{"podfeed", "import", "f", "--nope"}, []string{"podfeed", "import", "f", "--nope"}},
		{[]string{"podfeed", "import", "f", "--help"}, []string{"podfeed", "import", "--help", "f"}},
		{[]string{"podfeed", "--version"}, []string{"podfeed", "--version"}},
		{[]string{"podfeed", "nosuch", "a", "--out", "b"}, []string{"podfeed", "nosuch", "a", "--out", "b"}},
	}
	for _, tt := range tests {
		if got := hoistFlags(app, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("hoistFlags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
