package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/version"
)

func TestPrepareArgs(t *testing.T) {
	app := newApp(&env{stdout: io.Discard, stderr: io.Discard, version: version.Read()})
	tests := []struct{ in, want []string }{
		{[]string{"podfeed", "import", "feed.xml", "--out", "show"}, []string{"podfeed", "import", "--out", "show", "feed.xml"}},
		{[]string{"podfeed", "import", "feed.xml", "--out=show", "--force"}, []string{"podfeed", "import", "--out=show", "--force", "feed.xml"}},
		{[]string{"podfeed", "import", "-", "-o", "show"}, []string{"podfeed", "import", "-o", "show", "-"}},
		{[]string{"podfeed", "build", "show", "--force"}, []string{"podfeed", "build", "--force", "show"}},
		{[]string{"podfeed", "build", "--force", "show"}, []string{"podfeed", "build", "--force", "show"}},
		{[]string{"podfeed", "chapters", "convert", "in.json", "--to", "psc"}, []string{"podfeed", "chapters", "convert", "--to", "psc", "in.json"}},
		// Flags before the command belong to the command; global ones stay.
		{[]string{"podfeed", "--quiet", "build", "show"}, []string{"podfeed", "build", "--quiet", "show"}},
		{[]string{"podfeed", "--profile", "rss", "validate", "f.xml"}, []string{"podfeed", "validate", "--profile", "rss", "f.xml"}},
		{[]string{"podfeed", "--version"}, []string{"podfeed", "--version"}},
		// After "--" nothing is a flag: an argument that looks like one is
		// passed after a "--" of its own.
		{[]string{"podfeed", "import", "--", "--out"}, []string{"podfeed", "import", "--", "--out"}},
		{[]string{"podfeed", "validate", "--format", "json", "--", "-odd.xml"}, []string{"podfeed", "validate", "--format", "json", "--", "-odd.xml"}},
		{[]string{"podfeed", "import", "f", "--help"}, []string{"podfeed", "import", "--help", "f"}},
		// help COMMAND is COMMAND --help.
		{[]string{"podfeed", "help"}, []string{"podfeed", "--help"}},
		{[]string{"podfeed", "help", "chapters", "extract"}, []string{"podfeed", "chapters", "extract", "--help"}},
		// A negative number is a flag's value, not a flag.
		{[]string{"podfeed", "validate", "f.xml", "--max-episodes", "-1"}, []string{"podfeed", "validate", "--max-episodes", "-1", "f.xml"}},
	}
	for _, tt := range tests {
		got, err := prepareArgs(app, tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("prepareArgs(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPrepareArgsRefuses(t *testing.T) {
	app := newApp(&env{stdout: io.Discard, stderr: io.Discard, version: version.Read()})
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"podfeed", "import", "f", "--nope"}, `unknown flag --nope for 'podfeed import'`},
		{[]string{"podfeed", "nosuch", "a", "--out", "b"}, `unknown command "nosuch" for 'podfeed'`},
		{[]string{"podfeed", "biuld"}, `did you mean "build"?`},
		{[]string{"podfeed", "bu"}, `did you mean "build"?`},
		{[]string{"podfeed", "validate", "--formt=json", "f"}, `unknown flag --formt for 'podfeed validate'; did you mean --format?`},
		{[]string{"podfeed", "chapters", "exract"}, `unknown command "exract" for 'podfeed chapters'; did you mean "extract"?`},
		{[]string{"podfeed", "help", "chapters", "nope"}, `unknown command "nope" for 'podfeed chapters'`},
		{[]string{"podfeed", "--nope"}, `unknown flag --nope for 'podfeed'`},
	}
	for _, tt := range tests {
		got, err := prepareArgs(app, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("prepareArgs(%q) = %q, %v; want an error with %q", tt.in, got, err, tt.want)
		}
	}
}

// Every mistyped name is a usage error: exit 2, the nearest name on
// stderr, nothing on stdout.
func TestMistypedNamesExitUsage(t *testing.T) {
	for _, args := range [][]string{
		{"buidl"},
		{"help", "buidl"},
		{"chapters", "extrct", "notes.md"},
		{"validate", "feed.xml", "--fromat", "json"},
		{"validate", "feed.xml", "--profile", "appel"},
		{"validate", "feed.xml", "--format", "jsn"},
		{"validate", "feed.xml", "--disable", "apple-owner-emial"},
		{"validate", "feed.xml", "--enable", "apple-owner-emial"},
		{"validate", "feed.xml", "--disable", "appel-*"},
		{"explain", "apple-owner-emial"},
		{"rules", "--profile", "spotfy"},
		{"build", "show", "--nwo", "2025-03-12"},
	} {
		code, out, errOut := runCLI(args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "did you mean") {
			t.Errorf("podfeed %s: exit %d, stdout %q, stderr %q; want exit %d and a did-you-mean on stderr alone", strings.Join(args, " "), code, out, errOut, exitUsage)
		}
	}
}
