package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/validate"
)

// Input is what Write renders.
type Input struct {
	Path        string                // the file name or URL that was validated
	Diagnostics []validate.Diagnostic // in the order to print them
	// Rules are the rules that ran, for SARIF's rules[] (title, help,
	// default level). Codes found in Diagnostics but missing here get a
	// bare entry.
	Rules []*validate.Rule
	// ToolVersion is podfeed's version for SARIF's driver; "" omits it.
	ToolVersion string
}

// Formats returns the names Write accepts, the default first.
func Formats() []string { return []string{"text", "json", "sarif"} }

// Write renders in to w in format ("text", "json" or "sarif").
func Write(w io.Writer, format string, in Input) error {
	switch format {
	case "text", "":
		return writeText(w, in)
	case "json":
		return writeJSON(w, in)
	case "sarif":
		return writeSARIF(w, in)
	}
	return fmt.Errorf("report: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// writeText prints `path:line:col: severity: message [code]`, one finding
// a line. A finding without a position (line 0) prints `path: …`.
func writeText(w io.Writer, in Input) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// Each line is assembled in one reused buffer: a feed can have a
	// finding per item, and formatting them with fmt showed up in the
	// validate profile.
	var line []byte
	for _, d := range in.Diagnostics {
		line = append(line[:0], in.Path...)
		if d.Pos.Line > 0 {
			line = append(line, ':')
			line = strconv.AppendInt(line, int64(d.Pos.Line), 10)
			line = append(line, ':')
			line = strconv.AppendInt(line, int64(d.Pos.Col), 10)
		}
		line = append(line, ": "...)
		line = append(line, d.Severity.String()...)
		line = append(line, ": "...)
		// A message never spans lines in this format.
		for m := d.Message; ; {
			k := strings.IndexByte(m, '\n')
			if k < 0 {
				line = append(line, m...)
				break
			}
			line = append(line, m[:k]...)
			line = append(line, ' ')
			m = m[k+1:]
		}
		line = append(line, " ["...)
		line = append(line, d.Code...)
		line = append(line, "]\n"...)
		bw.Write(line)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write text: %w", err)
	}
	return nil
}

// JSONVersion is the version of the JSON format; it changes only when a
// field is removed or changes meaning.
const JSONVersion = 1

type jsonReport struct {
	Version  int           `json:"version"`
	Path     string        `json:"path"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Hint     string `json:"hint,omitempty"`
	URL      string `json:"url,omitempty"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Total    int `json:"total"`
}

func writeJSON(w io.Writer, in Input) error {
	r := jsonReport{Version: JSONVersion, Path: in.Path, Findings: []jsonFinding{}}
	for _, d := range in.Diagnostics {
		r.Findings = append(r.Findings, jsonFinding{
			Code: d.Code, Severity: d.Severity.String(), Message: d.Message,
			Line: d.Pos.Line, Column: d.Pos.Col, Hint: d.Hint, URL: d.URL,
		})
		switch d.Severity {
		case validate.Error:
			r.Summary.Errors++
		case validate.Warning:
			r.Summary.Warnings++
		case validate.Info:
			r.Summary.Infos++
		}
	}
	r.Summary.Total = len(in.Diagnostics)
	return encode(w, "json", r)
}

func encode(w io.Writer, format string, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: write %s: %w", format, err)
	}
	return nil
}

// SARIF 2.1.0 (OASIS), the subset code-scanning services read.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     *sarifText   `json:"shortDescription,omitempty"`
	FullDescription      *sarifText   `json:"fullDescription,omitempty"`
	Help                 *sarifText   `json:"help,omitempty"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfig `json:"defaultConfiguration,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func sarifLevel(s validate.Severity) string {
	switch s {
	case validate.Error:
		return "error"
	case validate.Warning:
		return "warning"
	}
	return "note"
}

// artifactURI turns a path into a URI reference: URLs stay as they are,
// file paths use forward slashes, standard input is "stdin".
func artifactURI(path string) string {
	switch {
	case path == "" || path == "-":
		return "stdin"
	case strings.Contains(path, "://"):
		return path
	}
	return filepath.ToSlash(path)
}

func writeSARIF(w io.Writer, in Input) error {
	// Rules: those that ran, in code order, then codes only findings name.
	urls := map[string]string{}
	for _, d := range in.Diagnostics {
		if d.URL != "" && urls[d.Code] == "" {
			urls[d.Code] = d.URL
		}
	}
	index := map[string]int{}
	var rules []sarifRule
	sorted := slices.Clone(in.Rules)
	slices.SortFunc(sorted, func(a, b *validate.Rule) int { return strings.Compare(a.Code, b.Code) })
	for _, r := range sorted {
		if _, dup := index[r.Code]; dup {
			continue
		}
		index[r.Code] = len(rules)
		help := urls[r.Code]
		if help == "" {
			help = validate.DocsURL(r.Code)
		}
		sr := sarifRule{
			ID:                   r.Code,
			HelpURI:              help,
			DefaultConfiguration: &sarifConfig{Level: sarifLevel(r.Severity)},
		}
		if r.Title != "" {
			sr.ShortDescription = &sarifText{Text: r.Title}
		}
		if r.Doc != "" {
			sr.FullDescription = &sarifText{Text: r.Doc}
		}
		if r.Hint != "" {
			sr.Help = &sarifText{Text: r.Hint}
		}
		rules = append(rules, sr)
	}
	for _, d := range in.Diagnostics {
		if _, ok := index[d.Code]; !ok {
			index[d.Code] = len(rules)
			rules = append(rules, sarifRule{ID: d.Code, HelpURI: urls[d.Code]})
		}
	}
	if rules == nil {
		rules = []sarifRule{}
	}
	results := []sarifResult{}
	uri := artifactURI(in.Path)
	for _, d := range in.Diagnostics {
		phys := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}
		if d.Pos.Line > 0 {
			phys.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Col}
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + strings.TrimSuffix(d.Hint, ".") + ".)"
		}
		results = append(results, sarifResult{
			RuleID:    d.Code,
			RuleIndex: index[d.Code],
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: msg},
			Locations: []sarifLocation{{PhysicalLocation: phys}},
		})
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "podfeed",
				Version:        in.ToolVersion,
				InformationURI: "https://github.com/podfeed/podfeed",
				Rules:          rules,
			}},
			Results: results,
		}},
	}
	return encode(w, "sarif", log)
}
