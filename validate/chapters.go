package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/podfeed/podfeed/chapters"
)

// Chapters validates a JSON chapter file (Podcasting 2.0 chapters or
// Podlove JSON, told apart by content) with the chapters-* rules selected
// by cfg. Like Run, it reports problems as findings; it reads nothing.
func Chapters(data []byte, cfg Config) Result {
	res := Result{WellFormed: true}
	enabled := map[string]*Rule{}
	for _, r := range ChapterRules(cfg) {
		enabled[r.Code] = r
		res.Rules++
	}
	add := func(code string, pos Pos, sev Severity, format string, args ...any) {
		r := enabled[code]
		if r == nil {
			return
		}
		res.Diagnostics = append(res.Diagnostics, Diagnostic{Code: code, Severity: sev, Message: fmt.Sprintf(format, args...), Hint: r.Hint, Pos: pos,
			URL: DocsURL(cfg.DocsRef, code), Profiles: r.Profiles, Shape: format})
	}
	if isJSONFeed(data) {
		res.WellFormed = false
		add("chapters-json-invalid", Pos{Line: 1, Col: 1}, Error, "this is a JSON Feed (jsonfeed.org), not a chapter file: podfeed validates RSS podcast feeds and JSON chapter files; validate the show's RSS feed instead")
		return res
	}
	chs, format, err := chapters.Decode(data)
	if err != nil {
		res.WellFormed = false
		var list chapters.ErrorList
		var one *chapters.SyntaxError
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				add("chapters-json-invalid", Pos{Line: e.Pos.Line, Col: e.Pos.Col}, Error, "%s", e.Msg)
			}
		case errors.As(err, &one):
			add("chapters-json-invalid", Pos{Line: one.Pos.Line, Col: one.Pos.Col}, Error, "%s", one.Msg)
		default:
			add("chapters-json-invalid", Pos{Line: 1, Col: 1}, Error, "not a JSON chapter file: %v", err)
		}
		sortDiagnostics(res.Diagnostics)
		return res
	}
	offsets := chapterOffsets(data, format)
	posOf := func(i int) Pos {
		if i >= 0 && i < len(offsets) {
			return offsetPos(data, offsets[i])
		}
		return Pos{Line: 1, Col: 1}
	}
	if format == chapters.FormatPodcastJSON {
		checkChaptersVersion(data, add)
	}
	for _, p := range chapters.Check(chs, 0) {
		switch p.Code {
		case chapters.CodeOutOfOrder, chapters.CodeDuplicate:
			add("chapters-order", posOf(p.Index), Warning, "chapter %d: %s", p.Index+1, p.Message)
		case chapters.CodeEndBeforeStart:
			add("chapters-end-before-start", posOf(p.Index), Warning, "chapter %d: %s", p.Index+1, p.Message)
		}
	}
	sortDiagnostics(res.Diagnostics)
	return res
}

// isJSONFeed reports whether data is a JSON Feed (its "version" is a
// jsonfeed.org URL), which a chapter file never is.
func isJSONFeed(data []byte) bool {
	var top struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	v := top.Version
	return bytes.HasPrefix([]byte(v), []byte("https://jsonfeed.org/version/")) || bytes.HasPrefix([]byte(v), []byte("http://jsonfeed.org/version/"))
}

// checkChaptersVersion checks the Podcasting 2.0 file's "version" field.
func checkChaptersVersion(data []byte, add func(code string, pos Pos, sev Severity, format string, args ...any)) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return
	}
	v, ok := top["version"]
	if !ok {
		add("chapters-json-invalid", Pos{Line: 1, Col: 1}, Error, "the Podcasting 2.0 chapters object has no \"version\" (write \"version\": \"1.2.0\")")
		return
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		off := bytes.Index(data, []byte(`"version"`))
		add("chapters-json-invalid", offsetPos(data, max(off, 0)), Error, "\"version\" is %s, but must be a string such as \"1.2.0\"", bytes.TrimSpace(v))
	}
}

// chapterOffsets returns the byte offset of each chapter object.
func chapterOffsets(data []byte, format chapters.Format) []int {
	dec := json.NewDecoder(bytes.NewReader(data))
	next := func() (json.Token, error) { return dec.Token() }
	elements := func() []int {
		var offs []int
		for dec.More() {
			off := int(dec.InputOffset())
			for off < len(data) && (isSpace(data[off]) || data[off] == ',') {
				off++
			}
			offs = append(offs, off)
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return offs
			}
		}
		return offs
	}
	t, err := next()
	if err != nil {
		return nil
	}
	if d, ok := t.(json.Delim); ok && d == '[' && format == chapters.FormatPodloveJSON {
		return elements()
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return nil
	}
	for dec.More() {
		k, err := next()
		if err != nil {
			return nil
		}
		if k == "chapters" {
			if t, err := next(); err != nil || t != json.Delim('[') {
				return nil
			}
			return elements()
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return nil
		}
	}
	return nil
}

// offsetPos turns a byte offset into a line and column.
func offsetPos(data []byte, off int) Pos {
	off = min(off, len(data))
	line := 1 + bytes.Count(data[:off], nl)
	return Pos{Line: line, Col: off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1}
}

func sortDiagnostics(ds []Diagnostic) {
	slicesSortDiagnostics(ds)
}
