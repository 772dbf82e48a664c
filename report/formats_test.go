package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/validate"
)

// streamFixture is a run over three feeds: the shared fixture, a clean
// feed fetched over HTTP, and one whose download failed.
func streamFixture() []Feed {
	in := fixture()
	return []Feed{
		{Input: in, Index: 0, Items: 12, Failed: true},
		{Input: Input{Path: "https://example.com/clean.xml", Rules: in.Rules}, Index: 2, URL: "https://cdn.example.com/clean.xml", Items: 3},
		{Input: Input{Path: "https://example.com/gone.xml", Rules: in.Rules}, Index: 1, Err: errors.New("fetching https://example.com/gone.xml: HTTP status 404")},
	}
}

func writeStream(t *testing.T, format string, feeds []Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	s, err := NewStream(&buf, format, fixture().Rules)
	if err != nil {
		t.Fatalf("NewStream(%s): %v", format, err)
	}
	var sum Summary
	for _, f := range feeds {
		if err := s.Feed(f); err != nil {
			t.Fatalf("Feed(%s): %v", format, err)
		}
		sum.Add(f)
	}
	if err := s.Close(sum); err != nil {
		t.Fatalf("Close(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestStreamGolden(t *testing.T) {
	for _, format := range StreamFormats() {
		t.Run(format, func(t *testing.T) {
			got := writeStream(t, format, streamFixture())
			golden.Assert(t, filepath.Join("testdata", "stream."+format+".golden"), got, *update)
		})
	}
}

func TestStreamRefusesDocumentFormats(t *testing.T) {
	for _, format := range []string{"json", "xml"} {
		if _, err := NewStream(io.Discard, format, nil); err == nil {
			t.Errorf("NewStream(%s): no error, want one naming the stream formats", format)
		}
	}
}

func TestSummaryAdd(t *testing.T) {
	var sum Summary
	feeds := streamFixture()
	feeds[0].Diagnostics[1].More = &validate.Repeats{Count: 5}
	for _, f := range feeds {
		sum.Add(f)
	}
	want := Summary{Feeds: 3, FetchFailures: 1, FeedsFailed: 1, Errors: 1, Warnings: 6, Infos: 1}
	if sum != want {
		t.Errorf("Summary = %+v, want %+v (repeats counted)", sum, want)
	}
}

// hostile is a finding whose message holds everything the formats must
// escape: markup, quotes, percent signs, the command separators of GitHub
// Actions, a CDATA end, control characters and invalid UTF-8.
func hostile() Input {
	msg := "50% of \"<b>\" & ]]> a::b,c\r\nnext\tline \x01\x1b[31m \xff\xfe end"
	return Input{
		Path:  "dir,with:odd%chars/feed.xml",
		Rules: []*validate.Rule{{Code: "rss-item-title", Severity: validate.Error}},
		Diagnostics: []validate.Diagnostic{
			{Code: "rss-item-title", Severity: validate.Error, Message: msg, Hint: "fix %0A it", Pos: validate.Pos{Line: 7, Col: 2}},
			{Code: "rss-item-title", Severity: validate.Error, Message: msg, Pos: validate.Pos{Line: 9, Col: 2}},
		},
	}
}

// TestJUnitSchema checks junit output, of one feed and of a stream, with
// odd characters too, against the JUnit schema Jenkins reads (vendored in
// testdata/schema, MIT). xmllint is installed by .ci/run.
func TestJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint not found: .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils; .ci/run installs it): the JUnit schema check did not run")
	}
	dir := t.TempDir()
	outputs := map[string][]byte{"stream": writeStream(t, "junit", streamFixture())}
	for name, in := range map[string]Input{"fixture": fixture(), "hostile": hostile(), "empty": {Path: "feed.xml"}} {
		var buf bytes.Buffer
		if err := Write(&buf, "junit", in); err != nil {
			t.Fatal(err)
		}
		outputs[name] = buf.Bytes()
	}
	for name, out := range outputs {
		p := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "schema", "junit-10.xsd"), p)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: junit output fails the schema: %v\n%s\n%s", name, err, msg, out)
		}
	}
}

// TestJUnitCounts checks what a CI system shows: one testcase per rule
// that ran, failures for rules with findings, the fetch failure as an
// error.
func TestJUnitCounts(t *testing.T) {
	type testcase struct {
		Name    string    `xml:"name,attr"`
		Failure *struct{} `xml:"failure"`
		Error   *struct{} `xml:"error"`
	}
	type suite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Errors   int        `xml:"errors,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	var doc struct {
		XMLName xml.Name `xml:"testsuites"`
		Suites  []suite  `xml:"testsuite"`
	}
	if err := xml.Unmarshal(writeStream(t, "junit", streamFixture()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 3 {
		t.Fatalf("%d testsuites, want 3 (one per feed)", len(doc.Suites))
	}
	for _, s := range doc.Suites {
		var failures, errs int
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures++
			}
			if c.Error != nil {
				errs++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != failures || s.Errors != errs {
			t.Errorf("suite %s says tests=%d failures=%d errors=%d; has %d testcases, %d failures, %d errors",
				s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), failures, errs)
		}
	}
	if s := doc.Suites[0]; s.Tests != 4 || s.Failures != 4 {
		t.Errorf("fixture suite: tests=%d failures=%d, want 4 rules (3 that ran + 1 only a finding names), 4 failing", s.Tests, s.Failures)
	}
	if s := doc.Suites[1]; s.Tests != 3 || s.Failures != 0 {
		t.Errorf("clean feed: tests=%d failures=%d, want the 3 rules that ran, all passing", s.Tests, s.Failures)
	}
	if s := doc.Suites[2]; s.Errors != 1 || s.Cases[0].Name != FetchFailedCode {
		t.Errorf("failed fetch: %+v, want one %s testcase in error", s, FetchFailedCode)
	}
}

// TestCheckstyleStructure checks the XML Checkstyle's XMLLogger writes:
// checkstyle/file/error, integer line and column, a Checkstyle severity,
// the message and the rule code as source.
func TestCheckstyleStructure(t *testing.T) {
	type cerr struct {
		Line     string `xml:"line,attr"`
		Column   string `xml:"column,attr"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
	type file struct {
		Name   string `xml:"name,attr"`
		Errors []cerr `xml:"error"`
	}
	type doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []file   `xml:"file"`
	}
	severities := map[string]bool{"error": true, "warning": true, "info": true, "ignore": true}
	check := func(name string, out []byte, wantFiles []string, wantErrs []int) {
		var d doc
		if err := xml.Unmarshal(out, &d); err != nil {
			t.Fatalf("%s: checkstyle output is not XML: %v\n%s", name, err, out)
		}
		if d.Version == "" {
			t.Errorf("%s: <checkstyle> has no version", name)
		}
		if len(d.Files) != len(wantFiles) {
			t.Fatalf("%s: %d files, want %d", name, len(d.Files), len(wantFiles))
		}
		for i, f := range d.Files {
			if f.Name != wantFiles[i] || len(f.Errors) != wantErrs[i] {
				t.Errorf("%s: file %q with %d errors, want %q with %d", name, f.Name, len(f.Errors), wantFiles[i], wantErrs[i])
			}
			for _, e := range f.Errors {
				if n, err := strconv.Atoi(e.Line); err != nil || n < 0 {
					t.Errorf("%s: line %q is not a line number", name, e.Line)
				}
				if e.Column != "" {
					if n, err := strconv.Atoi(e.Column); err != nil || n < 1 {
						t.Errorf("%s: column %q is not a column number", name, e.Column)
					}
				}
				if !severities[e.Severity] || e.Message == "" || e.Source == "" {
					t.Errorf("%s: error %+v lacks a Checkstyle severity, a message or a source", name, e)
				}
			}
		}
	}
	check("stream", writeStream(t, "checkstyle", streamFixture()),
		[]string{"shows/my show/feed.xml", "https://example.com/clean.xml", "https://example.com/gone.xml"}, []int{4, 0, 1})
	var buf bytes.Buffer
	if err := Write(&buf, "checkstyle", hostile()); err != nil {
		t.Fatal(err)
	}
	check("hostile", buf.Bytes(), []string{hostile().Path}, []int{2})
}

// TestGitLabStructure checks what GitLab's Code Quality documentation
// requires of each issue, and that fingerprints are unique (GitLab keeps
// only the first issue of a fingerprint).
func TestGitLabStructure(t *testing.T) {
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	var buf bytes.Buffer
	if err := Write(&buf, "gitlab", hostile()); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]byte{"stream": writeStream(t, "gitlab", streamFixture()), "hostile": buf.Bytes()} {
		var issues []map[string]any
		if err := json.Unmarshal(out, &issues); err != nil {
			t.Fatalf("%s: gitlab output is not a JSON array: %v\n%s", name, err, out)
		}
		seen := map[string]bool{}
		for i, is := range issues {
			for _, k := range []string{"description", "check_name", "fingerprint", "severity"} {
				if s, _ := is[k].(string); s == "" {
					t.Errorf("%s: issue %d: %s missing or empty", name, i, k)
				}
			}
			if !severities[is["severity"].(string)] {
				t.Errorf("%s: issue %d: severity %v not on GitLab's scale", name, i, is["severity"])
			}
			fp := is["fingerprint"].(string)
			if seen[fp] {
				t.Errorf("%s: issue %d: fingerprint %s repeated", name, i, fp)
			}
			seen[fp] = true
			loc, _ := is["location"].(map[string]any)
			if p, _ := loc["path"].(string); p == "" {
				t.Errorf("%s: issue %d: location.path missing", name, i)
			}
			lines, _ := loc["lines"].(map[string]any)
			if b, ok := lines["begin"].(float64); !ok || b < 1 || b != float64(int(b)) {
				t.Errorf("%s: issue %d: location.lines.begin = %v, want a line number", name, i, lines["begin"])
			}
		}
		if name == "stream" && len(issues) != 5 {
			t.Errorf("stream: %d issues, want 4 findings + 1 failed fetch", len(issues))
		}
	}
	// The same findings give the same fingerprints, whatever their lines.
	a, b := fixture(), fixture()
	for i := range b.Diagnostics {
		b.Diagnostics[i].Pos.Line += 10
	}
	var ba, bb bytes.Buffer
	if err := Write(&ba, "gitlab", a); err != nil {
		t.Fatal(err)
	}
	if err := Write(&bb, "gitlab", b); err != nil {
		t.Fatal(err)
	}
	fps := func(out []byte) []string {
		return regexp.MustCompile(`"fingerprint":"[0-9a-f]+"`).FindAllString(string(out), -1)
	}
	if fa, fb := fps(ba.Bytes()), fps(bb.Bytes()); strings.Join(fa, ",") != strings.Join(fb, ",") || len(fa) != 4 {
		t.Errorf("fingerprints change when lines move: %v vs %v", fa, fb)
	}
}

// TestGitHubActionsCommands parses each line as a workflow command and
// checks that unescaping gives back the message.
func TestGitHubActionsCommands(t *testing.T) {
	cmdLine := regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)
	unescape := strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
	in := hostile()
	var buf bytes.Buffer
	if err := Write(&buf, "github-actions", in); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(in.Diagnostics) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(in.Diagnostics), buf.String())
	}
	for i, l := range lines {
		m := cmdLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q is not a workflow command", l)
		}
		props := map[string]string{}
		for _, kv := range strings.Split(m[2], ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property %q in %q has no value", kv, l)
			}
			props[k] = unescape.Replace(v)
		}
		d := in.Diagnostics[i]
		if props["file"] != in.Path || props["line"] != strconv.Itoa(d.Pos.Line) || props["col"] != strconv.Itoa(d.Pos.Col) || props["title"] != "podfeed "+d.Code {
			t.Errorf("properties %v, want file %q line %d col %d title %q", props, in.Path, d.Pos.Line, d.Pos.Col, "podfeed "+d.Code)
		}
		if msg := unescape.Replace(m[3]); !strings.HasPrefix(msg, d.Message) {
			t.Errorf("message %q does not start with %q", msg, d.Message)
		}
	}
	// A URL has no file to annotate: the message says where.
	buf.Reset()
	if err := Write(&buf, "github-actions", Input{Path: "https://example.com/feed.xml", Diagnostics: fixture().Diagnostics[:1]}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "file=") || !strings.Contains(buf.String(), "::https://example.com/feed.xml:3:3: channel") {
		t.Errorf("URL feed: %q, want no file= and the URL with line and column in the message", buf.String())
	}
}

// TestJSONLLines checks that every line is one JSON object of a known
// type, feeds keep their list index, and the summary comes last.
func TestJSONLLines(t *testing.T) {
	out := writeStream(t, "jsonl", streamFixture())
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 3 feeds + 1 summary", len(lines))
	}
	var indexes []int
	for i, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		if obj["version"] != float64(1) {
			t.Errorf("line %d: version %v, want 1", i, obj["version"])
		}
		switch obj["type"] {
		case "feed":
			indexes = append(indexes, int(obj["index"].(float64)))
			if _, ok := obj["findings"].([]any); !ok {
				t.Errorf("line %d: findings is not an array: %v", i, obj["findings"])
			}
		case "summary":
			if i != len(lines)-1 {
				t.Errorf("summary on line %d, want last", i)
			}
			if obj["feeds"] != float64(3) || obj["fetch_failures"] != float64(1) || obj["errors"] != float64(1) {
				t.Errorf("summary %v, want 3 feeds, 1 fetch failure, 1 error", obj)
			}
		default:
			t.Errorf("line %d: type %v", i, obj["type"])
		}
	}
	if len(indexes) != 3 || indexes[0] != 0 || indexes[1] != 2 || indexes[2] != 1 {
		t.Errorf("indexes %v, want 0, 2, 1 (as handed over)", indexes)
	}
}

// TestSARIFStream checks the SARIF of many feeds: one run, every result's
// ruleIndex pointing at its rule, each feed's findings under its own
// artifact, the failed fetch as a result of its own rule.
func TestSARIFStream(t *testing.T) {
	out := writeStream(t, "sarif", streamFixture())
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("sarif stream is not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "podfeed" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %q, columnKind %q", run.Tool.Driver.Name, run.ColumnKind)
	}
	if len(run.Results) != 5 {
		t.Fatalf("%d results, want 4 findings + 1 failed fetch", len(run.Results))
	}
	uris := map[string]int{}
	for i, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, r.RuleIndex, r.RuleID)
		}
		uris[r.Locations[0].PhysicalLocation.ArtifactLocation.URI]++
	}
	if uris["shows/my show/feed.xml"] != 4 || uris["https://example.com/gone.xml"] != 1 {
		t.Errorf("results per artifact %v", uris)
	}
	// No feed at all is still a valid log.
	var empty map[string]any
	if err := json.Unmarshal(writeStream(t, "sarif", nil), &empty); err != nil {
		t.Errorf("sarif stream of no feed is not JSON: %v", err)
	}
}
