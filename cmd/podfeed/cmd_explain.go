package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

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
				msg := fmt.Sprintf("unknown rule %q", code)
				if s := suggestCodes(code); len(s) > 0 {
					msg += "; did you mean " + strings.Join(s, " or ") + "?"
				}
				return invalidInput(errors.New(msg + " ('podfeed rules' lists them)"))
			}
			return writeExplain(e.stdout, r)
		},
	}
}

func writeExplain(w io.Writer, r *validate.Rule) error {
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
	fmt.Fprintf(&b, "\nDocs: %s\n", validate.DocsURL(r.Code))
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
func suggestCodes(code string) []string {
	type cand struct {
		code string
		d    int
	}
	var best []cand
	for _, r := range validate.Rules() {
		d := editDistance(code, r.Code)
		if strings.Contains(r.Code, code) && len(code) >= 4 {
			d = min(d, 2)
		}
		if d <= max(2, len(code)/4) {
			best = append(best, cand{r.Code, d})
		}
	}
	for i := 1; i < len(best); i++ {
		for j := i; j > 0 && best[j].d < best[j-1].d; j-- {
			best[j], best[j-1] = best[j-1], best[j]
		}
	}
	var out []string
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].code)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
