package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/internal/suggest"
	"github.com/podfeed/podfeed/validate"
)

// explainCommand prints the documentation of one rule.
func explainCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "describe a validator rule",
		ArgsUsage: "CODE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError(errors.New("explain takes one rule code, e.g. 'podfeed explain apple-image-missing'"))
			}
			code := strings.TrimSpace(c.Args().First())
			r := validate.Lookup(code)
			if r == nil {
				if to := validate.Retired(code); to != "" {
					// A code from an older release, in a script or a
					// report: say where its findings went.
					_, err := fmt.Fprintf(e.stdout, "%s: retired; no longer reported, and never reused.\n\nIts findings are reported under %s.\n", code, to)
					return err
				}
				msg := fmt.Sprintf("unknown rule %q", code)
				if s := suggestCodes(code); len(s) > 0 {
					msg += "; did you mean " + orList(s) + "?"
				}
				return usageError(errors.New(msg + " ('podfeed rules' lists them)"))
			}
			return writeExplain(e.stdout, r, e.version.DocsRef())
		},
	}
}

func writeExplain(w io.Writer, r *validate.Rule, docsRef string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.Code, r.Title)
	fmt.Fprintf(&b, "Severity:  %s\n", r.Severity)
	fmt.Fprintf(&b, "Profiles:  %s\n", profileList(r.Profiles))
	fmt.Fprintf(&b, "Source:    %s\n", r.Source)
	fmt.Fprintf(&b, "Since:     %s\n", r.Since)
	if r.Network {
		b.WriteString("Online:    yes (runs with --online)\n")
	}
	fmt.Fprintf(&b, "\n%s\n\nFix: %s\n", r.Doc, r.Hint)
	fmt.Fprintf(&b, "\nBad:\n%s\n\nGood:\n%s\n", indent(r.Bad), indent(r.Good))
	if len(r.Refs) > 0 {
		b.WriteString("\nReferences:\n")
		for _, ref := range r.Refs {
			fmt.Fprintf(&b, "  %s\n", ref)
		}
	}
	if u := validate.DocsURL(docsRef, r.Code); u != "" {
		fmt.Fprintf(&b, "\nDocs: %s\n", u)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

// suggestCodes returns up to three codes close to code.
// suggestPrefixes returns the rule families ("apple-*", "net-*") nearest
// prefix, a pattern's prefix that starts no rule.
func suggestPrefixes(prefix string) []string {
	var families []string
	seen := map[string]bool{}
	for _, r := range validate.Rules() {
		if f, _, ok := strings.Cut(r.Code, "-"); ok && !seen[f] {
			seen[f] = true
			families = append(families, f)
		}
	}
	var out []string
	want := strings.TrimSuffix(prefix, "-")
	for _, f := range families {
		if d := suggest.Distance(want, f); d > 0 && d <= 2 && d < len(f) {
			out = append(out, f+"-*")
		}
	}
	return out
}

func suggestCodes(code string) []string {
	type cand struct {
		code string
		d    int
	}
	var best []cand
	for _, r := range validate.Rules() {
		d := suggest.Distance(code, r.Code)
		if strings.Contains(r.Code, code) && len(code) >= 4 {
			d = min(d, 2)
		}
		if d <= max(2, len(code)/4) {
			best = append(best, cand{r.Code, d})
		}
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].d < best[j].d })
	var out []string
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].code)
	}
	return out
}
