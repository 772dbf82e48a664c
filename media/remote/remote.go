package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

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

// Prober probes remote media. Its zero value is ready to use.
type Prober struct {
	Client  *http.Client  // nil: http.DefaultClient
	Cache   *cache.Cache  // nil: nothing is remembered
	Timeout time.Duration // per request; 0: DefaultTimeout
	Block   int64         // bytes per ranged read; 0: DefaultBlock
	Budget  int64         // bytes read per URL to find the duration; 0: DefaultBudget
	Workers int           // concurrency of ProbeAll; 0: DefaultWorkers
}

func (p *Prober) client() *http.Client {
	if p.Client != nil {
		return p.Client
	}
	return http.DefaultClient
}

func orDefault[T int | int64 | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
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
// allow finding it from a few ranged reads (for example an MP3 with
// neither a Xing header nor a constant bitrate, or an MP4 whose sample
// tables are too large); the length and type are still right.
func (p *Prober) Probe(ctx context.Context, url string) (media.Info, error) {
	var cached *cache.RemoteEntry
	if p.Cache != nil {
		if e, ok := p.Cache.Remote(url); ok && (e.ETag != "" || e.LastModified != "") {
			cached = &e
		}
	}
	h, err := p.head(ctx, url, cached)
	if err != nil {
		return media.Info{}, fmt.Errorf("%s: %w", url, err)
	}
	if cached != nil && (h.status == http.StatusNotModified || sameVersion(*cached, h)) {
		return cached.Info, nil
	}
	info, err := p.probeContent(ctx, url, h)
	if err != nil {
		return media.Info{}, fmt.Errorf("%s: %w", url, err)
	}
	if p.Cache != nil && (h.etag != "" || h.lastModified != "") {
		p.Cache.StoreRemote(url, cache.RemoteEntry{ETag: h.etag, LastModified: h.lastModified, Info: info})
	}
	return info, nil
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

func (p *Prober) request(ctx context.Context, method, url string, cached *cache.RemoteEntry, rng string) (*http.Response, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(ctx, orDefault(p.Timeout, DefaultTimeout))
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	if cached != nil {
		if cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		} else if cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	resp, err := p.client().Do(req)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return resp, cancel, nil
}

// head asks for the resource's length and type: HEAD first, a ranged GET
// of the first block when HEAD fails or gives no Content-Length.
func (p *Prober) head(ctx context.Context, url string, cached *cache.RemoteEntry) (head, error) {
	resp, cancel, err := p.request(ctx, http.MethodHead, url, cached, "")
	if err == nil {
		resp.Body.Close()
		cancel()
		h := headFrom(resp)
		switch {
		case resp.StatusCode == http.StatusNotModified:
			return h, nil
		case resp.StatusCode/100 == 2 && resp.ContentLength >= 0:
			h.length = resp.ContentLength
			return h, nil
		}
	} else if ctx.Err() != nil {
		return head{}, err
	}
	block := orDefault(p.Block, DefaultBlock)
	resp, cancel, err = p.request(ctx, http.MethodGet, url, cached, fmt.Sprintf("bytes=0-%d", block-1))
	if err != nil {
		return head{}, err
	}
	defer cancel()
	defer resp.Body.Close()
	h := headFrom(resp)
	switch resp.StatusCode {
	case http.StatusNotModified:
		return h, nil
	case http.StatusPartialContent:
		total, ok := contentRangeTotal(resp.Header.Get("Content-Range"))
		if !ok {
			return head{}, fmt.Errorf("ranged GET: no total length in Content-Range %q", resp.Header.Get("Content-Range"))
		}
		h.length = total
	case http.StatusOK:
		if resp.ContentLength < 0 {
			return head{}, errors.New("the server gives no length (no Content-Length, no Range support)")
		}
		h.length = resp.ContentLength
	default:
		return head{}, fmt.Errorf("%w: GET: %s", ErrStatus, resp.Status)
	}
	h.first, err = io.ReadAll(io.LimitReader(resp.Body, block))
	if err != nil {
		return head{}, fmt.Errorf("ranged GET: %w", err)
	}
	return h, nil
}

func headFrom(resp *http.Response) head {
	ct, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		ct = ""
	}
	return head{
		status:       resp.StatusCode,
		ctype:        ct,
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}
}

// contentRangeTotal reads the total of "bytes 0-99/1234".
func contentRangeTotal(v string) (int64, bool) {
	i := strings.LastIndexByte(v, '/')
	if i < 0 || !strings.HasPrefix(v, "bytes ") {
		return 0, false
	}
	n, err := strconv.ParseInt(v[i+1:], 10, 64)
	return n, err == nil && n >= 0
}

// probeContent runs media.Probe over ranged reads of the resource.
func (p *Prober) probeContent(ctx context.Context, url string, h head) (media.Info, error) {
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
		resp, cancel, err := p.request(ctx, http.MethodGet, url, nil, fmt.Sprintf("bytes=%d-%d", start, end-1))
		if err != nil {
			return 0, nil, err
		}
		defer cancel()
		defer resp.Body.Close()
		want := end - start
		switch {
		case resp.StatusCode == http.StatusPartialContent:
		case resp.StatusCode == http.StatusOK && h.length <= budget:
			// No Range support, but the whole file fits the budget.
			start, want = 0, h.length
		default:
			return 0, nil, fmt.Errorf("%w: ranged GET of bytes %d-%d: %s", ErrStatus, start, end-1, resp.Status)
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, want))
		if err != nil {
			return 0, nil, err
		}
		if int64(len(b)) != want {
			return 0, nil, fmt.Errorf("GET from byte %d returned %d bytes, want %d", start, len(b), want)
		}
		return start, b, nil
	}
	info, err := media.Probe(ctx, r, h.length)
	switch {
	case err == nil:
		return info, nil
	case errors.Is(err, media.ErrUnknownFormat) && !isMediaType(h.ctype):
		return media.Info{}, fmt.Errorf("not a media file (Content-Type %q): %w", h.ctype, err)
	case ctx.Err() != nil:
		return media.Info{}, ctx.Err()
	}
	// The length and the server's type stand; the duration is unknown.
	return media.Info{Size: h.length, MIME: h.ctype}, nil
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
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(orDefault(p.Workers, DefaultWorkers), len(urls)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				info, err := p.Probe(ctx, urls[i])
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
