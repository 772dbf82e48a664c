package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/podfeed/podfeed/batch"
	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/internal/suggest"
	"github.com/podfeed/podfeed/report"
	"github.com/podfeed/podfeed/validate"
)

// validateCommand checks a feed (or a chapter file) and prints findings.
func validateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check a feed against RSS 2.0, Apple, Spotify and Podcasting 2.0 rules",
		ArgsUsage: "FILE|URL|- …",
		Description: "Validates a podcast feed in one streaming pass and prints one line per finding:\n" +
			"  path:line:col: severity: message [code]\n" +
			"A JSON chapter file (Podcasting 2.0 or Podlove) is recognised by its content and\n" +
			"checked too. 'podfeed explain CODE' describes a rule; 'podfeed rules' lists them.\n\n" +
			"Many feeds: name several, or list them one per line with --from FILE (or - for\n" +
			"standard input). --jobs checks that many at once, at most --per-host requests to\n" +
			"one host at a time (a Retry-After answer pauses the host); --shard K/N takes\n" +
			"every N-th feed from the K-th, to spread one list over machines. Results stream\n" +
			"as each feed finishes (--format jsonl: one JSON object per feed, then a summary);\n" +
			"a feed that cannot be fetched is a result (fetch-failed), not the end of the run.\n\n" +
			"Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on usage,\n" +
			"I/O or network errors (with many feeds: when any feed could not be read).",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "profile", Usage: "rule profiles to run, comma-separated: rss, apple, spotify, podcastindex (default: all)"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: " + strings.Join(report.Formats(), ", ")},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "lowest severity that makes the exit status 1: error, warning, info or none"},
			&cli.StringFlag{Name: "min-severity", Value: "info", Usage: "lowest severity to report: error, warning or info"},
			&cli.StringSliceFlag{Name: "enable", Usage: "also run these rules (codes, or prefixes like apple-*), whatever --profile says"},
			&cli.StringSliceFlag{Name: "disable", Usage: "do not run these rules (codes, or prefixes like net-*)"},
			&cli.BoolFlag{Name: "all", Usage: "text: print every finding (repeats of one kind are otherwise folded after 3) and keep every message in JSON and SARIF"},
			&cli.BoolFlag{Name: "hints", Usage: "text: print each finding's fix hint and docs page under it"},
			&cli.BoolFlag{Name: "online", Usage: "also check enclosures, artwork, chapters and transcripts over the network"},
			&cli.BoolFlag{Name: "allow-private", Usage: "let --online and URL fetching contact private, loopback and link-local addresses"},
			&cli.StringFlag{Name: "max-size", Value: "50MB", Usage: "largest feed to download from a URL or read from standard input (e.g. 50MB, 200MiB)"},
			&cli.StringFlag{Name: "feed-size-warn", Value: "5MB", Usage: "with --online, warn when the feed is larger (net-feed-size; 0 turns it off)"},
			&cli.IntFlag{Name: "max-episodes", Value: 10, Usage: "with --online, check only the N newest episodes"},
			&cli.IntFlag{Name: "concurrency", Value: 8, Usage: "with --online, parallel requests"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "timeout for fetching the feed and for each online request"},
			&cli.StringFlag{Name: "from", Usage: "read the feeds to check from `LIST`, one FILE or URL a line (- for standard input)"},
			&cli.IntFlag{Name: "jobs", Value: defaultJobs(), Usage: "feeds checked at once"},
			&cli.IntFlag{Name: "per-host", Value: 4, Usage: "requests to one host at once, over all jobs"},
			&cli.StringFlag{Name: "shard", Usage: "check only shard `K/N` of the feeds: every N-th, from the K-th (0-based)"},
			&cli.BoolFlag{Name: "allow-fetch-failures", Usage: "with many feeds, feeds that cannot be read are reported but do not make the exit status 2"},
		},
		Action: func(c *cli.Context) error { return runValidate(c, e) },
	}
}

// textMaxDetails is how many findings of one kind keep their message for
// the text report, which prints three of them.
const textMaxDetails = 100

// validateOptions are the parsed flags.
type validateOptions struct {
	profiles    []validate.Profile
	format      string
	failOn      validate.Severity // 0 means none
	minSeverity validate.Severity
	all, hints  bool
	maxSize     int64
	maxSizeFlag string // as given, for messages
	cfg         validate.Config

	// Many feeds.
	many    bool // --from, --shard or --format jsonl: report as a run over many feeds
	from    string
	jobs    int
	perHost int
	shard   batch.Shard
	client  *http.Client // shared by every feed request of a run; nil: one per request
	// allowFetchFailures keeps feeds that cannot be read out of the exit status.
	allowFetchFailures bool
	// keepSource keeps the document's bytes for the report (html shows
	// the lines around each finding).
	keepSource bool
}

// codeList splits the values of a repeatable, comma-separated flag of
// rule codes and checks that each names a rule.
func codeList(c *cli.Context, flag string) ([]string, error) {
	var out []string
	for _, v := range c.StringSlice(flag) {
		for _, code := range strings.Split(v, ",") {
			if code = strings.TrimSpace(code); code != "" {
				out = append(out, code)
			}
		}
	}
	if bad := validate.CheckCodes(out); len(bad) > 0 {
		msg := fmt.Sprintf("--%s: no rule is called %q", flag, bad[0])
		s := suggestCodes(bad[0])
		if prefix, ok := strings.CutSuffix(bad[0], "*"); ok {
			msg = fmt.Sprintf("--%s: no rule starts with %q", flag, prefix)
			s = suggestPrefixes(prefix)
		}
		if len(s) > 0 {
			msg += "; did you mean " + orList(s) + "?"
		}
		return nil, usageError(fmt.Errorf("%s ('podfeed rules' lists them)", msg))
	}
	return out, nil
}

func parseValidateFlags(c *cli.Context, docsRef string) (validateOptions, error) {
	var o validateOptions
	profiles, err := parseProfiles(c.StringSlice("profile"))
	if err != nil {
		return o, err
	}
	o.profiles = profiles
	o.format = c.String("format")
	if err := checkChoice("--format", o.format, choices("validate", "--format")); err != nil {
		return o, err
	}
	switch f := c.String("fail-on"); f {
	case "none":
	default:
		s, ok := validate.ParseSeverity(f)
		if !ok {
			return o, choiceError("--fail-on", f, choices("validate", "--fail-on"))
		}
		o.failOn = s
	}
	sev, ok := validate.ParseSeverity(c.String("min-severity"))
	if !ok {
		return o, choiceError("--min-severity", c.String("min-severity"), choices("validate", "--min-severity"))
	}
	o.minSeverity = sev
	o.all, o.hints = c.Bool("all"), c.Bool("hints")
	enable, err := codeList(c, "enable")
	if err != nil {
		return o, err
	}
	disable, err := codeList(c, "disable")
	if err != nil {
		return o, err
	}
	n, err := parseSize(c.String("max-size"))
	if err != nil {
		return o, usageError(fmt.Errorf("--max-size: %w", err))
	}
	o.maxSize = n
	o.maxSizeFlag = c.String("max-size")
	sizeWarn, err := parseSize(c.String("feed-size-warn"))
	if err != nil {
		return o, usageError(fmt.Errorf("--feed-size-warn: %w", err))
	}
	if sizeWarn == 0 {
		sizeWarn = -1 // 0 turns the check off; the library's 0 is its default
	}
	if c.Int("max-episodes") < 0 || c.Int("concurrency") < 0 {
		return o, usageError(errors.New("--max-episodes and --concurrency must not be negative"))
	}
	if c.Duration("timeout") <= 0 {
		return o, usageError(errors.New("--timeout must be positive"))
	}
	o.from = c.String("from")
	o.jobs, o.perHost = c.Int("jobs"), c.Int("per-host")
	if o.jobs < 1 || o.perHost < 1 {
		return o, usageError(errors.New("--jobs and --per-host must be at least 1"))
	}
	if v := c.String("shard"); v != "" {
		sh, err := batch.ParseShard(v)
		if err != nil {
			return o, usageError(fmt.Errorf("--shard: %w", err))
		}
		o.shard = sh
	}
	o.allowFetchFailures = c.Bool("allow-fetch-failures")
	o.keepSource = o.format == "html"
	o.many = o.from != "" || o.shard.N > 0 || o.format == "jsonl"
	o.cfg = validate.Config{
		DocsRef:      docsRef,
		Profiles:     o.profiles,
		Online:       c.Bool("online"),
		AllowPrivate: c.Bool("allow-private"),
		Concurrency:  c.Int("concurrency"),
		Timeout:      c.Duration("timeout"),
		MaxEpisodes:  c.Int("max-episodes"),
		FeedSizeWarn: sizeWarn,
		Enable:       enable,
		Disable:      disable,
	}
	switch {
	case o.all:
		o.cfg.MaxDetails = -1 // every finding keeps its message
	case o.format == "text":
		// the text report prints the first three of a kind and folds the
		// rest into a count with the first and last position: messages
		// and positions past these are never printed, so they need not be
		// kept (memory stays flat however many findings a feed has)
		o.cfg.MaxDetails, o.cfg.MaxPositions = textMaxDetails, 1
	}
	return o, nil
}

func isOneOf(s string, list []string) bool {
	for _, v := range list {
		if s == v {
			return true
		}
	}
	return false
}

// parseSize reads a byte count such as "50MB", "200MiB", "512k" or "1000".
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToLower(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{
		{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
		{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
		{"k", 1000}, {"m", 1000 * 1000}, {"g", 1000 * 1000 * 1000}, {"b", 1},
	} {
		if strings.HasSuffix(t, u.suffix) {
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			mult = u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size (e.g. 50MB)", s)
	}
	return int64(n * float64(mult)), nil
}

func runValidate(c *cli.Context, e *env) error {
	o, err := parseValidateFlags(c, e.version.DocsRef())
	if err != nil {
		return err
	}
	args := c.Args().Slice()
	if o.many || len(args) > 1 {
		return validateMany(c.Context, e, args, o)
	}
	if len(args) != 1 {
		return usageError(fmt.Errorf("validate takes one FILE, URL or - (got %d arguments), or several with --from LIST", len(args)))
	}
	target := args[0]
	// No GC tuning: the validator recycles item trees and keeps its live
	// heap small (cross-item sets of hashes, findings capped), so Go's
	// default (a collection when the heap doubles) keeps peak memory near
	// twice what is live at any feed size; a memory limit would thrash
	// once the live heap neared it (see gc.go).
	if o.cfg.Online {
		o.cfg.Progress = progressFunc(e)
	}
	chk, err := checkTarget(c.Context, e, target, o, nil)
	if err != nil {
		return err
	}
	res := chk.res
	var errs, warns, infos int
	for _, d := range res.Diagnostics {
		n := d.Occurrences()
		switch d.Severity {
		case validate.Error:
			errs += n
		case validate.Warning:
			warns += n
		default:
			infos += n
		}
	}

	chapterFile := chk.chapters
	rules := validate.FeedRules(o.cfg)
	what := plural(res.Document.ItemCount, "item")
	if chapterFile {
		rules, what = validate.ChapterRules(o.cfg), "chapter file"
	}
	rin := report.Input{Path: target, Diagnostics: chk.shown, Rules: rules, ToolVersion: e.version.Version, DocsRef: o.cfg.DocsRef, All: o.all, Hints: o.hints, Source: chk.source}
	if err := report.Write(e.stdout, o.format, rin); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	fmt.Fprintf(e.stderr, "%s: %s, %s, %s (%d rules, %s)\n", target,
		plural(errs, "error"), plural(warns, "warning"), plural(infos, "info"), res.Rules, what)
	if chk.failed {
		return findingsError()
	}
	return nil
}

// checked is what checkTarget found.
type checked struct {
	res    validate.Result       // its Diagnostics include those about fetching the feed
	shown  []validate.Diagnostic // the findings at --min-severity or above
	failed bool                  // a finding reaches --fail-on
	url    string                // the final URL, when fetched
	source []byte                // the document as read, with validateOptions.keepSource
	// chapters is set when the target was JSON, read as a chapter file.
	chapters bool
}

// checkTarget reads one feed (or chapter file) from a file, standard
// input or a URL and validates it. The error is for a target that could
// not be read; content problems are findings. hosts, when set, limits and
// paces requests per host (runs over many feeds).
func checkTarget(ctx context.Context, e *env, target string, o validateOptions, hosts *batch.Hosts) (checked, error) {
	o.cfg.Path = target
	in, src, extra, closeIn, err := openTarget(ctx, e, target, o, hosts)
	if err != nil {
		return checked{}, err
	}
	defer closeIn()
	var kept *bytes.Buffer
	if o.keepSource {
		kept = &bytes.Buffer{}
		in = io.TeeReader(in, kept)
	}

	br := bufio.NewReaderSize(in, 64<<10)
	var res validate.Result
	isJSON := looksLikeJSON(br)
	if isJSON {
		data, err := io.ReadAll(br)
		if err != nil {
			return checked{}, fmt.Errorf("reading %s: %w", target, err)
		}
		res = validate.Chapters(data, o.cfg)
	} else {
		vctx := ctx
		if o.cfg.Online {
			// One HEAD and at most one ranged GET per URL, however many
			// rules judge it.
			vctx = fetch.WithMemo(ctx)
		}
		res, err = validate.RunSource(vctx, br, o.cfg, src)
		if err != nil {
			return checked{}, err
		}
	}
	if o.cfg.Online {
		extra = nil // the net-feed-redirect rule reports them itself
	}
	// Findings about the fetch come first, as the rules' would (they have
	// no line); --profile and --disable apply to them too.
	online := o.cfg
	online.Online = true
	var fetchDiags []validate.Diagnostic
	for _, d := range extra {
		if r := validate.Lookup(d.Code); r == nil || validate.Selected(r, online) {
			fetchDiags = append(fetchDiags, d)
		}
	}
	res.Diagnostics = append(fetchDiags, res.Diagnostics...)
	chk := checked{res: res, url: src.URL, chapters: isJSON}
	if kept != nil {
		chk.source = kept.Bytes()
	}
	for _, d := range res.Diagnostics {
		if o.failOn != 0 && d.Severity >= o.failOn {
			chk.failed = true
		}
		if d.Severity >= o.minSeverity {
			chk.shown = append(chk.shown, d)
		}
	}
	return chk, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// looksLikeJSON peeks at the first non-space byte.
func looksLikeJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && (head[0] == '{' || head[0] == '[')
}

// openTarget opens a file, standard input or a URL. For URLs it returns
// where the feed came from and findings about temporary redirects. With
// hosts set, a request waits for a free slot of its host (held until the
// body is closed), and an answer of 429 or 503 with Retry-After pauses
// the host and is retried, up to maxRetries times, when the wait is at
// most the --timeout.
func openTarget(ctx context.Context, e *env, target string, o validateOptions, hosts *batch.Hosts) (io.Reader, validate.Source, []validate.Diagnostic, func(), error) {
	nop := func() {}
	if target == "-" {
		return &cappedReader{r: e.stdin, left: o.maxSize, flag: o.maxSizeFlag}, validate.Source{}, nil, nop, nil
	}
	if u, err := url.Parse(target); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		resp, release, err := getPolitely(ctx, target, o, hosts)
		if err != nil {
			return nil, validate.Source{}, nil, nop, fmt.Errorf("fetching %s: %w", target, err)
		}
		if resp.Status < 200 || resp.Status > 299 {
			resp.Body.Close()
			release()
			return nil, validate.Source{}, nil, nop, fmt.Errorf("fetching %s: HTTP status %d", target, resp.Status)
		}
		var extra []validate.Diagnostic
		for _, r := range resp.Redirects {
			if r.Permanent() {
				continue
			}
			extra = append(extra, redirectFinding(r, o.cfg.DocsRef))
		}
		return resp.Body, validate.Source{URL: resp.URL, HTTPCharset: resp.Charset}, extra, func() { resp.Body.Close(); release() }, nil
	}
	if err := notAFeed(target); err != nil {
		return nil, validate.Source{}, nil, nop, err
	}
	f, err := os.Open(target)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%w%s", err, missingTargetHint(target))
		}
		return nil, validate.Source{}, nil, nop, err
	}
	return f, validate.Source{}, nil, func() { f.Close() }, nil
}

// missingTargetHint says what a target that is no file may have meant: a
// URL without its scheme ("example.com/feed.xml"), or a file of a
// similar name beside where it would be; "" when nothing comes close.
func missingTargetHint(target string) string {
	first, _, _ := strings.Cut(filepath.ToSlash(target), "/")
	if strings.Contains(first, ".") && !strings.HasPrefix(first, ".") && strings.Contains(target, "/") {
		if _, err := os.Stat(first); err != nil {
			return fmt.Sprintf("; if it is a URL, give its scheme: podfeed validate https://%s", filepath.ToSlash(target))
		}
	}
	dir, name := filepath.Split(target)
	entries, err := os.ReadDir(filepath.Join(".", dir))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if s := suggest.Closest(name, names); s != "" {
		return fmt.Sprintf("; did you mean %s?", dir+s)
	}
	return ""
}

// notAFeed says what to validate instead when target is a show folder or
// one of its definition files (podcast.yaml, an episode's Markdown),
// which new users give validate before they have built a feed; nil for
// anything else.
func notAFeed(target string) error {
	fi, err := os.Stat(target)
	if err != nil {
		return nil // open says why
	}
	if fi.IsDir() {
		feed := filepath.Join(target, "public", "feed.xml")
		if _, err := os.Stat(feed); err == nil {
			return usageError(fmt.Errorf("%s is a folder; validate checks a feed: podfeed validate %s (the feed build wrote)", target, feed))
		}
		if showFileIn(target) {
			return usageError(fmt.Errorf("%s is a show folder; validate checks a feed: 'podfeed build %s' writes %s and checks it", target, target, feed))
		}
		return usageError(fmt.Errorf("%s is a folder; validate checks a feed file or URL", target))
	}
	base := strings.ToLower(filepath.Base(target))
	switch ext := filepath.Ext(base); {
	case base == "podcast.json", ext == ".yaml", ext == ".yml", ext == ".md", ext == ".markdown":
		dir := filepath.Dir(target)
		if filepath.Base(dir) == "episodes" {
			dir = filepath.Dir(dir)
		}
		if !showFileIn(dir) {
			return nil
		}
		return usageError(fmt.Errorf("%s is part of a show's definition, not a feed: 'podfeed build %s' turns the show into %s and checks it", target, dir, filepath.Join(dir, "public", "feed.xml")))
	}
	return nil
}

// showFileIn reports whether dir holds a show file (podcast.yaml, …).
func showFileIn(dir string) bool {
	for _, name := range []string{"podcast.yaml", "podcast.yml", "podcast.json"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// maxRetries is how often a feed request answered with Retry-After is
// sent again.
const maxRetries = 2

// getPolitely is fetch.Get under the per-host limits of hosts (nil: none).
// release frees the host's slot; call it after closing the body.
func getPolitely(ctx context.Context, target string, o validateOptions, hosts *batch.Hosts) (*fetch.Response, func(), error) {
	opt := fetch.Options{Timeout: o.cfg.Timeout, MaxBytes: o.maxSize, AllowPrivate: o.cfg.AllowPrivate, Client: o.client}
	if hosts == nil {
		resp, err := fetch.Get(ctx, target, opt)
		return resp, func() {}, err
	}
	key := batch.Key(target)
	for attempt := 0; ; attempt++ {
		release, err := hosts.Acquire(ctx, key, o.cfg.Timeout)
		if err != nil {
			return nil, nil, err
		}
		resp, err := fetch.Get(ctx, target, opt)
		if err != nil {
			release()
			return nil, nil, err
		}
		if resp.Status != http.StatusTooManyRequests && resp.Status != http.StatusServiceUnavailable {
			return resp, release, nil
		}
		wait, ok := batch.RetryAfter(resp.Header.Get("Retry-After"), time.Now())
		if ok {
			// Every request to the host waits, not only this one; a
			// pause longer than --timeout makes them fail at once.
			hosts.Pause(key, wait)
		}
		if !ok || attempt >= maxRetries || wait > o.cfg.Timeout {
			return resp, release, nil // reported as the status it is
		}
		resp.Body.Close()
		release()
	}
}

// redirectFinding reports a temporary redirect of the feed URL: apps keep
// requesting the old URL and never learn the new one.
func redirectFinding(r fetch.Redirect, docsRef string) validate.Diagnostic {
	code := "net-feed-redirect"
	const format = "the feed URL %q redirects temporarily (HTTP %d) to %q; use a permanent redirect (301 or 308) or update the URL"
	d := validate.Diagnostic{
		Code:     code,
		Severity: validate.Warning,
		Message:  fmt.Sprintf(format, r.From, r.Status, r.To),
		Hint:     "Serve a 301 or 308 redirect, or point subscribers at the final URL with itunes:new-feed-url.",
		Shape:    format,
	}
	if rule := validate.Lookup(code); rule != nil {
		d.Hint = rule.Hint
		d.URL = validate.DocsURL(docsRef, code)
		d.Profiles = rule.Profiles
	}
	return d
}

// progressFunc draws a progress bar for online checks when stderr is a
// terminal, and nothing otherwise.
func progressFunc(e *env) func(done, total int) {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	// Each network rule reports its own (done, total), possibly from two
	// goroutines: a new count starts a new bar.
	var (
		mu      sync.Mutex
		bar     *progressbar.ProgressBar
		lastMax int
	)
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if bar == nil || total != lastMax || done == 1 {
			if bar != nil {
				_ = bar.Finish()
			}
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
				progressbar.OptionSetDescription("online checks"), progressbar.OptionClearOnFinish())
			lastMax = total
		}
		_ = bar.Set(done)
		if done >= total {
			_ = bar.Finish()
		}
	}
}

// cappedReader is standard input with the --max-size cap a URL has: an
// unending stream (yes | podfeed validate -) stops with an error at the
// cap instead of running forever.
type cappedReader struct {
	r    io.Reader
	left int64
	flag string
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, c.err()
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, c.err()
	}
	return n, err
}

func (c *cappedReader) err() error {
	return fmt.Errorf("standard input holds more than --max-size %s; raise --max-size to validate a larger feed", c.flag)
}
