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
	// Source is the document that was validated, as read, for the html
	// format's source lines; nil shows none.
	Source []byte
	// DocsRef is the git ref rule documentation links point at
	// (validate.Config.DocsRef), for rules no finding links; "" links none.
	DocsRef string

	// Text format only.
	// All prints every finding; otherwise the findings of one kind (code,
	// severity and message shape) after the first Collapse are folded into
	// one "… and N more" line, and a feed with only infos gets one line.
	All bool
	// Hints prints each finding's hint and docs page under it.
	Hints bool
	// Collapse is how many findings of a kind the text shows before
	// folding the rest; 0 means DefaultCollapse.
	Collapse int
}

// DefaultCollapse is how many findings of one kind text shows in full.
const DefaultCollapse = 3

// formats maps each format name to its writer; the first is the default.
// A new format is one more entry here.
var formats = []struct {
	name  string
	write func(io.Writer, Input) error
}{
	{"text", writeText},
	{"json", writeJSON},
	{"sarif", writeSARIF},
	{"jsonl", streamOne("jsonl")},
	{"github-actions", streamOne("github-actions")},
	{"gitlab", streamOne("gitlab")},
	{"junit", streamOne("junit")},
	{"checkstyle", streamOne("checkstyle")},
	{"html", writeHTML},
}

// Formats returns the names Write accepts, the default first.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Write renders in to w in format (one of Formats; "" is the default).
func Write(w io.Writer, format string, in Input) error {
	if format == "" {
		format = formats[0].name
	}
	for _, f := range formats {
		if f.name == format {
			return f.write(w, in)
		}
	}
	return fmt.Errorf("report: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// writeText prints `path:line:col: severity: message [code]`, one finding
// a line. A finding without a position (line 0) prints `path: …`. Unless
// in.All, the findings of one kind after the first few fold into one line
// `… and N more items (first at L:C, last at L:C)`. A per-code table ends
// the report; a feed whose findings are all infos gets one line instead.
func writeText(w io.Writer, in Input) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	t := textWriter{w: bw, in: in}
	t.write()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write text: %w", err)
	}
	return nil
}

// kindKey identifies findings that are repeats of one another.
type kindKey struct {
	code, shape string
	sev         validate.Severity
}

func keyOf(d *validate.Diagnostic) kindKey {
	return kindKey{d.Code, d.Shape, d.Severity}
}

// kindTally is what the text report knows of one kind before printing.
type kindTally struct {
	total  int // occurrences
	shown  int // findings printed so far
	hidden int // occurrences folded into the "… and N more" line
	first  validate.Pos
	last   validate.Pos
	item   bool
	folded bool // the line was printed
}

type textWriter struct {
	w    *bufio.Writer
	in   Input
	line []byte // one reused buffer: a feed can have a finding per item
}

func (t *textWriter) write() {
	ds := t.in.Diagnostics
	if len(ds) == 0 {
		return
	}
	if !t.in.All && onlyInfos(ds) {
		t.infoLine()
		return
	}
	keep := t.in.Collapse
	if keep <= 0 {
		keep = DefaultCollapse
	}
	// First pass: how many of each kind, and where the folded ones are.
	tallies := map[kindKey]*kindTally{}
	for i := range ds {
		d := &ds[i]
		k := keyOf(d)
		tl := tallies[k]
		if tl == nil {
			tl = &kindTally{}
			tallies[k] = tl
		}
		tl.item = tl.item || d.Item
		n := d.Occurrences()
		if !t.in.All && tl.total+n > keep {
			if tl.hidden == 0 {
				tl.first = d.Pos
				if d.More != nil && tl.total < keep && len(d.More.Positions) > keep-tl.total {
					tl.first = d.More.Positions[keep-tl.total]
				}
			}
			tl.hidden += min(n, tl.total+n-keep)
			tl.last = d.Pos
			if d.More != nil {
				tl.last = d.More.Last
			}
		}
		tl.total += n
	}
	// A kind that would fold just one finding prints it instead.
	for _, tl := range tallies {
		if tl.hidden == 1 {
			tl.hidden = 0
		}
	}
	for i := range ds {
		d := &ds[i]
		tl := tallies[keyOf(d)]
		if t.in.All || tl.hidden == 0 {
			t.finding(d)
			if d.More != nil {
				for _, p := range d.More.Positions[min(1, len(d.More.Positions)):] {
					t.position(d, p)
				}
			}
			continue
		}
		if tl.shown < tl.total-tl.hidden {
			t.finding(d)
			tl.shown += d.Occurrences()
		}
		if tl.shown >= tl.total-tl.hidden && !tl.folded {
			tl.folded = true
			t.fold(d, tl)
		}
	}
	t.table()
}

func onlyInfos(ds []validate.Diagnostic) bool {
	for i := range ds {
		if ds[i].Severity != validate.Info {
			return false
		}
	}
	return true
}

// start begins a line: `path:line:col: severity: `.
func (t *textWriter) start(pos validate.Pos, sev validate.Severity) {
	t.line = append(t.line[:0], t.in.Path...)
	if pos.Line > 0 {
		t.line = append(t.line, ':')
		t.line = strconv.AppendInt(t.line, int64(pos.Line), 10)
		t.line = append(t.line, ':')
		t.line = strconv.AppendInt(t.line, int64(pos.Col), 10)
	}
	t.line = append(t.line, ": "...)
	t.line = append(t.line, sev.String()...)
	t.line = append(t.line, ": "...)
}

// end closes a line with ` [code]`.
func (t *textWriter) end(code string) {
	t.line = append(t.line, " ["...)
	t.line = append(t.line, code...)
	t.line = append(t.line, "]\n"...)
	t.w.Write(t.line)
}

// oneLine appends s with its line breaks as spaces.
func (t *textWriter) oneLine(s string) {
	for {
		k := strings.IndexByte(s, '\n')
		if k < 0 {
			t.line = append(t.line, s...)
			return
		}
		t.line = append(t.line, s[:k]...)
		t.line = append(t.line, ' ')
		s = s[k+1:]
	}
}

func (t *textWriter) finding(d *validate.Diagnostic) {
	t.start(d.Pos, d.Severity)
	t.oneLine(d.Message)
	t.end(d.Code)
	t.hint(d)
}

// position prints an occurrence the engine kept only the position of
// (past Config.MaxDetails), with --all.
func (t *textWriter) position(d *validate.Diagnostic, p validate.Pos) {
	t.start(p, d.Severity)
	t.line = append(t.line, "another finding of this kind (its message was not kept)"...)
	t.end(d.Code)
}

func (t *textWriter) hint(d *validate.Diagnostic) {
	if !t.in.Hints {
		return
	}
	t.line = append(t.line[:0], "    hint: "...)
	t.oneLine(d.Hint)
	if d.Hint != "" {
		t.line = append(t.line, ' ')
	}
	t.line = append(t.line, '(')
	if d.URL != "" {
		t.line = append(t.line, d.URL...)
	} else {
		// No published page is known to match this build: the CLI's
		// own documentation always does.
		t.line = append(t.line, "podfeed explain "...)
		t.line = append(t.line, d.Code...)
	}
	t.line = append(t.line, ')')
	t.line = append(t.line, '\n')
	t.w.Write(t.line)
}

// fold prints `… and N more items (first at L:C, last at L:C)`.
func (t *textWriter) fold(d *validate.Diagnostic, tl *kindTally) {
	t.start(tl.first, d.Severity)
	t.line = append(t.line, "… and "...)
	t.line = strconv.AppendInt(t.line, int64(tl.hidden), 10)
	switch {
	case tl.item && tl.hidden == 1:
		t.line = append(t.line, " more item"...)
	case tl.item:
		t.line = append(t.line, " more items"...)
	default:
		t.line = append(t.line, " more"...)
	}
	t.line = append(t.line, " like this (first at "...)
	t.line = appendPos(t.line, tl.first)
	t.line = append(t.line, ", last at "...)
	t.line = appendPos(t.line, tl.last)
	t.line = append(t.line, "; --all lists them)"...)
	t.end(d.Code)
}

func appendPos(b []byte, p validate.Pos) []byte {
	b = strconv.AppendInt(b, int64(p.Line), 10)
	b = append(b, ':')
	return strconv.AppendInt(b, int64(p.Col), 10)
}

// codeCount is one row of the summary table.
type codeCount struct {
	code  string
	sev   validate.Severity
	count int
}

// countByCode counts the occurrences of each code and severity (a rule
// that reports some findings as errors and others as warnings has a row
// for each, so that no count claims a severity its findings do not
// have), most severe first, then most frequent, then by code.
func countByCode(ds []validate.Diagnostic) []codeCount {
	type key struct {
		code string
		sev  validate.Severity
	}
	idx := map[key]int{}
	var rows []codeCount
	for i := range ds {
		d := &ds[i]
		k, ok := idx[key{d.Code, d.Severity}]
		if !ok {
			k = len(rows)
			idx[key{d.Code, d.Severity}] = k
			rows = append(rows, codeCount{code: d.Code, sev: d.Severity})
		}
		rows[k].count += d.Occurrences()
	}
	slices.SortFunc(rows, func(a, b codeCount) int {
		if a.sev != b.sev {
			return int(b.sev - a.sev)
		}
		if a.count != b.count {
			return b.count - a.count
		}
		return strings.Compare(a.code, b.code)
	})
	return rows
}

// table prints the per-code summary that ends the report.
func (t *textWriter) table() {
	rows := countByCode(t.in.Diagnostics)
	titles := map[string]string{}
	for _, r := range t.in.Rules {
		titles[r.Code] = r.Title
	}
	width, cw := 0, 1
	for _, r := range rows {
		width = max(width, len(r.code))
		cw = max(cw, len(strconv.Itoa(r.count)))
	}
	fmt.Fprintf(t.w, "%s: summary\n", t.in.Path)
	for _, r := range rows {
		line := fmt.Sprintf("  %-7s  %*d  %-*s  %s", r.sev, cw, r.count, width, r.code, titles[r.code])
		t.w.WriteString(strings.TrimRight(line, " "))
		t.w.WriteByte('\n')
	}
}

// infoLine says in one line that a feed has nothing but infos.
func (t *textWriter) infoLine() {
	rows := countByCode(t.in.Diagnostics)
	total := 0
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		total += r.count
		parts = append(parts, r.code+" "+strconv.Itoa(r.count))
	}
	word := "infos"
	if total == 1 {
		word = "info"
	}
	fmt.Fprintf(t.w, "%s: no errors or warnings, %d %s (%s; --all lists them)\n", t.in.Path, total, word, strings.Join(parts, ", "))
}

// JSONVersion is the version of the JSON format; it changes only when a
// field is removed or changes meaning.
const JSONVersion = 1

type jsonReport struct {
	Version    int           `json:"version"`
	Path       string        `json:"path"`
	ColumnKind string        `json:"column_kind"`
	Findings   []jsonFinding `json:"findings"`
	Summary    jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Code     string   `json:"code"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Hint     string   `json:"hint,omitempty"`
	URL      string   `json:"url,omitempty"`
	Profiles []string `json:"profiles,omitempty"`
	// Set only on the finding that stands for the repeats of a kind past
	// the engine's cap: how many (exact), where (the first up to the
	// positions cap), and where the last one is.
	Count     int       `json:"count,omitempty"`
	Positions []jsonPos `json:"positions,omitempty"`
	Truncated bool      `json:"positions_truncated,omitempty"`
	Last      *jsonPos  `json:"last,omitempty"`
}

type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type jsonSummary struct {
	Errors   int         `json:"errors"`
	Warnings int         `json:"warnings"`
	Infos    int         `json:"infos"`
	Total    int         `json:"total"`
	Codes    []jsonCount `json:"codes"`
}

type jsonCount struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Count    int    `json:"count"`
}

// ColumnKind says what columns count, in SARIF's words.
const ColumnKind = "unicodeCodePoints"

func writeJSON(w io.Writer, in Input) error {
	r := jsonReport{Version: JSONVersion, Path: in.Path, ColumnKind: ColumnKind}
	r.Findings, r.Summary = jsonFindings(in.Diagnostics)
	return encode(w, "json", r)
}

// jsonFindings converts findings for the json and jsonl formats (never a
// nil slice) and counts them, repeats included.
func jsonFindings(diags []validate.Diagnostic) ([]jsonFinding, jsonSummary) {
	out := make([]jsonFinding, 0, len(diags))
	var sum jsonSummary
	for _, d := range diags {
		f := jsonFinding{
			Code: d.Code, Severity: d.Severity.String(), Message: d.Message,
			Line: d.Pos.Line, Column: d.Pos.Col, Hint: d.Hint, URL: d.URL,
		}
		for _, p := range d.Profiles {
			f.Profiles = append(f.Profiles, string(p))
		}
		if m := d.More; m != nil {
			f.Count = m.Count
			f.Positions = make([]jsonPos, len(m.Positions))
			for i, p := range m.Positions {
				f.Positions[i] = jsonPos{p.Line, p.Col}
			}
			f.Truncated = len(m.Positions) < m.Count
			f.Last = &jsonPos{m.Last.Line, m.Last.Col}
		}
		out = append(out, f)
		n := d.Occurrences()
		switch d.Severity {
		case validate.Error:
			sum.Errors += n
		case validate.Warning:
			sum.Warnings += n
		case validate.Info:
			sum.Infos += n
		}
		sum.Total += n
	}
	sum.Codes = []jsonCount{}
	for _, c := range countByCode(diags) {
		sum.Codes = append(sum.Codes, jsonCount{c.code, c.sev.String(), c.count})
	}
	return out, sum
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
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
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
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	OccurrenceCount  int             `json:"occurrenceCount,omitempty"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
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
			help = validate.DocsURL(in.DocsRef, r.Code)
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
		res := sarifResult{
			RuleID:    d.Code,
			RuleIndex: index[d.Code],
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: msg},
			Locations: []sarifLocation{{PhysicalLocation: phys}},
		}
		if m := d.More; m != nil {
			// One result for the repeats past the engine's cap: the first
			// position is its location, the others related locations.
			res.OccurrenceCount = m.Count
			for i, p := range m.Positions[min(1, len(m.Positions)):] {
				id := i + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id,
					PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri},
						Region: &sarifRegion{StartLine: p.Line, StartColumn: p.Col}}})
			}
		}
		results = append(results, res)
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
			ColumnKind: ColumnKind,
			Results:    results,
		}},
	}
	return encode(w, "sarif", log)
}
