package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/media/cache"
)

// Defaults for the zero values of Prober's fields.
const (
	DefaultTimeout = 20 * time.Second
	DefaultBlock   = 64 << 10
	DefaultBudget  = 512 << 10
	DefaultWorkers = 4
)

// ErrStatus is wrapped by errors about an HTTP status that is not usable.
var ErrStatus = errors.New("unexpected HTTP status")

// errBudget stops a probe that would read more than the budget.
var errBudget = errors.New("ranged reads exceed the byte budget")

// errNoRange stops a probe that needs bytes past the first block from a
// server that ignores Range and sends a file larger than the budget.
var errNoRange = errors.New("the server ignores Range requests")

// Prober probes remote media. Its zero value is ready to use.
type Prober struct {
	// Net is the HTTP policy, fetch's like every other request podfeed
	// makes: private, loopback and link-local addresses are refused
	// unless Net.AllowPrivate (checked at dial time, redirects included),
	// at most five redirects, Net.Timeout per request (0: DefaultTimeout).
	// Net.MaxBytes is not used: Budget bounds the bytes read.
	Net     fetch.Options
	Cache   *cache.Cache // nil: nothing is remembered
	Block   int64        // bytes per ranged read; 0: DefaultBlock
	Budget  int64        // bytes read per URL to find the duration; 0: DefaultBudget
	Workers int          // concurrency of ProbeAll; 0: DefaultWorkers
}

func orDefault[T int | int64 | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// options returns the fetch options for one probe or one ProbeAll, with a
// client made once so that connections are reused, and a function that
// closes its idle connections.
func (p *Prober) options() (fetch.Options, func()) {
	opt := p.Net
	opt.Timeout = orDefault(opt.Timeout, DefaultTimeout)
	opt.Header = nil
	given := opt.Client
	opt.Client = fetch.NewClient(opt)
	if opt.Client == given {
		return opt, func() {}
	}
	return opt, opt.Client.CloseIdleConnections
}

// head is what the first request learnt about the resource.
type head struct {
	status       int
	length       int64
	ctype        string
	etag         string
	lastModified string
	first        []byte // the first block, when a ranged GET was needed
}

// Probe returns the length, type and, where the first bytes tell it, the
// duration of the media at url. A zero Duration means the format does not
// allow finding it from a few ranged reads (for example an MP4 whose
// sample tables are too large, or a server that ignores Range); the length
// stands and Info.Warnings says why. Content that is not media (an HTML
// page, whatever its Content-Type) is an error wrapping
// media.ErrUnknownFormat.
func (p *Prober) Probe(ctx context.Context, url string) (media.Info, error) {
	opt, done := p.options()
	defer done()
	return p.probe(ctx, url, opt)
}

func (p *Prober) probe(ctx context.Context, url string, opt fetch.Options) (media.Info, error) {
	var cached *cache.RemoteEntry
	if p.Cache != nil {
		if e, ok := p.Cache.Remote(url); ok && (e.ETag != "" || e.LastModified != "") {
			cached = &e
		}
	}
	h, err := p.head(ctx, url, cached, opt)
	if err != nil {
		return media.Info{}, withURL(url, err)
	}
	if cached != nil && (h.status == http.StatusNotModified || sameVersion(*cached, h)) {
		return cached.Info, nil
	}
	info, err := p.probeContent(ctx, url, h, opt)
	if err != nil {
		return media.Info{}, withURL(url, err)
	}
	if p.Cache != nil && (h.etag != "" || h.lastModified != "") {
		p.Cache.StoreRemote(url, cache.RemoteEntry{ETag: h.etag, LastModified: h.lastModified, Info: info})
	}
	return info, nil
}

// withURL names url in err, unless fetch already did.
func withURL(url string, err error) error {
	if strings.Contains(err.Error(), url) {
		return err
	}
	return fmt.Errorf("%s: %w", url, err)
}

// sameVersion reports whether a 200 response names the cached version.
func sameVersion(e cache.RemoteEntry, h head) bool {
	if h.length != e.Info.Size {
		return false
	}
	if e.ETag != "" {
		return h.etag == e.ETag
	}
	return e.LastModified != "" && h.lastModified == e.LastModified
}

// conditional returns opt asking for the cached version to be revalidated.
func conditional(opt fetch.Options, cached *cache.RemoteEntry) fetch.Options {
	switch {
	case cached == nil:
	case cached.ETag != "":
		opt.Header = http.Header{"If-None-Match": {cached.ETag}}
	case cached.LastModified != "":
		opt.Header = http.Header{"If-Modified-Since": {cached.LastModified}}
	}
	return opt
}

// final reports whether err is one that another request to the same URL
// would meet again: the guard, a timeout, a redirect or scheme problem.
func final(err error) bool {
	return errors.Is(err, fetch.ErrBlocked) || errors.Is(err, fetch.ErrTimeout) ||
		errors.Is(err, fetch.ErrTooManyRedirects) || errors.Is(err, fetch.ErrRedirectLoop) ||
		errors.Is(err, fetch.ErrUnsupportedScheme)
}

// head asks for the resource's length and type: HEAD first, a ranged GET
// of the first block when HEAD fails or gives no Content-Length.
func (p *Prober) head(ctx context.Context, url string, cached *cache.RemoteEntry, opt fetch.Options) (head, error) {
	copt := conditional(opt, cached)
	resp, err := fetch.Head(ctx, url, copt)
	if err == nil {
		h := headFrom(resp)
		switch {
		case resp.Status == http.StatusNotModified:
			return h, nil
		case resp.Status/100 == 2 && resp.ContentLength >= 0:
			h.length = resp.ContentLength
			return h, nil
		}
	} else if ctx.Err() != nil || final(err) {
		return head{}, err
	}
	block := orDefault(p.Block, DefaultBlock)
	resp, err = fetch.Range(ctx, url, 0, block-1, copt)
	if err != nil {
		return head{}, err
	}
	h := headFrom(resp)
	switch resp.Status {
	case http.StatusNotModified:
		return h, nil
	case http.StatusPartialContent:
		total := resp.TotalLength()
		if total < 0 {
			return head{}, fmt.Errorf("ranged GET: no total length in Content-Range %q", resp.Header.Get("Content-Range"))
		}
		h.length = total
	case http.StatusOK:
		if resp.ContentLength < 0 {
			return head{}, errors.New("the server gives no length (no Content-Length, no Range support)")
		}
		h.length = resp.ContentLength
	default:
		return head{}, fmt.Errorf("%w: GET: %d %s", ErrStatus, resp.Status, http.StatusText(resp.Status))
	}
	h.first = resp.Data
	return h, nil
}

func headFrom(resp *fetch.Response) head {
	return head{
		status:       resp.Status,
		ctype:        resp.ContentType,
		etag:         resp.ETag,
		lastModified: resp.LastModified,
	}
}

// probeContent runs media.Probe over ranged reads of the resource.
func (p *Prober) probeContent(ctx context.Context, url string, h head, opt fetch.Options) (media.Info, error) {
	block := orDefault(p.Block, DefaultBlock)
	r := &rangeReader{
		size:   h.length,
		block:  block,
		budget: orDefault(p.Budget, DefaultBudget),
		blocks: map[int64][]byte{},
	}
	if len(h.first) > 0 {
		r.blocks[0] = h.first
		r.read += int64(len(h.first))
	}
	budget := r.budget
	r.fetch = func(start, end int64) (int64, []byte, error) {
		resp, err := fetch.Range(ctx, url, start, end-1, opt)
		if err != nil {
			return 0, nil, err
		}
		switch {
		case resp.Status == http.StatusPartialContent:
		case resp.Status == http.StatusOK && start == 0:
			// No Range support: the answer starts at byte 0 all the same.
		case resp.Status == http.StatusOK && h.length <= budget:
			// No Range support, but the whole file fits the budget.
			if resp, err = fetch.Range(ctx, url, 0, h.length-1, opt); err != nil {
				return 0, nil, err
			}
			start, end = 0, h.length
		case resp.Status == http.StatusOK:
			return 0, nil, fmt.Errorf("%w: bytes %d-%d needed, and the file is larger than the %d-byte budget", errNoRange, start, end-1, budget)
		default:
			return 0, nil, fmt.Errorf("%w: ranged GET of bytes %d-%d: %d %s", ErrStatus, start, end-1, resp.Status, http.StatusText(resp.Status))
		}
		if want := end - start; int64(len(resp.Data)) != want {
			return 0, nil, fmt.Errorf("GET from byte %d returned %d bytes, want %d", start, len(resp.Data), want)
		}
		return start, resp.Data, nil
	}
	info, err := media.Probe(ctx, r, h.length)
	switch {
	case err == nil:
		return info, nil
	case ctx.Err() != nil:
		return media.Info{}, ctx.Err()
	case errors.Is(err, media.ErrUnknownFormat):
		// The content decides, as for local files: an HTML error page
		// served as audio/mpeg is not an episode.
		return media.Info{}, fmt.Errorf("not a media file (Content-Type %q): %w", h.ctype, err)
	case errors.Is(err, media.ErrCorrupt), final(err):
		return media.Info{}, err
	}
	// The content looked like media but the duration lies beyond what a
	// few ranged reads may fetch: the length stands, and the server's type
	// when it names audio or video.
	out := media.Info{Size: h.length}
	if isMediaType(h.ctype) {
		out.MIME = h.ctype
	}
	out.Warnings = []string{fmt.Sprintf("duration unknown: %v", err)}
	return out, nil
}

func isMediaType(t string) bool {
	return strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/")
}

// rangeReader is an io.ReaderAt that fetches aligned blocks on demand and
// fails once more than budget bytes would have been read.
type rangeReader struct {
	size   int64
	block  int64
	budget int64
	read   int64
	blocks map[int64][]byte
	// fetch returns the bytes from start to end, or (without Range
	// support) a larger span and where it starts.
	fetch func(start, end int64) (int64, []byte, error)
}

func (r *rangeReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	n := 0
	for n < len(p) {
		o := off + int64(n)
		if o >= r.size {
			return n, io.EOF
		}
		idx := o / r.block
		b, ok := r.blocks[idx]
		if !ok {
			start := idx * r.block
			end := min(start+r.block, r.size)
			if r.read+end-start > r.budget {
				return n, errBudget
			}
			at, data, err := r.fetch(start, end)
			if err != nil {
				return n, err
			}
			r.read += int64(len(data))
			for i := int64(0); i*r.block < int64(len(data)); i++ {
				lo := i * r.block
				r.blocks[at/r.block+i] = data[lo:min(lo+r.block, int64(len(data)))]
			}
			if b, ok = r.blocks[idx]; !ok {
				return n, io.ErrUnexpectedEOF
			}
		}
		rel := o - idx*r.block
		if rel >= int64(len(b)) {
			return n, io.ErrUnexpectedEOF
		}
		n += copy(p[n:], b[rel:])
	}
	return n, nil
}

// Result is the outcome of probing one URL in ProbeAll.
type Result struct {
	URL  string
	Info media.Info
	Err  error
}

// ProbeAll probes urls with at most Workers requests in flight and returns
// the results in the order of urls. done, when not nil, is called once
// after each URL (never from two goroutines at once).
func (p *Prober) ProbeAll(ctx context.Context, urls []string, done func()) []Result {
	out := make([]Result, len(urls))
	opt, closeIdle := p.options()
	defer closeIdle()
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(orDefault(p.Workers, DefaultWorkers), len(urls)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				info, err := p.probe(ctx, urls[i], opt)
				out[i] = Result{URL: urls[i], Info: info, Err: err}
				if done != nil {
					mu.Lock()
					done()
					mu.Unlock()
				}
			}
		}()
	}
	for i := range urls {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
