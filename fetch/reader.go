package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// RangeReader is a remote file read through ranged GETs, for probing media
// without downloading it (media.Probe takes an io.ReaderAt and a size).
// It keeps the context it was made with because io.ReaderAt has no room
// for one; make one per probe.
type RangeReader struct {
	ctx  context.Context
	url  string // final URL, after redirects
	size int64
	opt  Options
	// Head is the answer to the first ranged GET (status, headers, chain).
	Head *Response
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
	return &RangeReader{ctx: ctx, url: resp.URL, size: size, opt: opt, Head: resp}, nil
}

// Close releases the reader's idle connections.
func (r *RangeReader) Close() error {
	r.opt.Client.CloseIdleConnections()
	return nil
}

// Size returns the size of the remote file in bytes.
func (r *RangeReader) Size() int64 { return r.size }

// ReadAt reads len(p) bytes at off with one ranged GET.
func (r *RangeReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("range reader %s: negative offset %d", r.url, off)
	}
	if off >= r.size {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	last := off + int64(len(p)) - 1
	if last >= r.size {
		last = r.size - 1
	}
	resp, err := Range(r.ctx, r.url, off, last, r.opt)
	if err != nil {
		return 0, err
	}
	if resp.Status != http.StatusPartialContent {
		return 0, fmt.Errorf("range reader %s: bytes %d-%d: status %d, want 206", r.url, off, last, resp.Status)
	}
	n := copy(p, resp.Data)
	if n < len(p) {
		if int64(n) == r.size-off {
			return n, io.EOF
		}
		return n, fmt.Errorf("range reader %s: bytes %d-%d: got %d bytes: %w", r.url, off, last, n, io.ErrUnexpectedEOF)
	}
	return n, nil
}
