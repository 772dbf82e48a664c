package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSON Lines: one object per feed, each on its own line, written as the
// feed finishes, then one summary object. Every line carries "type"
// ("feed" or "summary") and the format version (JSONVersion). See
// docs/validate-json.md.

type jsonlFeed struct {
	Type     string        `json:"type"` // "feed"
	Version  int           `json:"version"`
	Index    int           `json:"index"`
	Path     string        `json:"path"`
	URL      string        `json:"url,omitempty"`
	Status   string        `json:"status"` // "ok", "findings" or "fetch-failed"
	Error    string        `json:"error,omitempty"`
	Items    int           `json:"items"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonlSummary struct {
	Type          string `json:"type"` // "summary"
	Version       int    `json:"version"`
	Feeds         int    `json:"feeds"`
	FetchFailures int    `json:"fetch_failures"`
	FeedsFailed   int    `json:"feeds_failed"`
	Errors        int    `json:"errors"`
	Warnings      int    `json:"warnings"`
	Infos         int    `json:"infos"`
}

func writeJSONLFeed(w io.Writer, f Feed) error {
	r := jsonlFeed{
		Type: "feed", Version: JSONVersion, Index: f.Index, Path: f.Path, URL: f.URL,
		Status: "ok", Items: f.Items, Findings: []jsonFinding{},
	}
	if f.Err != nil {
		r.Status = FetchFailedCode
		r.Error = f.Err.Error()
	} else if len(f.Diagnostics) > 0 {
		r.Status = "findings"
	}
	r.Findings, r.Summary = jsonFindings(f.Diagnostics)
	return encodeLine(w, r)
}

func writeJSONLSummary(w io.Writer, s Summary) error {
	return encodeLine(w, jsonlSummary{
		Type: "summary", Version: JSONVersion, Feeds: s.Feeds, FetchFailures: s.FetchFailures,
		FeedsFailed: s.FeedsFailed, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos,
	})
}

// encodeLine writes v as one line of JSON.
func encodeLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: write jsonl: %w", err)
	}
	return nil
}
