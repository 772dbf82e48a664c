package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/podfeed/podfeed/validate"
)

// FetchFailedCode is the code formats give a feed that could not be read
// (a failed download, an HTTP error status, a missing file). It is not a
// rule: nothing in the feed was judged.
const FetchFailedCode = "fetch-failed"

// Feed is the result of one feed of a run over many.
type Feed struct {
	Input
	// Index is the feed's position in the list the run was given
	// (0-based, counted before --shard), so results that arrive in the
	// order they finish can be put back in list order.
	Index int
	// URL is the final URL after redirects, when the feed was fetched.
	URL string
	// Items is the number of items the feed has.
	Items int
	// Failed says a finding reached the caller's failure threshold
	// (--fail-on); report only counts it.
	Failed bool
	// Err is set when the feed could not be read; it then has no findings.
	Err error
}

// Summary totals a run over many feeds.
type Summary struct {
	Feeds         int // feeds in the run (after --shard)
	FetchFailures int // feeds that could not be read
	FeedsFailed   int // feeds with Failed set
	Errors        int
	Warnings      int
	Infos         int
}

// Add counts one feed's result into s.
func (s *Summary) Add(f Feed) {
	s.Feeds++
	if f.Err != nil {
		s.FetchFailures++
		return
	}
	if f.Failed {
		s.FeedsFailed++
	}
	for _, d := range f.Diagnostics {
		n := d.Occurrences()
		switch d.Severity {
		case validate.Error:
			s.Errors += n
		case validate.Warning:
			s.Warnings += n
		default:
			s.Infos += n
		}
	}
}

// StreamFormats returns the formats a Stream writes: every format that can
// hold the results of many feeds in one output, written as each finishes.
func StreamFormats() []string {
	return []string{"text", "jsonl", "github-actions", "gitlab", "junit", "checkstyle", "sarif"}
}

// Stream writes the results of many feeds in one format, each feed as it
// is handed over, so memory does not grow with the number of feeds. It is
// not safe for concurrent use: callers hand it one feed at a time.
type Stream struct {
	w      io.Writer
	format string
	rules  []*validate.Rule
	n      int // feeds written
	fp     fingerprints
	sarif  *sarifStream
	err    error
}

// NewStream starts a stream in format (one of StreamFormats). rules are
// the rules that ran, for formats that list them (junit).
func NewStream(w io.Writer, format string, rules []*validate.Rule) (*Stream, error) {
	s := &Stream{w: w, format: format, rules: rules}
	switch format {
	case "text", "jsonl", "github-actions":
	case "gitlab":
		s.write("[")
	case "junit":
		s.write(xmlHeader + "<testsuites name=\"podfeed validate\">\n")
	case "checkstyle":
		s.write(xmlHeader + "<checkstyle version=\"4.3\">\n")
	case "sarif":
		s.sarif, s.err = newSARIFStream(w)
	default:
		return nil, fmt.Errorf("report: format %q cannot hold many feeds (want one of %s)", format, strings.Join(StreamFormats(), ", "))
	}
	return s, s.err
}

func (s *Stream) write(str string) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, str)
	}
}

// Feed writes one feed's result.
func (s *Stream) Feed(f Feed) error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case "text":
		s.err = writeTextFeed(s.w, f)
	case "jsonl":
		s.err = writeJSONLFeed(s.w, f)
	case "github-actions":
		s.err = writeGitHubFeed(s.w, f)
	case "gitlab":
		s.err = writeGitLabFeed(s.w, f, &s.fp)
	case "junit":
		s.err = writeJUnitFeed(s.w, f, s.rules)
	case "checkstyle":
		s.err = writeCheckstyleFeed(s.w, f)
	case "sarif":
		s.err = s.sarif.feed(s.w, f)
	}
	s.n++
	return s.err
}

// Close ends the stream; sum is written by formats that carry a summary
// (jsonl's last line).
func (s *Stream) Close(sum Summary) error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case "jsonl":
		s.err = writeJSONLSummary(s.w, sum)
	case "gitlab":
		if s.fp.count > 0 {
			s.write("\n")
		}
		s.write("]\n")
	case "junit":
		s.write("</testsuites>\n")
	case "checkstyle":
		s.write("</checkstyle>\n")
	case "sarif":
		s.err = s.sarif.close(s.w)
	}
	return s.err
}

// streamOne returns the Write function of a stream format: a stream of
// one feed.
func streamOne(format string) func(io.Writer, Input) error {
	return func(w io.Writer, in Input) error {
		s, err := NewStream(w, format, in.Rules)
		if err != nil {
			return err
		}
		f := Feed{Input: in}
		if err := s.Feed(f); err != nil {
			return err
		}
		var sum Summary
		sum.Add(f)
		return s.Close(sum)
	}
}

// writeTextFeed prints a feed's findings as text lines, or one line saying
// it could not be read.
func writeTextFeed(w io.Writer, f Feed) error {
	if f.Err != nil {
		msg := strings.ReplaceAll(f.Err.Error(), "\n", " ")
		if _, err := fmt.Fprintf(w, "%s: error: %s [%s]\n", f.Path, msg, FetchFailedCode); err != nil {
			return fmt.Errorf("report: write text: %w", err)
		}
		return nil
	}
	return writeText(w, f.Input)
}
