package validate

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/fetch"
)

// The network rules (catalogue §2.7), and how they share their requests.
//
// A network rule (Rule.Network) runs only when Config.Online is set. It
// collects its targets (enclosure URLs, artwork, chapters, transcripts) in
// its Item and Channel hooks into its own state, and makes the requests
// in Finish, with Pass.Ctx, through Config.Client wrapped by the fetch
// package's address guard (no private, loopback or link-local address
// unless Config.AllowPrivate). Each rule reports its own code at the
// position of the element or attribute that names the URL; findings about
// the feed URL itself are placed on the channel's atom:link rel="self"
// when the feed URL came from there, and have no position otherwise.
//
// Sharing. Several rules judge the same answers: six rules read the HEAD
// (and, when HEAD fails or says too little, the `Range: bytes=0-1` GET)
// of each enclosure. A rule cannot see another rule's state, and the only
// per-run object they share is the run's context, so the cache lives
// there: when the caller runs the validator with a context made by
// fetch.WithMemo, fetch.Head and fetch.Range answer identical requests
// once per run, in-flight duplicates included, and each URL costs one
// HEAD and one ranged GET however many rules judge it. Without the memo
// the rules are still correct; each asks for what it needs itself (one
// HEAD, a ranged GET only when HEAD is not enough or the rule is about
// ranges). Full downloads (artwork, chapter and transcript files) are made
// by the one rule that reads them.
//
// Limits. Only the Config.MaxEpisodes newest items (by pubDate; items
// without a readable date count as oldest, in document order) are
// checked. Requests run Config.Concurrency at a time, each with
// Config.Timeout. Config.Progress is called after each target of a rule
// with that rule's counts (rules run one after another, so a progress
// display restarts once per rule).

// onlineDefaultTimeout etc. are the Config defaults documented in api.go.
const (
	onlineDefaultTimeout     = 10 * time.Second
	onlineDefaultConcurrency = 8
	onlineDefaultEpisodes    = 10
	onlineMaxHops            = 10 // followed by probes; more than 5 is reported
)

// onlineOptions returns the fetch options of a run, with a guarded client
// the caller closes with onlineClose.
func onlineOptions(p *Pass) fetch.Options {
	opt := fetch.Options{
		Client:       p.Config.Client,
		Timeout:      p.Config.Timeout,
		AllowPrivate: p.Config.AllowPrivate,
		MaxRedirects: onlineMaxHops,
	}
	if opt.Timeout <= 0 {
		opt.Timeout = onlineDefaultTimeout
	}
	opt.Client = fetch.NewClient(opt)
	return opt
}

// onlineClose drops the idle connections of the client onlineOptions
// made (only idle ones, so a caller's shared pool loses nothing in use).
func onlineClose(opt fetch.Options) { opt.Client.CloseIdleConnections() }

func onlineCtx(p *Pass) context.Context {
	if p.Ctx == nil {
		return context.Background()
	}
	return p.Ctx
}

// onlineEach calls f for every target, Config.Concurrency at a time, and
// returns the results in the order of targets. Progress is reported after
// each call.
func onlineEach[T, R any](p *Pass, targets []T, f func(ctx context.Context, t T) R) []R {
	out := make([]R, len(targets))
	if len(targets) == 0 {
		return out
	}
	n := p.Config.Concurrency
	if n <= 0 {
		n = onlineDefaultConcurrency
	}
	ctx := onlineCtx(p)
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	sem := make(chan struct{}, n)
	for i, t := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = f(ctx, t)
			mu.Lock()
			done++
			if p.Config.Progress != nil {
				p.Config.Progress(done, len(targets))
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// onlineNewest keeps the targets of the newest items, at most
// Config.MaxEpisodes of them, in a bounded list (memory does not grow with
// the feed).
//
// Every item takes a place in the window, with or without targets, so
// each rule looks at the same N newest episodes; with onlyWithTargets the
// window holds the newest items that have targets instead.
type onlineNewest[T any] struct {
	limit           int  // when > 0, keeps this many items instead of Config.MaxEpisodes
	onlyWithTargets bool // items without targets take no place
	list            []onlineDated[T]
	seq             int
}

type onlineDated[T any] struct {
	t    time.Time
	seq  int
	vals []T
}

// add records the targets of one item.
func (n *onlineNewest[T]) add(p *Pass, it *Node, vals []T) {
	n.seq++
	if len(vals) == 0 && n.onlyWithTargets {
		return
	}
	max := p.Config.MaxEpisodes
	if max <= 0 {
		max = onlineDefaultEpisodes
	}
	if n.limit > 0 {
		max = n.limit
	}
	d := onlineDated[T]{t: onlineItemTime(it), seq: n.seq, vals: vals}
	n.list = append(n.list, d)
	if len(n.list) > max {
		// Drop the oldest: the earliest date, and among equal dates the
		// latest in the document (feeds list newest first).
		worst := 0
		for i, e := range n.list {
			w := n.list[worst]
			if e.t.Before(w.t) || e.t.Equal(w.t) && e.seq > w.seq {
				worst = i
			}
		}
		n.list = append(n.list[:worst], n.list[worst+1:]...)
	}
}

// all returns the kept targets in document order.
func (n *onlineNewest[T]) all() []T {
	var out []T
	for _, d := range n.list {
		out = append(out, d.vals...)
	}
	return out
}

// onlineItemTime returns the item's pubDate, or the zero time.
func onlineItemTime(it *Node) time.Time {
	if d := raParseDate(raText(it.Child(NSNone, "pubDate"))); d.ok {
		return d.t
	}
	return time.Time{}
}

// onlineTarget is one URL found in the feed, with where it was found.
type onlineTarget struct {
	URL      string
	Pos      Pos    // the URL attribute (or the element)
	Elem     string // element name as written, for messages
	Type     string // the type attribute, trimmed
	TypePos  Pos
	Length   string // the length attribute, trimmed
	LenPos   Pos
	Rel      string // the rel attribute (transcripts)
	Declared bool   // Type was given
}

// onlineURLAttr makes a target from attribute attr of n, or false when it
// is missing or not an absolute http(s) URL (static rules report those).
func onlineURLAttr(n *Node, attr string) (onlineTarget, bool) {
	a := n.Attr(attr)
	if a == nil {
		return onlineTarget{}, false
	}
	v := strings.TrimSpace(a.Value)
	if !onlineIsHTTP(v) {
		return onlineTarget{}, false
	}
	t := onlineTarget{URL: v, Pos: a.Pos, Elem: n.Name()}
	if ta := n.Attr("type"); ta != nil {
		t.Type, t.TypePos, t.Declared = strings.TrimSpace(ta.Value), ta.Pos, true
	} else {
		t.TypePos = n.Pos
	}
	if la := n.Attr("length"); la != nil {
		t.Length, t.LenPos = strings.TrimSpace(la.Value), la.Pos
	}
	if ra := n.Attr("rel"); ra != nil {
		t.Rel = strings.TrimSpace(ra.Value)
	}
	return t, true
}

// onlineIsHTTP reports whether s is an absolute http or https URL.
func onlineIsHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// onlineEnclosures returns the enclosures of an item.
func onlineEnclosures(it *Node) []onlineTarget {
	var out []onlineTarget
	for _, c := range it.ChildrenNamed(NSNone, "enclosure") {
		if t, ok := onlineURLAttr(c, "url"); ok {
			out = append(out, t)
		}
	}
	return out
}

// onlineItemTargets returns the targets of the item's children in space
// with the given local name and URL attribute.
func onlineItemTargets(it *Node, space, local, attr string) []onlineTarget {
	var out []onlineTarget
	for _, c := range it.ChildrenNamed(space, local) {
		if t, ok := onlineURLAttr(c, attr); ok {
			out = append(out, t)
		}
	}
	return out
}

// onlineEpisodeState is the state of a rule that checks URLs of items.
type onlineEpisodeState struct {
	items onlineNewest[onlineTarget]
}

func onlineNewEpisodeState() any { return &onlineEpisodeState{} }

// onlineMediaProbe is what a server answered about a media URL: HEAD and
// a ranged GET of the first two bytes, the way Apple's player asks.
type onlineMediaProbe struct {
	head, rng       *fetch.Response
	headErr, rngErr error
}

// onlineProbeMedia asks for u with HEAD and, when HEAD fails or leaves out
// Content-Length or Content-Type, or when needRange is set, with
// `Range: bytes=0-1`. Both answers are shared through the run's memo, so
// with one each URL costs at most one HEAD and one ranged GET per run.
func onlineProbeMedia(ctx context.Context, opt fetch.Options, u string, needRange bool) onlineMediaProbe {
	var pr onlineMediaProbe
	pr.head, pr.headErr = fetch.Head(ctx, u, opt)
	if needRange || !pr.headOK() || pr.head.ContentLength < 0 || pr.head.ContentType == "" {
		pr.rng, pr.rngErr = fetch.Range(ctx, u, 0, 1, opt)
	}
	return pr
}

func onlineOK(r *fetch.Response, err error) bool {
	return err == nil && r != nil && r.Status >= 200 && r.Status < 300
}

// headOK reports whether HEAD answered 2xx.
func (pr onlineMediaProbe) headOK() bool { return onlineOK(pr.head, pr.headErr) }

// rngOK reports whether the ranged GET answered 2xx (200 or 206).
func (pr onlineMediaProbe) rngOK() bool { return onlineOK(pr.rng, pr.rngErr) }

// reachable reports whether either request answered 2xx.
func (pr onlineMediaProbe) reachable() bool { return pr.headOK() || pr.rngOK() }

// final returns the successful answer, HEAD first, or nil.
func (pr onlineMediaProbe) final() *fetch.Response {
	switch {
	case pr.headOK():
		return pr.head
	case pr.rngOK():
		return pr.rng
	}
	return nil
}

// length returns the size of the file: HEAD's Content-Length, else the
// Content-Range total (or Content-Length of a 200) of the ranged GET;
// -1 when neither says.
func (pr onlineMediaProbe) length() int64 {
	if pr.headOK() && pr.head.ContentLength >= 0 {
		return pr.head.ContentLength
	}
	if pr.rngOK() {
		return pr.rng.TotalLength()
	}
	return -1
}

// contentType returns the media type HEAD sent, else the ranged GET's.
func (pr onlineMediaProbe) contentType() string {
	if pr.headOK() && pr.head.ContentType != "" {
		return pr.head.ContentType
	}
	if pr.rngOK() {
		return pr.rng.ContentType
	}
	return ""
}

// failure describes why neither request succeeded: the status, else the
// error, of the ranged GET (the more tolerant of the two), else HEAD's.
func (pr onlineMediaProbe) failure() string {
	if pr.rngErr != nil || pr.rng != nil {
		return onlineFailure(pr.rng, pr.rngErr)
	}
	return onlineFailure(pr.head, pr.headErr)
}

// onlineFailure describes a failed answer: its error, or its status
// when it is not 2xx.
func onlineFailure(r *fetch.Response, err error) string {
	if err != nil {
		return onlineErrText(err)
	}
	if r != nil && (r.Status < 200 || r.Status >= 300) {
		return onlineStatusText(r.Status)
	}
	return "no answer"
}

// onlineStatusText is "404 Not Found".
func onlineStatusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return "status " + strconv.Itoa(code) + " " + t
	}
	return "status " + strconv.Itoa(code)
}

// onlineErrText shortens a fetch error for a message: the guard, timeouts
// and redirect limits get plain words; anything else keeps its text.
func onlineErrText(err error) string {
	var be *fetch.BlockedError
	switch {
	case errors.As(err, &be):
		return "not contacted: it resolves to the " + be.Reason + " address " + be.Addr.String() + " (--allow-private contacts it anyway)"
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer before the timeout"
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return "more than " + strconv.Itoa(onlineMaxHops) + " redirects"
	case errors.Is(err, fetch.ErrRedirectLoop):
		return "a redirect loop"
	case errors.Is(err, fetch.ErrTooLarge):
		return "the file is larger than the download limit"
	}
	return err.Error()
}

// onlineHops renders a redirect chain: "302 to https://a/x, 301 to …".
func onlineHops(chain []fetch.Redirect) string {
	parts := make([]string, len(chain))
	for i, h := range chain {
		parts[i] = strconv.Itoa(h.Status) + " to " + strconv.Quote(h.To)
	}
	return strings.Join(parts, ", ")
}

// onlineChain returns the redirect chain of the successful answer, or of
// any answer at all.
func (pr onlineMediaProbe) chain() []fetch.Redirect {
	if f := pr.final(); f != nil {
		return f.Redirects
	}
	for _, r := range []*fetch.Response{pr.head, pr.rng} {
		if r != nil {
			return r.Redirects
		}
	}
	return nil
}

// onlineDedupe merges targets with the same URL, keeping the first
// position in the document.
func onlineDedupe(ts []onlineTarget) []onlineTarget {
	seen := map[string]int{}
	var out []onlineTarget
	for _, t := range ts {
		if i, ok := seen[t.URL]; ok {
			if onlineBefore(t.Pos, out[i].Pos) {
				out[i] = t
			}
			continue
		}
		seen[t.URL] = len(out)
		out = append(out, t)
	}
	return out
}

func onlineBefore(a, b Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// onlineProfiles are the profiles of network rules that matter to every
// directory and app.
func onlineProfiles() []Profile {
	return []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex}
}

// onlineEnclosureHooks returns the Item and Finish hooks shared by the
// enclosure rules: collect the enclosures of the newest items, probe each
// URL (HEAD, and a ranged GET when needed or needRange), and let judge
// report.
func onlineEnclosureHooks(needRange bool, judge func(p *Pass, t onlineTarget, pr onlineMediaProbe)) (func(*Pass, *Node), func(*Pass)) {
	item := func(p *Pass, it *Node) {
		st := p.State.(*onlineEpisodeState)
		st.items.add(p, it, onlineEnclosures(it))
	}
	finish := func(p *Pass) {
		st := p.State.(*onlineEpisodeState)
		targets := st.items.all()
		opt := onlineOptions(p)
		defer onlineClose(opt)
		probes := onlineEach(p, targets, func(ctx context.Context, t onlineTarget) onlineMediaProbe {
			return onlineProbeMedia(ctx, opt, t.URL, needRange)
		})
		for i, t := range targets {
			judge(p, t, probes[i])
		}
	}
	return item, finish
}

// onlineItemFileHooks returns the Item and Finish hooks of a rule that
// downloads the files named by podcast:<local> url in the newest items
// (capped at maxBytes) and judges each with judge.
func onlineItemFileHooks(local string, maxBytes int64, judge func(p *Pass, t onlineTarget, f onlineFile)) (func(*Pass, *Node), func(*Pass)) {
	item := func(p *Pass, it *Node) {
		st := p.State.(*onlineEpisodeState)
		st.items.add(p, it, onlineItemTargets(it, NSPodcast, local, "url"))
	}
	finish := func(p *Pass) {
		st := p.State.(*onlineEpisodeState)
		targets := st.items.all()
		opt := onlineOptions(p)
		defer onlineClose(opt)
		opt.MaxBytes = maxBytes
		files := onlineEach(p, targets, func(ctx context.Context, t onlineTarget) onlineFile {
			return onlineDownload(ctx, opt, t.URL)
		})
		for i, t := range targets {
			judge(p, t, files[i])
		}
	}
	return item, finish
}

// onlineFile is a downloaded file: the answer and the body, or why not.
type onlineFile struct {
	resp *fetch.Response
	body []byte
	err  error
}

// ok reports whether the file was downloaded with status 200.
func (f onlineFile) ok() bool { return f.err == nil && f.resp.Status == http.StatusOK }

// failure says why the download failed.
func (f onlineFile) failure() string { return onlineFailure(f.resp, f.err) }

// onlineDownload GETs u with the size cap of opt.
func onlineDownload(ctx context.Context, opt fetch.Options, u string) onlineFile {
	resp, err := fetch.Get(ctx, u, opt)
	if err != nil {
		return onlineFile{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return onlineFile{resp: resp, err: err}
	}
	return onlineFile{resp: resp, body: body}
}

// onlineFeedTarget returns the feed's own URL: Config.Path when it is an
// http(s) URL (no position), else the URL it was fetched from, else the
// channel's atom:link rel="self" href (at that attribute), which lets a
// local file be checked against where it is published.
func onlineFeedTarget(p *Pass, ch *Node) (onlineTarget, bool) {
	for _, u := range []string{p.Config.Path, p.Doc.FetchedURL} {
		if u = strings.TrimSpace(u); onlineIsHTTP(u) {
			return onlineTarget{URL: u, Elem: "feed"}, true
		}
	}
	if l := raSelfLink(ch); l != nil {
		if t, ok := onlineURLAttr(l, "href"); ok {
			t.Elem = "feed"
			return t, true
		}
	}
	return onlineTarget{}, false
}

// onlineOrigin is the Origin sent when asking for CORS headers.
const onlineOrigin = "https://player.podfeed.invalid"

// onlineFeedState is the state of a rule about the feed URL.
type onlineFeedState struct {
	feed onlineTarget
	ok   bool
}

// onlineFeedHooks returns the Channel and Finish hooks of a rule about
// the feed URL: find it (onlineFeedTarget), probe it once (HEAD and a
// ranged GET, shared through the memo) and let judge report.
func onlineFeedHooks(judge func(ctx context.Context, p *Pass, opt fetch.Options, t onlineTarget, pr onlineMediaProbe)) (func(*Pass, *Node), func(*Pass)) {
	channel := func(p *Pass, ch *Node) {
		st := p.State.(*onlineFeedState)
		st.feed, st.ok = onlineFeedTarget(p, ch)
	}
	finish := func(p *Pass) {
		st := p.State.(*onlineFeedState)
		if !st.ok {
			return
		}
		opt := onlineOptions(p)
		defer onlineClose(opt)
		ctx := onlineCtx(p)
		pr := onlineProbeMedia(ctx, opt, st.feed.URL, false)
		if p.Config.Progress != nil {
			p.Config.Progress(1, 1)
		}
		judge(ctx, p, opt, st.feed, pr)
	}
	return channel, finish
}

func onlineNewFeedState() any { return &onlineFeedState{} }
