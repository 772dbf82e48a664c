package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults used when an Options field is zero.
const (
	DefaultMaxBytes     = 50 << 20 // 50 MB
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "podfeed (+https://github.com/podfeed/podfeed)"
)

// Errors callers can test for with errors.Is.
var (
	ErrTooLarge          = errors.New("response body too large")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrRedirectLoop      = errors.New("redirect loop")
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	// ErrTimeout is wrapped by the error of a request, body included,
	// that did not finish within Options.Timeout. Such errors also match
	// context.DeadlineExceeded.
	ErrTimeout = errors.New("timed out")
)

// timeoutError says plainly that a request ran out of time, whatever the
// transport reported when its connection was torn down ("context
// deadline exceeded", "use of closed network connection", ...).
type timeoutError struct {
	what  string // e.g. "get https://example.com/feed.xml"
	after time.Duration
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("%s: no complete answer within %s (timed out)", e.what, e.after)
}

// Is matches ErrTimeout and context.DeadlineExceeded.
func (e *timeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}

// plainTimeout replaces err by a timeoutError when ctx, the request's own
// context, ran out of time; other errors are returned as they are.
func plainTimeout(ctx context.Context, err error, what string, after time.Duration) error {
	if err == nil || err == io.EOF || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return err
	}
	return &timeoutError{what: what, after: after}
}

// Options tune a request. The zero value is a safe default: 30 s timeout,
// 50 MB cap, 5 redirects, private addresses refused.
type Options struct {
	// Client is the base client; nil means a fresh one. NewClient guards
	// it; pass a client NewClient made to reuse its connections.
	Client       *http.Client
	Timeout      time.Duration // whole request including the body; 0 means DefaultTimeout
	MaxBytes     int64         // body cap for Get; 0 means DefaultMaxBytes
	MaxRedirects int           // 0 means DefaultMaxRedirects; negative means follow none
	AllowPrivate bool          // contact private, loopback and link-local addresses too
	UserAgent    string        // "" means DefaultUserAgent
	Header       http.Header   // extra request headers (e.g. If-None-Match)
}

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o Options) maxRedirects() int {
	switch {
	case o.MaxRedirects < 0:
		return 0
	case o.MaxRedirects == 0:
		return DefaultMaxRedirects
	}
	return o.MaxRedirects
}

// Redirect is one hop of a redirect chain.
type Redirect struct {
	From, To string // absolute URLs
	Status   int    // 301, 302, 303, 307 or 308
}

// Permanent reports whether the hop is a permanent redirect (301 or 308).
// 302, 303 and 307 are temporary.
func (r Redirect) Permanent() bool {
	return r.Status == http.StatusMovedPermanently || r.Status == http.StatusPermanentRedirect
}

// Response is what a request answered. For Get, Body streams the body and
// must be closed; for Head it is nil; for Range, Data holds the bytes.
// A Response shared through WithMemo must be treated as read-only.
type Response struct {
	URL          string      // the final URL, after redirects
	Status       int         // status code of the final response
	Header       http.Header // headers of the final response
	Redirects    []Redirect  // the chain, in order; empty when none
	ContentType  string      // media type, lower-cased, without parameters
	Charset      string      // the charset parameter of Content-Type, lower-cased
	ETag         string
	LastModified string
	// ContentLength is the Content-Length header, -1 when absent.
	ContentLength int64
	Body          io.ReadCloser // Get only: the body, capped at MaxBytes
	Data          []byte        // Range only: the bytes read
}

// TotalLength returns the size of the whole resource: the total of a
// Content-Range header ("bytes 0-1/1234"), else Content-Length on a 200
// answer; -1 when unknown.
func (r *Response) TotalLength() int64 {
	if cr := r.Header.Get("Content-Range"); cr != "" {
		if i := strings.LastIndexByte(cr, '/'); i >= 0 {
			if n, err := strconv.ParseInt(strings.TrimSpace(cr[i+1:]), 10, 64); err == nil && n >= 0 {
				return n
			}
		}
		return -1
	}
	if r.Status == http.StatusOK && r.ContentLength >= 0 {
		return r.ContentLength
	}
	return -1
}

// Get requests rawURL and returns the response with its body streaming
// from Body; the caller closes it. The body is cut off with an error
// wrapping ErrTooLarge once it exceeds opt.MaxBytes (at once when
// Content-Length says so). Any status is returned without error; errors
// are for transport failures, the guard, the size cap and redirects.
func Get(ctx context.Context, rawURL string, opt Options) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	resp, hr, err := do(ctx, http.MethodGet, rawURL, opt, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	limit := opt.maxBytes()
	if hr.ContentLength > limit {
		hr.Body.Close()
		cancel()
		return nil, fmt.Errorf("get %s: Content-Length %d exceeds the %d-byte limit: %w", rawURL, hr.ContentLength, limit, ErrTooLarge)
	}
	resp.Body = &cappedBody{r: hr.Body, left: limit, limit: limit, url: rawURL, ctx: ctx, timeout: opt.timeout(), cancel: cancel}
	return resp, nil
}

// Head sends a HEAD request to rawURL. Head and Range answers are shared
// between callers of one run when ctx carries a memo (WithMemo).
func Head(ctx context.Context, rawURL string, opt Options) (*Response, error) {
	return memoized(ctx, memoKey(opt, "HEAD", rawURL), func() (*Response, error) {
		ctx, cancel := context.WithTimeout(ctx, opt.timeout())
		defer cancel()
		resp, hr, err := do(ctx, http.MethodHead, rawURL, opt, nil)
		if err != nil {
			return nil, err
		}
		hr.Body.Close()
		return resp, nil
	})
}

// Range sends a GET for the bytes first..last (inclusive) of rawURL and
// reads at most that many bytes of the answer into Data, whether the
// server honoured the range (206) or sent the whole file (200). Status
// and Header say which; TotalLength gives the full size.
func Range(ctx context.Context, rawURL string, first, last int64, opt Options) (*Response, error) {
	if first < 0 || last < first {
		return nil, fmt.Errorf("range %d-%d of %s: invalid range", first, last, rawURL)
	}
	spec := fmt.Sprintf("bytes=%d-%d", first, last)
	return memoized(ctx, memoKey(opt, "GET "+spec, rawURL), func() (*Response, error) {
		ctx, cancel := context.WithTimeout(ctx, opt.timeout())
		defer cancel()
		resp, hr, err := do(ctx, http.MethodGet, rawURL, opt, http.Header{"Range": {spec}})
		if err != nil {
			return nil, err
		}
		defer hr.Body.Close()
		data, err := io.ReadAll(io.LimitReader(hr.Body, last-first+1))
		if err != nil {
			what := fmt.Sprintf("get %s (%s)", rawURL, spec)
			if te := plainTimeout(ctx, err, what, opt.timeout()); te != err {
				return nil, te
			}
			return nil, fmt.Errorf("%s: read body: %w", what, err)
		}
		resp.Data = data
		return resp, nil
	})
}

// do sends one request, following redirects under the rules of opt, and
// returns the response description plus the raw response (body open).
func do(ctx context.Context, method, rawURL string, opt Options, extra http.Header) (*Response, *http.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %q: %w", strings.ToLower(method), rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, nil, fmt.Errorf("%s %q: scheme %q: %w", strings.ToLower(method), rawURL, u.Scheme, ErrUnsupportedScheme)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %q: %w", strings.ToLower(method), rawURL, err)
	}
	for k, vs := range opt.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for k, vs := range extra {
		req.Header[k] = vs
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)

	client := NewClient(opt)
	owned := client != opt.Client
	var chain []Redirect
	seen := map[string]bool{u.String(): true}
	max := opt.maxRedirects()
	c := *client
	c.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		hop := Redirect{From: via[len(via)-1].URL.String(), To: next.URL.String()}
		if next.Response != nil {
			hop.Status = next.Response.StatusCode
		}
		chain = append(chain, hop)
		if seen[hop.To] {
			return fmt.Errorf("%d hops, back to %s: %w", len(chain), hop.To, ErrRedirectLoop)
		}
		seen[hop.To] = true
		if len(chain) > max {
			return fmt.Errorf("more than %d hops: %w", max, ErrTooManyRedirects)
		}
		if next.URL.Scheme != "http" && next.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %q: %w", next.URL.String(), ErrUnsupportedScheme)
		}
		return nil
	}
	hr, err := c.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the method and URL
		}
		if owned {
			client.CloseIdleConnections()
		}
		what := strings.ToLower(method) + " " + rawURL
		if te := plainTimeout(ctx, err, what, opt.timeout()); te != err {
			return nil, nil, te
		}
		var be *BlockedError
		if errors.As(err, &be) {
			err = be // without "dial tcp 127.0.0.1:80: " before it
		}
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	if owned {
		// A client made for this one request: drop its connection once
		// the body is closed, so nothing lingers.
		hr.Body = closeIdle{ReadCloser: hr.Body, c: client}
	}
	resp := &Response{
		URL:           hr.Request.URL.String(),
		Status:        hr.StatusCode,
		Header:        hr.Header,
		Redirects:     chain,
		ETag:          hr.Header.Get("ETag"),
		LastModified:  hr.Header.Get("Last-Modified"),
		ContentLength: hr.ContentLength,
	}
	if method == http.MethodHead && resp.ContentLength <= 0 {
		// net/http reports -1 or 0 for HEAD; trust the header as sent.
		resp.ContentLength = -1
		if n, perr := strconv.ParseInt(hr.Header.Get("Content-Length"), 10, 64); perr == nil && n >= 0 {
			resp.ContentLength = n
		}
	}
	resp.ContentType, resp.Charset = ParseContentType(hr.Header.Get("Content-Type"))
	return resp, hr, nil
}

// ParseContentType splits a Content-Type header into its lower-cased media
// type and charset parameter. A header mime cannot parse still yields the
// part before the first ';'.
func ParseContentType(h string) (mediaType, charset string) {
	if h == "" {
		return "", ""
	}
	mt, params, err := mime.ParseMediaType(h)
	if err != nil {
		mt, _, _ = strings.Cut(h, ";")
		return strings.ToLower(strings.TrimSpace(mt)), ""
	}
	return mt, strings.ToLower(params["charset"])
}

// closeIdle closes the idle connections of a one-request client once the
// body is closed.
type closeIdle struct {
	io.ReadCloser
	c *http.Client
}

func (b closeIdle) Close() error {
	err := b.ReadCloser.Close()
	b.c.CloseIdleConnections()
	return err
}

// cappedBody returns an error wrapping ErrTooLarge once more than limit
// bytes have been read, and cancels the request's context on Close.
type cappedBody struct {
	r       io.ReadCloser
	left    int64
	limit   int64
	url     string
	ctx     context.Context // the request's own, for plain timeout errors
	timeout time.Duration
	cancel  context.CancelFunc
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Anything more than the limit is an error, but a body of exactly
		// limit bytes is fine: probe for one more byte.
		var one [1]byte
		n, err := b.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("get %s: body exceeds the %d-byte limit: %w", b.url, b.limit, ErrTooLarge)
		}
		return 0, plainTimeout(b.ctx, err, "get "+b.url, b.timeout)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, plainTimeout(b.ctx, err, "get "+b.url, b.timeout)
}

func (b *cappedBody) Close() error {
	err := b.r.Close()
	b.cancel()
	return err
}
