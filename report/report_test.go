package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"regexp"
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
	}
}

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
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
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
	want := jsonSummary{Errors: 1, Warnings: 2, Infos: 1, Total: 4}
	if got.Version != 1 || got.Summary != want {
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
