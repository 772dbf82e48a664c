package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/validate"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// JUnit XML, as CI systems read test reports (Jenkins, GitLab's
// artifacts:reports:junit, Azure, CircleCI): one <testsuite> per feed, one
// <testcase> per rule that ran (name: the code; classname: the feed), so
// a clean feed shows as passed tests. A rule with findings fails: its
// testcase holds one <failure> whose type is the worst severity and whose
// text lists every finding as a text-format line, with the hint and docs
// link. A feed that could not be read is a suite with one testcase in
// <error>. No times or timestamps: the same input gives the same bytes.

type junitCase struct {
	name     string
	problem  string // "", "failure" or "error"
	typ, msg string
	text     string
}

func writeJUnitFeed(w io.Writer, f Feed, rules []*validate.Rule) error {
	if f.Err != nil {
		return encodeJUnit(w, f.Path, []junitCase{{
			name: FetchFailedCode, problem: "error", typ: FetchFailedCode,
			msg: oneLine(f.Err.Error()), text: f.Err.Error() + "\n",
		}})
	}
	byCode := map[string][]validate.Diagnostic{}
	for _, d := range f.Diagnostics {
		byCode[d.Code] = append(byCode[d.Code], d)
	}
	// Every rule that ran, in code order, then codes only findings name.
	var codes []string
	seen := map[string]bool{}
	for _, r := range rules {
		if !seen[r.Code] {
			seen[r.Code] = true
			codes = append(codes, r.Code)
		}
	}
	slices.Sort(codes)
	var extra []string
	for _, d := range f.Diagnostics {
		if !seen[d.Code] {
			seen[d.Code] = true
			extra = append(extra, d.Code)
		}
	}
	slices.Sort(extra)
	codes = append(codes, extra...)

	cases := make([]junitCase, 0, len(codes))
	for _, code := range codes {
		c := junitCase{name: code}
		if ds := byCode[code]; len(ds) > 0 {
			worst := ds[0].Severity
			var text strings.Builder
			for _, d := range ds {
				worst = max(worst, d.Severity)
				text.WriteString(textLine(f.Path, d))
				if d.Hint != "" {
					text.WriteString("    hint: " + d.Hint + "\n")
				}
			}
			if ds[0].URL != "" {
				text.WriteString("    docs: " + ds[0].URL + "\n")
			}
			msg := oneLine(ds[0].Message)
			if len(ds) > 1 {
				msg += " (and " + strconv.Itoa(len(ds)-1) + " more)"
			}
			c.problem, c.typ, c.msg, c.text = "failure", worst.String(), msg, text.String()
		}
		cases = append(cases, c)
	}
	return encodeJUnit(w, f.Path, cases)
}

// encodeJUnit writes one <testsuite>.
func encodeJUnit(w io.Writer, path string, cases []junitCase) error {
	var failures, errs int
	for _, c := range cases {
		switch c.problem {
		case "failure":
			failures++
		case "error":
			errs++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">\n",
		xmlAttr(path), len(cases), failures, errs)
	for _, c := range cases {
		b.WriteString(`    <testcase name="` + xmlAttr(c.name) + `" classname="` + xmlAttr(path) + `"`)
		if c.problem == "" {
			b.WriteString("/>\n")
			continue
		}
		b.WriteString(">\n      <" + c.problem + ` type="` + xmlAttr(c.typ) + `" message="` + xmlAttr(c.msg) + `">` +
			xmlText(c.text) + "</" + c.problem + ">\n    </testcase>\n")
	}
	b.WriteString("  </testsuite>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write junit: %w", err)
	}
	return nil
}

// textLine is one finding in the text format, newline included.
func textLine(path string, d validate.Diagnostic) string {
	var b strings.Builder
	b.WriteString(path)
	if d.Pos.Line > 0 {
		b.WriteString(":" + strconv.Itoa(d.Pos.Line) + ":" + strconv.Itoa(d.Pos.Col))
	}
	b.WriteString(": " + d.Severity.String() + ": " + oneLine(d.Message) + " [" + d.Code + "]\n")
	return b.String()
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
