package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/podfeed/podfeed/validate"
)

// GitLab Code Quality: a JSON array of issues (GitLab's documented subset
// of the Code Climate issue format), shown in merge requests when a job
// uploads it as artifacts:reports:codequality. GitLab requires
// description, check_name, fingerprint, severity, location.path and
// location.lines.begin; it keeps only the first issue of each
// fingerprint, so fingerprints are unique within a report.

type gitlabIssue struct {
	Type        string         `json:"type"` // always "issue" (Code Climate)
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Content     *gitlabContent `json:"content,omitempty"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
	Location    gitlabLocation `json:"location"`
}

type gitlabContent struct {
	Body string `json:"body"` // Markdown
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps a severity onto GitLab's scale (info, minor, major,
// critical, blocker): an error keeps a feed out of a directory, so it is
// critical; a warning is minor.
func gitlabSeverity(s validate.Severity) string {
	switch s {
	case validate.Error:
		return "critical"
	case validate.Warning:
		return "minor"
	}
	return "info"
}

// fingerprints makes the fingerprint of each issue: a hash of the path,
// the code, the message and how many identical (path, code, message)
// issues came before it. Lines are left out, so an issue keeps its
// fingerprint when lines above it move, and GitLab can tell a new issue
// from an old one between two pipelines. The counts are kept for one feed
// at a time (its path is in the hash), so memory does not grow with the
// number of feeds.
type fingerprints struct {
	seen  map[[sha256.Size]byte]int
	count int // issues written
}

func (f *fingerprints) next(path, code, message string) string {
	key := sha256.Sum256([]byte(path + "\x00" + code + "\x00" + message))
	n := f.seen[key]
	f.seen[key] = n + 1
	h := sha256.Sum256(fmt.Appendf(key[:], "\x00%d", n))
	return hex.EncodeToString(h[:16])
}

func writeGitLabFeed(w io.Writer, f Feed, fp *fingerprints) error {
	write := func(is gitlabIssue) error {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(is); err != nil {
			return err
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		sep := ",\n  "
		if fp.count == 0 {
			sep = "\n  "
		}
		fp.count++
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		_, err := w.Write(b)
		return err
	}
	path := artifactURI(f.Path)
	fp.seen = map[[sha256.Size]byte]int{}
	if f.Err != nil {
		msg := f.Err.Error()
		err := write(gitlabIssue{
			Type: "issue", CheckName: FetchFailedCode, Description: msg, Severity: "blocker",
			Fingerprint: fp.next(path, FetchFailedCode, msg),
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: 1}},
		})
		if err != nil {
			return fmt.Errorf("report: write gitlab: %w", err)
		}
	}
	for _, d := range f.Diagnostics {
		is := gitlabIssue{
			Type: "issue", CheckName: d.Code, Description: d.Message, Severity: gitlabSeverity(d.Severity),
			Fingerprint: fp.next(path, d.Code, d.Message),
			// GitLab needs a line: a finding about the whole feed is put
			// on its first.
			Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: max(d.Pos.Line, 1)}},
		}
		if body := hintBody(d); body != "" {
			is.Content = &gitlabContent{Body: body}
		}
		if err := write(is); err != nil {
			return fmt.Errorf("report: write gitlab: %w", err)
		}
	}
	return nil
}

// hintBody is a finding's hint and docs link as Markdown, or "".
func hintBody(d validate.Diagnostic) string {
	body := d.Hint
	if d.URL != "" {
		if body != "" {
			body += "\n\n"
		}
		body += "[" + d.Code + "](" + d.URL + ")"
	}
	return body
}
