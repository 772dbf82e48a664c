package show

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A syntax error in a definition file is reported at the line and column
// of the problem. yaml.v3 gives only a line, and not always the line of
// the problem (for some errors it names the line where the enclosing map
// began, counted from 0), so the position and, for the mistakes people
// make most, the fix come from reading the text again: syntaxAt finds
// the first line that shows the kind of problem yaml.v3 reported.

// yamlLine matches yaml.v3's "yaml: line N: message".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem is a syntax error placed in the text parsed (lines
// counted from 1 in that text).
type syntaxProblem struct {
	line, col int
	msg       string
}

// syntaxError explains err, yaml.v3's refusal of text (YAML or JSON);
// lineOffset is where text starts in its file, for the lines messages name.
func syntaxError(text string, lineOffset int, err error) syntaxProblem {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if p, ok := controlChar(text); ok {
		return p
	}
	if looksJSON(text) {
		if p, ok := jsonSyntax(text, lineOffset); ok {
			return p
		}
	}
	if p, ok := lintYAML(text, lineOffset, yamlKind(msg)); ok {
		return p
	}
	if line == 0 {
		line = 1
	}
	lines := strings.Split(text, "\n")
	col := 1
	if line <= len(lines) {
		l := lines[line-1]
		col = len(l) - len(strings.TrimLeft(l, " ")) + 1
	}
	return syntaxProblem{line: line, col: col, msg: "not valid YAML: " + msg}
}

// controlChar finds a control character YAML does not allow.
func controlChar(text string) (syntaxProblem, bool) {
	line, start := 1, 0
	for i, r := range text {
		switch {
		case r == '\n':
			line, start = line+1, i+1
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			col := utf8.RuneCountInString(text[start:i]) + 1
			return syntaxProblem{line, col, fmt.Sprintf("not valid YAML: control character U+%04X is not allowed; delete it", r)}, true
		}
	}
	return syntaxProblem{}, false
}

func looksJSON(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	return strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")
}

// jsonSyntax places a JSON syntax error with encoding/json, which knows
// the byte it stopped at; lineOffset is where text starts in its file.
func jsonSyntax(text string, lineOffset int) (syntaxProblem, bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	var v any
	err := dec.Decode(&v)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(text, len(strings.TrimRight(text, " \t\r\n")))
		return syntaxProblem{line, col, "not valid JSON: the document ends early; close every { with } and every [ with ]"}, true
	default:
		return syntaxProblem{}, false
	}
	off := int(se.Offset) - 1 // the byte that was refused
	if off < 0 {
		off = 0
	}
	if off > len(text) {
		off = len(text)
	}
	msg := se.Error()
	startsValue := off < len(text) && strings.IndexByte(`"{[-0123456789tfn`, text[off]) >= 0
	if startsValue && (strings.Contains(msg, "after object key:value pair") || strings.Contains(msg, "after array element")) {
		// A missing comma: point where it belongs, after the previous value.
		end := len(strings.TrimRight(text[:off], " \t\r\n"))
		line, col := lineCol(text, end)
		where := "here, before the next value"
		rest := text[end:]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if strings.TrimSpace(rest) == "" {
			where = fmt.Sprintf("here, at the end of line %d", line+lineOffset)
		}
		return syntaxProblem{line, col, "not valid JSON: a comma is missing between two values; add \",\" " + where}, true
	}
	if strings.Contains(msg, "looking for beginning of object key string") && off < len(text) && text[off] == '}' {
		end := len(strings.TrimRight(text[:off], " \t\r\n"))
		if end > 0 && text[end-1] == ',' {
			line, col := lineCol(text, end-1)
			return syntaxProblem{line, col, "not valid JSON: a comma after the last member; remove it"}, true
		}
	}
	line, col := lineCol(text, off)
	return syntaxProblem{line, col, "not valid JSON: " + strings.TrimPrefix(msg, "json: ")}, true
}

// lineCol turns a byte offset of text into a 1-based line and a column
// counted in characters.
func lineCol(text string, off int) (int, int) {
	off = min(off, len(text))
	line := 1 + strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return line, utf8.RuneCountInString(text[start:off]) + 1
}

// yamlProblem is a kind of YAML mistake lintYAML recognises.
type yamlProblem int

const (
	anyProblem      yamlProblem = iota
	colonProblem                // "mapping values are not allowed in this context"
	tokenProblem                // "found character that cannot start any token"
	keyProblem                  // "did not find expected key" and the like
	endProblem                  // "found unexpected end of stream"
	indentProblem               // "did not find expected '-' indicator"
	tabProblem                  // "found a tab character that violates indentation"
	aliasProblem                // "unknown anchor 'x' referenced"
	quoteProblem                // a quote never closed, its value running on over later keys
	unknownProblem              // anything else: no guessing
	numYAMLProblems             // for tests
)

func yamlKind(msg string) yamlProblem {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return colonProblem
	case strings.Contains(msg, "tab character"):
		return tabProblem
	case strings.Contains(msg, "unknown anchor"):
		return aliasProblem
	case strings.Contains(msg, "cannot start any token"):
		return tokenProblem
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected <document start>"):
		return keyProblem
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "found unexpected end"):
		return endProblem
	case strings.Contains(msg, "did not find expected '-' indicator"), strings.Contains(msg, "did not find expected node content"):
		return indentProblem
	}
	return unknownProblem
}

// matches reports whether a finding of kind f can explain an error yaml.v3
// described as kind k.
func (k yamlProblem) matches(f yamlProblem) bool {
	switch f {
	case tabProblem:
		return k == tabProblem || k == tokenProblem || k == keyProblem || k == indentProblem
	case colonProblem:
		return k == colonProblem
	case tokenProblem:
		return k == tokenProblem
	case endProblem:
		return k == endProblem || k == keyProblem
	case keyProblem:
		return k == keyProblem
	case aliasProblem:
		return k == aliasProblem
	case quoteProblem:
		// What yaml.v3 says depends on what the value runs into.
		return k == endProblem || k == keyProblem || k == indentProblem || k == colonProblem
	case indentProblem:
		return k == colonProblem || k == keyProblem || k == indentProblem
	}
	return false
}

// lintYAML reads text line by line for the common mistakes (a tab in the
// indentation, an unquoted ": " in a value, an unclosed or doubled quote,
// a value starting with a character YAML reserves, a line indented under a
// key that already has a value, an indentation that matches no level) and
// returns the first one that explains the kind of error yaml.v3 reported.
func lintYAML(text string, lineOffset int, kind yamlProblem) (syntaxProblem, bool) {
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	type level struct{ indent, line int }
	var (
		levels      []level // indentations of the open block maps and lists
		blockParent = -1    // inside a block scalar: the indentation of its key
		prevKey     string  // the last line's key
		prevIndent  int
		prevLine    int
		prevPlain   bool // the last line's key has a plain value on that line
		prevOpens   bool // the last line opens a nested block ("key:" or "- ")
	)
	report := func(f yamlProblem, line int, l string, off int, format string, args ...any) (syntaxProblem, bool) {
		if !kind.matches(f) {
			return syntaxProblem{}, false
		}
		return syntaxProblem{line, colOf(l, off), "not valid YAML: " + fmt.Sprintf(format, args...)}, true
	}
	for i := 0; i < len(lines); i++ {
		l, n := lines[i], i+1
		trimmed := strings.TrimLeft(l, " \t")
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if blockParent >= 0 {
			if strings.TrimSpace(l) == "" || ind > blockParent {
				continue
			}
			blockParent = -1
		}
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if t := strings.IndexByte(l[:len(l)-len(trimmed)], '\t'); t >= 0 {
			if p, ok := report(tabProblem, n, l, t, "a tab indents this line, and YAML indents with spaces only; replace the tab with spaces"); ok {
				return p, ok
			}
		}
		if trimmed == "---" || trimmed == "..." || strings.HasPrefix(trimmed, "%") {
			continue
		}

		// Indentation against the levels open above.
		popped := level{-1, 0}
		for len(levels) > 0 && levels[len(levels)-1].indent > ind {
			popped = levels[len(levels)-1]
			levels = levels[:len(levels)-1]
		}
		switch top := len(levels) - 1; {
		case top >= 0 && levels[top].indent == ind:
		case len(levels) == 0 || prevOpens && ind > prevIndent:
			levels = append(levels, level{ind, n})
		case prevPlain && ind > prevIndent:
			if hasMapColon(trimmed) {
				if p, ok := report(indentProblem, n, l, ind, "this line is indented under %q, which already has a value on line %d; remove the indentation", prevKey, prevLine+lineOffset); ok {
					return p, ok
				}
			}
			continue // a plain value continued on the next line
		default:
			want := levels[top]
			if popped.indent >= 0 {
				want = popped // most likely a sibling of the lines just above
			}
			if p, ok := report(indentProblem, n, l, ind, "this line is indented by %s, which matches no level above; indent it by %d like line %d", spaces(ind), want.indent, want.line+lineOffset); ok {
				return p, ok
			}
		}

		// The line's content: list dashes, then "key: value" or a value.
		off := ind
		opensItem := false
		for rest := l[off:]; rest == "-" || strings.HasPrefix(rest, "- "); rest = l[off:] {
			opensItem = true
			off += 1 + len(rest[1:]) - len(strings.TrimLeft(rest[1:], " "))
		}
		prevKey, prevIndent, prevLine, prevPlain, prevOpens = "", ind, n, false, opensItem
		if off >= len(l) {
			continue
		}
		key, vstart, hasKey := splitKey(l[off:])
		if !hasKey && !opensItem {
			if k, ok := noSpaceKey(l[off:]); ok {
				if p, ok := report(colonProblem, n, l, off+len(k)+1, "a space is missing after %q, so YAML does not read it as a key; write: %s: %s", k+":", k, strings.TrimSpace(l[off+len(k)+1:])); ok {
					return p, ok
				}
			}
		}
		voff := off
		if hasKey {
			if opensItem {
				// The item's map continues at its first key's column.
				levels = append(levels, level{off, n})
			}
			voff = off + vstart
			for voff < len(l) && l[voff] == ' ' {
				voff++
			}
			prevKey = key
			if voff == len(l) || l[voff] == '#' {
				prevOpens = true
				continue
			}
		}
		value := l[voff:]
		fix := func(v string) string { return strings.TrimSpace(l[:voff]+" ") + " " + v }
		if !hasKey && !opensItem {
			fix = func(v string) string { return v }
		}
		switch q := value[0]; q {
		case '|', '>':
			blockParent = ind
			continue
		case '"', '\'':
			end, endLine := closeQuote(lines, i, voff, q)
			unclosed := func(f yamlProblem) (syntaxProblem, bool) {
				inner := strings.TrimRight(value[1:], " ")
				return report(f, n, l, voff, "the %s opened here is never closed; end the value with %c: %s", quoteName(q), q, fix(string(q)+inner+string(q)))
			}
			if end < 0 {
				return unclosed(endProblem)
			}
			after := strings.TrimLeft(lines[endLine][end+1:], " \t")
			if after != "" && after[0] != '#' && (hasKey || opensItem || after[0] != ':') {
				if swallowsKey(lines, i, endLine, ind) {
					// The quote that "closes" it opens a later value (or
					// sits in a comment): this one was never closed.
					return unclosed(quoteProblem)
				}
				if endLine == i && q == '"' {
					inner := strings.TrimRight(stripComment(value), " ")
					if len(inner) >= 2 && inner[len(inner)-1] == '"' {
						inner = inner[1 : len(inner)-1]
					}
					return report(keyProblem, n, l, end, "the value ends at its second double quote, and %s follows; to keep double quotes inside a value, wrap it in single quotes: %s", strings.TrimSpace(after), fix(quoteSingle(inner)))
				}
				return report(keyProblem, endLine+1, lines[endLine], end+1, "text follows the closing %s; put the whole value inside the quotes", quoteName(q))
			}
			i = endLine
			continue
		case '@', '`', '%':
			return report(tokenProblem, n, l, voff, "a value cannot start with %c, which YAML reserves; quote it: %s", q, fix(quoteValue(strings.TrimRight(stripComment(value), " "))))
		case '[', '{':
			// "[Live] Fog Signals": a list (or map) in brackets, then text.
			if end := closeBracket(value); end > 0 {
				if after := strings.TrimLeft(value[end+1:], " "); after != "" && after[0] != '#' {
					what := "list"
					if q == '{' {
						what = "map"
					}
					return report(keyProblem, n, l, voff, "a value that starts with %c is a %s in YAML, and text follows its %c; quote the value: %s", q, what, value[end], fix(quoteValue(strings.TrimRight(stripComment(value), " "))))
				}
			}
			continue
		case '*':
			// "*NSYNC Talk": an alias of an anchor no one set.
			return report(aliasProblem, n, l, voff, "a value that starts with * names an alias (of an &anchor) in YAML; quote it: %s", fix(quoteValue(strings.TrimRight(stripComment(value), " "))))
		case '&', '!':
			continue
		}
		v := stripComment(value)
		if c := colonAt(v); c >= 0 {
			return report(colonProblem, n, l, voff+c, "%s, which YAML reads as the start of another key; quote the value: %s", colonWhat(key), fix(quoteValue(strings.TrimRight(v, " "))))
		}
		prevPlain = hasKey
	}
	return syntaxProblem{}, false
}

// swallowsKey reports whether a quoted value opened on line i (0-based)
// of a key or item indented by ind and closed on line endLine runs over a
// line that reads as a key or item at that indentation or less: YAML
// would have ended the value there, had its quote been closed.
func swallowsKey(lines []string, i, endLine, ind int) bool {
	for j := i + 1; j <= endLine && j < len(lines); j++ {
		l := lines[j]
		t := strings.TrimLeft(l, " ")
		if t == "" || len(l)-len(t) > ind {
			continue
		}
		if t[0] == '#' || t == "-" || strings.HasPrefix(t, "- ") || hasMapColon(t) {
			return true
		}
	}
	return false
}

func colonWhat(key string) string {
	if key == "" {
		return "this value holds \": \""
	}
	return fmt.Sprintf("the value of %s holds \": \"", key)
}

// closeBracket returns the offset in v of the bracket that closes the
// one v starts with, on the same line; -1 if there is none. Quotes inside
// are skipped.
func closeBracket(v string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// noSpaceKey returns k when s reads "k:value", a key with no space after
// its colon ("title:Fog"): a name of letters, digits, "_" and "-", then
// ":" and something other than a space or "/" (not "https://…").
func noSpaceKey(s string) (string, bool) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] == '_' || s[i] == '-') {
		i++
	}
	if i == 0 || i+1 >= len(s) || s[i] != ':' || s[i+1] == ' ' || s[i+1] == '/' || s[i+1] == ':' {
		return "", false
	}
	return s[:i], true
}

// colOf is the character column of byte offset off in line l.
func colOf(l string, off int) int {
	return utf8.RuneCountInString(l[:min(off, len(l))]) + 1
}

// splitKey splits "key: value" (a plain or quoted key): the key, the
// offset where the value starts and whether rest is a key at all.
func splitKey(rest string) (string, int, bool) {
	if rest[0] == '"' || rest[0] == '\'' {
		q := rest[0]
		for j := 1; j < len(rest); j++ {
			if rest[j] == '\\' && q == '"' {
				j++
				continue
			}
			if rest[j] == q {
				if q == '\'' && j+1 < len(rest) && rest[j+1] == '\'' {
					j++
					continue
				}
				after := rest[j+1:]
				if after == ":" || strings.HasPrefix(after, ": ") {
					return rest[1:j], j + 2, true
				}
				return "", 0, false
			}
		}
		return "", 0, false
	}
	for j := 0; j < len(rest); j++ {
		switch rest[j] {
		case ':':
			if j+1 == len(rest) || rest[j+1] == ' ' {
				return rest[:j], j + 1, j > 0
			}
		case '#':
			if j > 0 && rest[j-1] == ' ' {
				return "", 0, false
			}
		case '[', '{', '"', '\'':
			if j == 0 {
				return "", 0, false
			}
		}
	}
	return "", 0, false
}

// colonAt returns the offset of the first ": " (or final ":") in a plain
// value, where YAML would start a key; -1 if there is none.
func colonAt(v string) int {
	v = strings.TrimRight(v, " ")
	for j := 0; j < len(v); j++ {
		if v[j] == ':' && (j+1 == len(v) || v[j+1] == ' ') {
			return j
		}
	}
	return -1
}

// hasMapColon reports whether a line's content reads as "key: value".
func hasMapColon(s string) bool {
	for strings.HasPrefix(s, "- ") {
		s = strings.TrimLeft(s[2:], " ")
	}
	_, _, ok := splitKey(s)
	return ok
}

// stripComment drops a " # comment" from a plain value.
func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return v[:i]
	}
	return v
}

// closeQuote finds the quote that closes the one at byte off of line i,
// following the value across lines as YAML does. It returns the byte
// offset of the closing quote and its line, or -1.
func closeQuote(lines []string, i, off int, q byte) (int, int) {
	from := off + 1
	for li := i; li < len(lines); li++ {
		s := lines[li]
		if li > i {
			from = 0
		}
		for j := from; j < len(s); j++ {
			switch {
			case q == '"' && s[j] == '\\':
				j++
			case s[j] == q:
				if q == '\'' && j+1 < len(s) && s[j+1] == '\'' {
					j++
					continue
				}
				return j, li
			}
		}
	}
	return -1, -1
}

func quoteName(q byte) string {
	if q == '"' {
		return "double quote"
	}
	return "single quote"
}

// quoteValue quotes v for YAML: double quotes unless v holds a double
// quote or a backslash.
func quoteValue(v string) string {
	if !strings.ContainsAny(v, "\"\\") {
		return `"` + v + `"`
	}
	return quoteSingle(v)
}

func quoteSingle(v string) string {
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// spaces counts spaces in words: "1 space", "3 spaces".
func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}
