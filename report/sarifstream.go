package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// SARIF over many feeds: one run whose results are written as each feed
// finishes. Each feed is rendered as writeSARIF renders one feed, then its
// results are re-indexed against the run's rules, which are written last
// (SARIF does not order a run's properties), so only the rules, a bounded
// set, stay in memory.
type sarifStream struct {
	index   map[string]int
	rules   []sarifRule
	results int // results written
	version string
}

func newSARIFStream(w io.Writer) (*sarifStream, error) {
	_, err := fmt.Fprintf(w, "{\n  \"$schema\": %q,\n  \"version\": %q,\n  \"runs\": [\n    {\n      \"columnKind\": %q,\n      \"results\": [",
		sarifSchema, sarifVersion, ColumnKind)
	return &sarifStream{index: map[string]int{}}, err
}

func (s *sarifStream) rule(r sarifRule) int {
	if i, ok := s.index[r.ID]; ok {
		return i
	}
	s.index[r.ID] = len(s.rules)
	s.rules = append(s.rules, r)
	return len(s.rules) - 1
}

func (s *sarifStream) feed(w io.Writer, f Feed) error {
	if f.ToolVersion != "" {
		s.version = f.ToolVersion
	}
	var results []sarifResult
	if f.Err != nil {
		i := s.rule(sarifRule{ID: FetchFailedCode, ShortDescription: &sarifText{Text: "The feed could not be read"},
			DefaultConfiguration: &sarifConfig{Level: "error"}})
		results = append(results, sarifResult{
			RuleID: FetchFailedCode, RuleIndex: i, Level: "error", Message: sarifText{Text: f.Err.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactURI(f.Path)}}}},
		})
	} else {
		var buf bytes.Buffer
		if err := writeSARIF(&buf, f.Input); err != nil {
			return err
		}
		var one sarifLog
		if err := json.Unmarshal(buf.Bytes(), &one); err != nil || len(one.Runs) != 1 {
			return fmt.Errorf("report: write sarif: re-reading one feed's run: %v", err)
		}
		run := one.Runs[0]
		for _, r := range run.Tool.Driver.Rules {
			s.rule(r)
		}
		results = run.Results
		for i := range results {
			results[i].RuleIndex = s.index[results[i].RuleID]
		}
	}
	for _, r := range results {
		b, err := marshalLine(r)
		if err != nil {
			return fmt.Errorf("report: write sarif: %w", err)
		}
		sep := ",\n        "
		if s.results == 0 {
			sep = "\n        "
		}
		s.results++
		if _, err := io.WriteString(w, sep); err != nil {
			return fmt.Errorf("report: write sarif: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("report: write sarif: %w", err)
		}
	}
	return nil
}

func (s *sarifStream) close(w io.Writer) error {
	rules := s.rules
	if rules == nil {
		rules = []sarifRule{}
	}
	tool, err := marshalLine(sarifTool{Driver: sarifDriver{
		Name: "podfeed", Version: s.version, InformationURI: "https://github.com/podfeed/podfeed", Rules: rules,
	}})
	if err != nil {
		return fmt.Errorf("report: write sarif: %w", err)
	}
	end := "\n      ],\n"
	if s.results == 0 {
		end = "],\n"
	}
	if _, err := fmt.Fprintf(w, "%s      \"tool\": %s\n    }\n  ]\n}\n", end, tool); err != nil {
		return fmt.Errorf("report: write sarif: %w", err)
	}
	return nil
}

// marshalLine is json.Marshal without HTML escaping, as the other JSON
// formats write, and without the encoder's newline.
func marshalLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
