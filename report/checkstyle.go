package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Checkstyle XML, the result format of the Checkstyle linter that many
// tools read (Jenkins' warnings plugin, reviewdog, SonarQube and
// Bitbucket Code Insights importers): <checkstyle version="4.3"> holds one
// <file> per feed, each finding an <error> with line, column (omitted when
// unknown), severity (error, warning or info), message and source (the
// rule code). A clean feed is an empty <file>; one that could not be read
// has one error at line 0 whose source is fetch-failed.

func writeCheckstyleFeed(w io.Writer, f Feed) error {
	var b strings.Builder
	b.WriteString(`  <file name="` + xmlAttr(f.Path) + `">` + "\n")
	if f.Err != nil {
		b.WriteString(`    <error line="0" severity="error" message="` + xmlAttr(oneLine(f.Err.Error())) +
			`" source="` + FetchFailedCode + `"/>` + "\n")
	}
	for _, d := range f.Diagnostics {
		b.WriteString(`    <error line="` + strconv.Itoa(d.Pos.Line) + `"`)
		if d.Pos.Col > 0 {
			b.WriteString(` column="` + strconv.Itoa(d.Pos.Col) + `"`)
		}
		b.WriteString(` severity="` + d.Severity.String() + `" message="` + xmlAttr(oneLine(d.Message)) +
			`" source="` + xmlAttr(d.Code) + `"/>` + "\n")
	}
	b.WriteString("  </file>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write checkstyle: %w", err)
	}
	return nil
}
