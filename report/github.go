package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/validate"
)

// GitHub Actions workflow commands: one `::error …::message` line per
// finding. The runner turns each into an annotation, shown on the line of
// the file in a pull request's diff when the file is part of it. The file
// must be a path relative to the repository; a URL or standard input gets
// an annotation without a file.

func githubLevel(s validate.Severity) string {
	switch s {
	case validate.Error:
		return "error"
	case validate.Warning:
		return "warning"
	}
	return "notice"
}

// githubData escapes a command's message: %, CR and LF.
func githubData(s string) string {
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	return r.Replace(s)
}

// githubProperty escapes a command property value: the message escapes
// plus ':' and ',' (they separate properties).
func githubProperty(s string) string {
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	return r.Replace(s)
}

// githubFile returns the file= value for path, or "" when path is not a
// file in the workspace (a URL, standard input).
func githubFile(path string) string {
	if path == "" || path == "-" || strings.Contains(path, "://") {
		return ""
	}
	return filepath.ToSlash(path)
}

func writeGitHubFeed(w io.Writer, f Feed) error {
	var b strings.Builder
	file := githubFile(f.Path)
	if f.Err != nil {
		b.WriteString("::error ")
		if file != "" {
			b.WriteString("file=" + githubProperty(file) + ",")
		}
		b.WriteString("title=" + githubProperty("podfeed "+FetchFailedCode) + "::")
		b.WriteString(githubData(f.Path + ": " + f.Err.Error()))
		b.WriteString("\n")
	}
	for _, d := range f.Diagnostics {
		b.WriteString("::" + githubLevel(d.Severity) + " ")
		if file != "" {
			b.WriteString("file=" + githubProperty(file) + ",")
			if d.Pos.Line > 0 {
				b.WriteString("line=" + strconv.Itoa(d.Pos.Line) + ",col=" + strconv.Itoa(d.Pos.Col) + ",")
			}
		}
		b.WriteString("title=" + githubProperty("podfeed "+d.Code) + "::")
		msg := d.Message
		if file == "" {
			// No file to attach the annotation to: say where in the message.
			where := f.Path
			if d.Pos.Line > 0 {
				where += ":" + strconv.Itoa(d.Pos.Line) + ":" + strconv.Itoa(d.Pos.Col)
			}
			msg = where + ": " + msg
		}
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		if d.URL != "" {
			msg += "\n" + d.URL
		}
		b.WriteString(githubData(msg))
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write github-actions: %w", err)
	}
	return nil
}
