package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/validate"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// fixture is the one set of findings every format is tested with: all
// three severities, a finding without a position, a message with quotes,
// angle brackets and a newline, and a code no listed rule declares.
func fixture() Input {
	return Input{
		Path: "shows/my show/feed.xml",
		Rules: []*validate.Rule{
			{Code: "rss-enclosure-length", Title: "Enclosure length must be a positive byte count", Severity: validate.Error,
				Doc: "The `length` attribute is the file size in bytes.", Hint: "Set length to the file size in bytes."},
			{Code: "apple-image-missing", Title: "Channel needs itunes:image", Severity: validate.Error,
				Doc: "Apple requires show artwork.", Hint: "Add <itunes:image href=\"…\"/> to the channel."},
			{Code: "apple-description-html", Title: "Description uses HTML Apple does not document", Severity: validate.Info},
		},
		Diagnostics: []validate.Diagnostic{
			{Code: "apple-image-missing", Severity: validate.Error, Message: "channel has no <itunes:image>",
				Hint: "Add <itunes:image href=\"…\"/> to the channel.", Pos: validate.Pos{Line: 3, Col: 3},
				URL: "https://github.com/podfeed/podfeed/blob/v0.1.0/docs/rules/apple-image-missing.md"},
			{Code: "rss-enclosure-length", Severity: validate.Warning, Message: "enclosure length \"0\" is not a positive number\nof bytes",
				Hint: "Set length to the file size in bytes.", Pos: validate.Pos{Line: 17, Col: 45}},
			{Code: "apple-description-html", Severity: validate.Info, Message: "description uses <strong>, which Apple does not list",
				Pos: validate.Pos{Line: 18, Col: 7}},
			{Code: "net-feed-redirect", Severity: validate.Warning, Message: "the feed URL answers with a temporary redirect (302) to \"https://example.com/feed\""},
		},
		ToolVersion: "v0.1.0",
		DocsRef:     "v0.1.0",
		Source:      []byte(fixtureSource),
	}
}

// fixtureSource is the document the fixture's findings are about (only
// the html format shows it).
const fixtureSource = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel>
    <title>My Show</title>
    <link>https://example.com/</link>
    <description>Things &amp; more.</description>
    <language>en</language>
    <itunes:category text="Technology"/>
    <itunes:explicit>false</itunes:explicit>
    <item>
      <title>Episode 1</title>
      <guid isPermaLink="false">ep-1</guid>
      <enclosure url="https://example.com/1.mp3" length="10" type="audio/mpeg"/>
    </item>
    <item>
      <title><![CDATA[Episode <2> & more]]></title>
      <enclosure url="https://example.com/2.mp3" length="0" type="audio/mpeg"/>
      <description><![CDATA[<strong>Bold</strong>]]></description>
    </item>
  </channel>
</rss>
`

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, fixture()); err != nil {
				t.Fatalf("Write(%s): %v", format, err)
			}
			golden.Assert(t, filepath.Join("testdata", "findings."+format+".golden"), buf.Bytes(), *update)
		})
	}
}

func TestTextLines(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "text", fixture()); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^shows/my show/feed\.xml(:\d+:\d+)?: (error|warning|info): [^\n]+ \[[a-z0-9-]+\]$`)
	out, table, ok := strings.Cut(buf.String(), "shows/my show/feed.xml: summary\n")
	if !ok {
		t.Fatalf("text output has no summary table:\n%s", buf.String())
	}
	wantTable := "  error    1  apple-image-missing     Channel needs itunes:image\n" +
		"  warning  1  net-feed-redirect\n" +
		"  warning  1  rss-enclosure-length    Enclosure length must be a positive byte count\n" +
		"  info     1  apple-description-html  Description uses HTML Apple does not document\n"
	if table != wantTable {
		t.Errorf("summary table:\n%s\nwant (by severity, then count, then code):\n%s", table, wantTable)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(fixture().Diagnostics) {
		t.Errorf("text output has %d lines, want %d", len(lines), len(fixture().Diagnostics))
	}
	for _, l := range lines {
		if !line.MatchString(l) {
			t.Errorf("text line %q does not match path:line:col: severity: message [code]", l)
		}
	}
}

func TestJSONSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", fixture()); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("json output does not parse: %v", err)
	}
	want := jsonSummary{Errors: 1, Warnings: 2, Infos: 1, Total: 4, Codes: []jsonCount{
		{"apple-image-missing", "error", 1}, {"net-feed-redirect", "warning", 1},
		{"rss-enclosure-length", "warning", 1}, {"apple-description-html", "info", 1}}}
	if got.Version != 1 || !cmp.Equal(got.Summary, want) || got.ColumnKind != "unicodeCodePoints" {
		t.Errorf("json version %d summary %+v, want 1 and %+v", got.Version, got.Summary, want)
	}
	buf.Reset()
	if err := Write(&buf, "json", Input{Path: "feed.xml"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("json without findings = %s, want \"findings\": [] (never null)", buf.String())
	}
}

// TestSummaryMixedSeverity: a rule that reports some findings as errors
// and others as warnings (rss-date-rfc822: an impossible date is an
// error, a wrong weekday a warning) gets a row per severity, so that no
// row counts warnings as errors; beside it, the one-severity rows of
// TestTextLines.
func TestSummaryMixedSeverity(t *testing.T) {
	in := Input{Path: "feed.xml", Rules: []*validate.Rule{{Code: "rss-date-rfc822", Title: "Dates must be RFC 822 date-times"}}}
	at := func(line int, sev validate.Severity, msg string) validate.Diagnostic {
		return validate.Diagnostic{Code: "rss-date-rfc822", Severity: sev, Message: msg, Pos: validate.Pos{Line: line, Col: 10}}
	}
	in.Diagnostics = []validate.Diagnostic{
		at(5, validate.Warning, "weekday"), at(9, validate.Error, "no such day"), at(13, validate.Warning, "weekday"),
		{Code: "rss-date-rfc822", Severity: validate.Warning, Message: "… and 40 more", Pos: validate.Pos{Line: 17, Col: 10},
			More: &validate.Repeats{Count: 40, Last: validate.Pos{Line: 200, Col: 10}}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(buf.String(), "feed.xml: summary\n")
	want := "  error     1  rss-date-rfc822  Dates must be RFC 822 date-times\n" +
		"  warning  42  rss-date-rfc822  Dates must be RFC 822 date-times\n"
	if table != want {
		t.Errorf("summary table:\n%s\nwant a row per severity:\n%s", table, want)
	}
	buf.Reset()
	if err := Write(&buf, "json", in); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantCodes := []jsonCount{{"rss-date-rfc822", "error", 1}, {"rss-date-rfc822", "warning", 42}}
	if d := cmp.Diff(wantCodes, got.Summary.Codes); d != "" || got.Summary.Errors != 1 || got.Summary.Warnings != 42 {
		t.Errorf("json summary %+v; codes (-want +got):\n%s", got.Summary, d)
	}
}

// TestSARIFShape checks the fields SARIF 2.1.0 requires and the ones code
// scanning services read, on the parsed output.
func TestSARIFShape(t *testing.T) {
	var buf bytes.Buffer
	in := fixture()
	if err := Write(&buf, "sarif", in); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("sarif output does not parse as JSON: %v", err)
	}
	if log["version"] != "2.1.0" {
		t.Errorf("version = %v, want 2.1.0", log["version"])
	}
	if s, _ := log["$schema"].(string); !strings.Contains(s, "sarif-2.1.0") {
		t.Errorf("$schema = %q, want the 2.1.0 schema", s)
	}
	runs, _ := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("runs has %d entries, want 1", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "podfeed" {
		t.Errorf("tool.driver.name = %v, want podfeed", driver["name"])
	}
	rules := driver["rules"].([]any)
	var ids []string
	for _, r := range rules {
		rm := r.(map[string]any)
		ids = append(ids, rm["id"].(string))
	}
	wantIDs := []string{"apple-description-html", "apple-image-missing", "rss-enclosure-length", "net-feed-redirect"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("rules[].id (-want +got):\n%s", diff)
	}
	first := rules[1].(map[string]any)
	if first["shortDescription"].(map[string]any)["text"] != "Channel needs itunes:image" ||
		first["defaultConfiguration"].(map[string]any)["level"] != "error" ||
		!strings.HasSuffix(first["helpUri"].(string), "apple-image-missing.md") {
		t.Errorf("rule apple-image-missing = %v, want its title, level error and docs URL", first)
	}
	results := run["results"].([]any)
	if len(results) != len(in.Diagnostics) {
		t.Fatalf("results has %d entries, want %d", len(results), len(in.Diagnostics))
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
	for i, r := range results {
		rm := r.(map[string]any)
		d := in.Diagnostics[i]
		if rm["ruleId"] != d.Code {
			t.Errorf("results[%d].ruleId = %v, want %s", i, rm["ruleId"], d.Code)
		}
		if idx := int(rm["ruleIndex"].(float64)); ids[idx] != d.Code {
			t.Errorf("results[%d].ruleIndex = %d points at %s, want %s", i, idx, ids[idx], d.Code)
		}
		if !levels[rm["level"].(string)] {
			t.Errorf("results[%d].level = %v, not a SARIF level", i, rm["level"])
		}
		if rm["message"].(map[string]any)["text"] == "" {
			t.Errorf("results[%d].message.text is empty", i)
		}
		loc := rm["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		if loc["artifactLocation"].(map[string]any)["uri"] != "shows/my show/feed.xml" {
			t.Errorf("results[%d] artifact uri = %v", i, loc["artifactLocation"])
		}
		region, hasRegion := loc["region"].(map[string]any)
		if d.Pos.Line > 0 {
			if !hasRegion || int(region["startLine"].(float64)) != d.Pos.Line || int(region["startColumn"].(float64)) != d.Pos.Col {
				t.Errorf("results[%d].region = %v, want line %d column %d", i, region, d.Pos.Line, d.Pos.Col)
			}
		} else if hasRegion {
			t.Errorf("results[%d] has a region for a finding without a position: %v", i, region)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", fixture()); err == nil {
		t.Error("Write(xml): no error, want one naming the formats")
	}
}

// repeats is a feed with one defect on many items: 10 findings of one
// kind with messages, then 5,000 the engine kept only positions of, and
// two findings of other kinds.
func repeats() Input {
	in := Input{Path: "feed.xml"}
	for i := range 10 {
		in.Diagnostics = append(in.Diagnostics, validate.Diagnostic{Code: "apple-title-numbering", Severity: validate.Info,
			Message: fmt.Sprintf("title %q has a number", fmt.Sprint("Ep ", i)), Shape: "title %q has a number",
			Hint: "Drop it.", URL: "https://example.com/apple-title-numbering.md",
			Pos: validate.Pos{Line: 10 + 10*i, Col: 5}, Item: true})
	}
	more := &validate.Repeats{Count: 5000, Last: validate.Pos{Line: 50100, Col: 5}}
	for i := range 100 {
		more.Positions = append(more.Positions, validate.Pos{Line: 200 + 10*i, Col: 5})
	}
	in.Diagnostics = append(in.Diagnostics,
		validate.Diagnostic{Code: "apple-title-numbering", Severity: validate.Info, Message: "and 5000 more findings of this kind",
			Shape: "title %q has a number", Pos: more.Positions[0], Item: true, More: more},
		validate.Diagnostic{Code: "rss-guid-duplicate", Severity: validate.Error, Message: "guid \"a\" again", Shape: "guid %q again", Pos: validate.Pos{Line: 60000, Col: 3}, Item: true},
		validate.Diagnostic{Code: "rss-channel-link", Severity: validate.Warning, Message: "no link", Pos: validate.Pos{Line: 3, Col: 3}},
	)
	validateSort(in.Diagnostics)
	return in
}

func validateSort(ds []validate.Diagnostic) {
	slices.SortStableFunc(ds, func(a, b validate.Diagnostic) int { return a.Pos.Line - b.Pos.Line })
}

func TestTextCollapsesRepeats(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "text", repeats()); err != nil {
		t.Fatal(err)
	}
	want := `feed.xml:3:3: warning: no link [rss-channel-link]
feed.xml:10:5: info: title "Ep 0" has a number [apple-title-numbering]
feed.xml:20:5: info: title "Ep 1" has a number [apple-title-numbering]
feed.xml:30:5: info: title "Ep 2" has a number [apple-title-numbering]
feed.xml:40:5: info: … and 5007 more items like this (first at 40:5, last at 50100:5; --all lists them) [apple-title-numbering]
feed.xml:60000:3: error: guid "a" again [rss-guid-duplicate]
feed.xml: summary
  error       1  rss-guid-duplicate
  warning     1  rss-channel-link
  info     5010  apple-title-numbering
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("collapsed text (-want +got):\n%s", diff)
	}

	// --all: every finding, and a line per position the engine kept.
	in := repeats()
	in.All = true
	buf.Reset()
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "[apple-title-numbering]"); n != 10+100 {
		t.Errorf("--all printed %d apple-title-numbering lines, want 110 (10 with messages, 100 kept positions)", n)
	}
	if strings.Contains(buf.String(), "more items") {
		t.Errorf("--all folded findings:\n%s", buf.String())
	}
}

// TestTextFoldsOnlyWhatSavesLines: a kind with one finding more than
// shown prints it rather than a line saying so.
func TestTextFoldsOnlyWhatSavesLines(t *testing.T) {
	in := repeats()
	in.Diagnostics = slices.DeleteFunc(in.Diagnostics, func(d validate.Diagnostic) bool {
		return d.More != nil || (d.Code == "apple-title-numbering" && d.Pos.Line > 40)
	})
	var buf bytes.Buffer
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "has a number [apple-title-numbering]"); n != 4 || strings.Contains(buf.String(), "…") {
		t.Errorf("4 findings of a kind: want all 4 printed, got:\n%s", buf.String())
	}
}

func TestTextHints(t *testing.T) {
	in := repeats()
	in.Hints = true
	var buf bytes.Buffer
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "[apple-title-numbering]\n    hint: Drop it. (https://example.com/apple-title-numbering.md)\nfeed.xml:20:5:") {
		t.Errorf("--hints: no hint under the finding:\n%s", buf.String())
	}
}

// Without a docs link (a build that knows no published page for itself),
// the hint points at 'podfeed explain CODE'.
func TestTextHintsWithoutLink(t *testing.T) {
	in := repeats()
	in.Hints = true
	for i := range in.Diagnostics {
		in.Diagnostics[i].URL = ""
	}
	var buf bytes.Buffer
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "[apple-title-numbering]\n    hint: Drop it. (podfeed explain apple-title-numbering)\n") {
		t.Errorf("--hints without a URL: want 'podfeed explain', got:\n%s", buf.String())
	}
}

func TestTextInfoOnly(t *testing.T) {
	in := repeats()
	in.Diagnostics = slices.DeleteFunc(in.Diagnostics, func(d validate.Diagnostic) bool { return d.Severity != validate.Info })
	var buf bytes.Buffer
	if err := Write(&buf, "text", in); err != nil {
		t.Fatal(err)
	}
	want := "feed.xml: no errors or warnings, 5010 infos (apple-title-numbering 5010; --all lists them)\n"
	if buf.String() != want {
		t.Errorf("info-only feed:\n%s\nwant one line:\n%s", buf.String(), want)
	}
}

// TestJSONKeepsEveryPosition: the finding that stands for the repeats
// past the engine's cap carries their exact count and positions, and the
// summary counts them all.
func TestJSONKeepsEveryPosition(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", repeats()); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary.Total != 5012 || got.Summary.Infos != 5010 || len(got.Findings) != 13 {
		t.Errorf("summary %+v with %d findings, want 5012 in total (5010 infos) in 13 findings", got.Summary, len(got.Findings))
	}
	var more *jsonFinding
	for i := range got.Findings {
		if got.Findings[i].Count > 0 {
			more = &got.Findings[i]
		}
	}
	if more == nil || more.Count != 5000 || len(more.Positions) != 100 || !more.Truncated ||
		more.Last == nil || *more.Last != (jsonPos{50100, 5}) || more.Positions[1] != (jsonPos{210, 5}) {
		t.Errorf("repeats finding = %+v, want count 5000, 100 positions (truncated), last 50100:5", more)
	}
}

func TestSARIFRepeats(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", repeats()); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q, want unicodeCodePoints", run.ColumnKind)
	}
	found := false
	for _, r := range run.Results {
		if r.OccurrenceCount == 0 {
			continue
		}
		found = true
		if r.OccurrenceCount != 5000 || len(r.RelatedLocations) != 99 || r.Locations[0].PhysicalLocation.Region.StartLine != 200 {
			t.Errorf("repeats result: occurrenceCount %d, %d related locations, at line %d; want 5000, 99, 200",
				r.OccurrenceCount, len(r.RelatedLocations), r.Locations[0].PhysicalLocation.Region.StartLine)
		}
	}
	if !found {
		t.Error("no result with occurrenceCount")
	}
}
