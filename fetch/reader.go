package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Defaults of a RangeReader.
const (
	DefaultRangeBlock  = 64 << 10 // bytes per ranged GET, aligned
	DefaultRangeBudget = 4 << 20  // bytes fetched in all
)

// ErrRangeBudget is wrapped by a RangeReader's error when a read would
// fetch more than its budget.
var ErrRangeBudget = errors.New("ranged reads exceed the byte budget")

// RangeReader is a remote file read through ranged GETs, for probing media
// without downloading it (media.Probe takes an io.ReaderAt and a size).
// It fetches aligned blocks of DefaultRangeBlock bytes, several adjacent
// ones in one request, and keeps them, so the many small reads a parser
// makes cost a few requests; it fetches at most Budget bytes in all. It
// keeps the context it was made with because io.ReaderAt has no room for
// one; make one per probe. It is not safe for concurrent use.
type RangeReader struct {
	ctx  context.Context
	url  string // final URL, after redirects
	size int64
	opt  Options
	// Head is the answer to the first ranged GET (status, headers, chain).
	Head *Response
	// Budget bounds the bytes fetched; 0 means DefaultRangeBudget.
	Budget int64

	read   int64
	blocks map[int64][]byte // by block index
}

// NewRangeReader asks rawURL for its first byte to learn the final URL and
// the size, and fails when the server does not honour ranges (no 206) or
// does not say the total size.
func NewRangeReader(ctx context.Context, rawURL string, opt Options) (*RangeReader, error) {
	opt.Client = NewClient(opt)
	resp, err := Range(ctx, rawURL, 0, 0, opt)
	if err != nil {
		return nil, err
	}
	if resp.Status != http.StatusPartialContent {
		return nil, fmt.Errorf("range reader %s: status %d, want 206 partial content", rawURL, resp.Status)
	}
	size := resp.TotalLength()
	if size < 0 {
		return nil, fmt.Errorf("range reader %s: no total size in Content-Range %q", rawURL, resp.Header.Get("Content-Range"))
	}
	return &RangeReader{ctx: ctx, url: resp.URL, size: size, opt: opt, Head: resp, blocks: map[int64][]byte{}}, nil
}

// Close releases the reader's idle connections.
func (r *RangeReader) Close() error {
	r.opt.Client.CloseIdleConnections()
	return nil
}

// Size returns the size of the remote file in bytes.
func (r *RangeReader) Size() int64 { return r.size }

// ReadAt reads len(p) bytes at off, from the blocks already fetched and
// with one ranged GET for each run of adjacent blocks missing.
func (r *RangeReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("range reader %s: negative offset %d", r.url, off)
	}
	if off >= r.size {
		return 0, io.EOF
	}
	const block = DefaultRangeBlock
	n := 0
	for n < len(p) {
		o := off + int64(n)
		if o >= r.size {
			return n, io.EOF
		}
		idx := o / block
		b, ok := r.blocks[idx]
		if !ok {
			// Fetch this block and the following missing ones the read
			// still needs, in one request.
			last := min(off+int64(len(p)), r.size) - 1
			endIdx := idx
			for endIdx+1 <= last/block {
				if _, have := r.blocks[endIdx+1]; have {
					break
				}
				endIdx++
			}
			if err := r.fetch(idx, endIdx); err != nil {
				return n, err
			}
			b = r.blocks[idx]
		}
		rel := o - idx*block
		if rel >= int64(len(b)) {
			return n, fmt.Errorf("range reader %s: block at %d: %w", r.url, idx*block, io.ErrUnexpectedEOF)
		}
		n += copy(p[n:], b[rel:])
	}
	return n, nil
}

// fetch gets the blocks first..last (indexes) in one ranged GET.
func (r *RangeReader) fetch(first, last int64) error {
	const block = DefaultRangeBlock
	start, end := first*block, min((last+1)*block, r.size) // end exclusive
	budget := r.Budget
	if budget <= 0 {
		budget = DefaultRangeBudget
	}
	if r.read+end-start > budget {
		return fmt.Errorf("range reader %s: bytes %d-%d would pass %d bytes read: %w", r.url, start, end-1, budget, ErrRangeBudget)
	}
	resp, err := Range(r.ctx, r.url, start, end-1, r.opt)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusPartialContent {
		return fmt.Errorf("range reader %s: bytes %d-%d: status %d, want 206", r.url, start, end-1, resp.Status)
	}
	if int64(len(resp.Data)) != end-start {
		return fmt.Errorf("range reader %s: bytes %d-%d: got %d bytes: %w", r.url, start, end-1, len(resp.Data), io.ErrUnexpectedEOF)
	}
	r.read += end - start
	for i := first; i <= last; i++ {
		lo := (i - first) * block
		r.blocks[i] = resp.Data[lo:min(lo+block, int64(len(resp.Data)))]
	}
	return nil
}
