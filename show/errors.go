package show

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in the definitions, placed at a file, line and column.
type Error struct {
	File string
	Line int // 1-based; 0 when the problem concerns the whole file
	Col  int // 1-based; 0 when unknown
	Msg  string

	// Rule is the validator rule whose findings this warning says more
	// precisely (each at its own place), so that a build need not print
	// them again; "" for most.
	Rule string

	unpinned bool // the warning that podcast.yaml has no guid
}

// Error formats the error as "file:line:col: message".
func (e *Error) Error() string { return e.Where() + ": " + e.Msg }

// Where is the error's place: "file:line:col", "file:line" or "file".
func (e *Error) Where() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d", e.File, e.Line)
	default:
		return e.File
	}
}

// Errors is every problem found in one pass, sorted by file and position.
type Errors []*Error

// Error lists every error, one a line.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sorted returns es ordered by file, line and column, without duplicates.
func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && *e == *es[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// errorList collects errors while loading or building.
type errorList struct {
	errs Errors
}

// addf records a problem. Long strings among args are cut to an excerpt,
// and the message to a few lines: a message never echoes a long value, or
// a file read by mistake, whole.
func (l *errorList) addf(file string, line, col int, format string, args ...any) {
	msg := shortMessage(fmt.Sprintf(format, shortArgs(args)...))
	l.errs = append(l.errs, &Error{File: file, Line: line, Col: col, Msg: msg})
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return l.errs.sorted()
}
