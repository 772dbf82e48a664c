package validate

import (
	"bytes"
	"encoding/json"
	"strings"
)

// netTranscriptMaxBytes caps the download of one transcript.
const netTranscriptMaxBytes = 10 << 20

// netTranscriptKind names a transcript format from a media type: "vtt",
// "srt", "json", "html", "text", or the type itself when unknown.
func netTranscriptKind(mediaType string) string {
	mt := strings.ToLower(strings.TrimSpace(mediaType))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	switch mt {
	case "text/vtt":
		return "vtt"
	case "application/x-subrip", "application/srt", "text/srt", "text/x-srt", "application/x-srt":
		return "srt"
	case "application/json":
		return "json"
	case "text/html":
		return "html"
	case "text/plain":
		return "text"
	}
	return mt
}

// netSniffTranscript says what format a transcript's content is in, and
// whether it carries time codes.
func netSniffTranscript(b []byte) (kind string, timed bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	s := strings.TrimLeft(string(b), " \t\r\n")
	timed = strings.Contains(s, "-->")
	switch {
	case strings.HasPrefix(s, "WEBVTT"):
		return "vtt", timed
	case netLooksSRT(s):
		return "srt", true
	case strings.HasPrefix(s, "{") || strings.HasPrefix(s, "["):
		var v struct {
			Segments []json.RawMessage `json:"segments"`
		}
		if json.Unmarshal([]byte(s), &v) == nil {
			return "json", len(v.Segments) > 0
		}
		if json.Valid([]byte(s)) {
			return "json", false
		}
	case strings.HasPrefix(s, "<"):
		return "html", false
	}
	return "text", timed
}

// netLooksSRT reports whether s starts like SubRip: a cue number, then a
// "00:00:00,000 --> 00:00:02,000" line.
func netLooksSRT(s string) bool {
	lines := strings.SplitN(s, "\n", 3)
	if len(lines) < 2 {
		return false
	}
	n := strings.TrimSpace(lines[0])
	return n != "" && raIsDigits(n) && strings.Contains(lines[1], "-->")
}

func ruleNetTranscript() *Rule {
	item, finish := onlineItemFileHooks("transcript", netTranscriptMaxBytes, func(p *Pass, t onlineTarget, f onlineFile) {
		if !f.ok() {
			p.Reportf(t.Pos, "transcript %q cannot be downloaded: %s", t.URL, f.failure())
			return
		}
		actual, timed := netSniffTranscript(f.body)
		declared := netTranscriptKind(t.Type)
		switch {
		case declared == "vtt" && actual != "vtt":
			p.Reportf(t.Pos, "transcript %q is declared text/vtt but does not start with \"WEBVTT\"", t.URL)
		case declared == "srt" && actual != "srt":
			p.Reportf(t.Pos, "transcript %q is declared SubRip (%q) but does not start with a numbered cue", t.URL, t.Type)
		case declared == "json" && actual != "json":
			p.Reportf(t.Pos, "transcript %q is declared application/json but is not JSON", t.URL)
		case declared == "html" && actual != "html":
			p.Reportf(t.Pos, "transcript %q is declared text/html but does not look like HTML", t.URL)
		case strings.EqualFold(t.Rel, "captions") && !timed:
			p.Reportf(t.Pos, "transcript %q has rel=\"captions\" but carries no time codes", t.URL)
		case t.Declared && f.resp.ContentType != "" && netTranscriptKind(f.resp.ContentType) != declared:
			p.ReportSeverityf(Info, t.Pos, "transcript %q is declared %q but served as Content-Type %q", t.URL, t.Type, f.resp.ContentType)
		}
	})
	return &Rule{
		Code:     "net-transcript",
		Title:    "Transcript must download and match its declared type",
		Severity: Warning,
		Profiles: []Profile{ProfilePodcastIndex},
		Source:   "PI transcripts",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "With `--online`, the `podcast:transcript` files of the newest episodes are " +
			"downloaded. Warnings: the file cannot be downloaded; its content is not what " +
			"`type` says (WebVTT must start with `WEBVTT`, SubRip with a numbered cue, JSON " +
			"must parse, HTML must look like markup); or `rel=\"captions\"` is set but the file " +
			"has no time codes (captions are assumed to be timed). A Content-Type header that " +
			"differs from `type` is information only, since many servers send `text/plain` for " +
			"caption files.",
		Hint: "Make the type attribute name the file's real format (text/vtt, application/x-subrip, application/json, text/html or text/plain), and give captions time codes.",
		Bad:  `<podcast:transcript url="https://example.com/ep1.txt" type="text/vtt" rel="captions"/>`,
		Good: `<podcast:transcript url="https://example.com/ep1.vtt" type="text/vtt" rel="captions"/>`,
		Refs: []string{
			"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/transcript.md",
			"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/transcripts/transcripts.md",
		},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
