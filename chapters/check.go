package chapters

import "fmt"

// Severity says how bad a [Problem] is.
type Severity int

// Severities, from the worst.
const (
	// Error: the chapters are wrong and apps will misbehave.
	Error Severity = iota + 1
	// Warning: the chapters work but break a platform's rule.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Problem is one thing wrong with a chapter list.
type Problem struct {
	// Index is the chapter the problem is about, or -1 for the whole list.
	Index    int
	Severity Severity
	// Code is a stable kebab-case name for the kind of problem.
	Code    string
	Message string
}

// Problem codes.
const (
	CodeOutOfOrder     = "chapter-out-of-order"
	CodeDuplicate      = "chapter-duplicate"
	CodePastDuration   = "chapter-past-duration"
	CodeEmptyTitle     = "chapter-empty-title"
	CodeEndBeforeStart = "chapter-end-before-start"
	CodeFirstNotZero   = "chapters-first-not-at-zero"
	CodeTooFew         = "chapters-too-few"
)

// MinDescriptionChapters is the fewest chapters Spotify and Apple accept
// from description timestamps.
const MinDescriptionChapters = 3

// Check reports problems with chs. durationMS is the media's duration in
// milliseconds, or 0 when unknown. Errors: a chapter that starts before
// the one above it, two chapters at the same time, a start at or past the
// duration, an end before the start, a listed chapter with no title.
// Warnings (platform rules for description chapters): the first chapter
// does not start at 0:00, fewer than three chapters.
func Check(chs []Chapter, durationMS int64) []Problem {
	var ps []Problem
	add := func(i int, sev Severity, code, format string, args ...any) {
		ps = append(ps, Problem{Index: i, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	for i, c := range chs {
		if i > 0 {
			p := chs[i-1]
			switch {
			case c.Start < p.Start:
				add(i, Error, CodeOutOfOrder, "chapter %d %q starts at %s, before chapter %d %q at %s", i+1, c.Title, FormatNPT(c.Start), i, p.Title, FormatNPT(p.Start))
			case c.Start == p.Start:
				add(i, Error, CodeDuplicate, "chapter %d %q starts at %s, the same time as chapter %d %q", i+1, c.Title, FormatNPT(c.Start), i, p.Title)
			}
		}
		if durationMS > 0 && c.Start >= durationMS {
			add(i, Error, CodePastDuration, "chapter %d %q starts at %s, at or past the end of the media (%s)", i+1, c.Title, FormatNPT(c.Start), FormatNPT(durationMS))
		}
		if c.End != 0 && c.End <= c.Start {
			add(i, Error, CodeEndBeforeStart, "chapter %d %q ends at %s, not after its start %s", i+1, c.Title, FormatNPT(c.End), FormatNPT(c.Start))
		}
		if c.Title == "" && c.Listed() {
			add(i, Error, CodeEmptyTitle, "chapter %d at %s has no title", i+1, FormatNPT(c.Start))
		}
	}
	if len(chs) > 0 && chs[0].Start != 0 {
		add(0, Warning, CodeFirstNotZero, "the first chapter starts at %s, not 00:00: Spotify, Apple and YouTube ignore chapter lists that do not start at 0 (add an Intro)", FormatNPT(chs[0].Start))
	}
	if len(chs) > 0 && len(chs) < MinDescriptionChapters {
		add(-1, Warning, CodeTooFew, "%s: Spotify and Apple need at least %d", countChapters(len(chs)), MinDescriptionChapters)
	}
	return ps
}

// HasErrors reports whether ps holds an error-level problem.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// AddIntro returns chs with a chapter titled "Intro" at 0 in front when
// the first chapter starts later. It never changes chs itself.
func AddIntro(chs []Chapter) []Chapter {
	if len(chs) == 0 || chs[0].Start == 0 {
		return chs
	}
	out := make([]Chapter, 0, len(chs)+1)
	out = append(out, Chapter{Start: 0, Title: "Intro"})
	return append(out, chs...)
}

// countChapters counts chapters in words: "1 chapter", "2 chapters".
func countChapters(n int) string {
	if n == 1 {
		return "1 chapter"
	}
	return fmt.Sprintf("%d chapters", n)
}
