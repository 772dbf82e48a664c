package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/fetch"
)

// previousFeed is the feed subscribers have now, which the new one is
// compared with: where it came from (for messages) and its summary.
type previousFeed struct {
	where string // file path or URL
	sum   *feed.Summary
	// same: the published feed already holds the new feed's bytes, so
	// there is nothing to compare (sum is nil): an unchanged rebuild
	// neither rereads nor parses it.
	same bool
}

// isHTTPURL reports whether s is an absolute http(s) URL.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// loadPrevious reads the feed to compare with. With --previous (src), that
// file or URL, and any failure is an error: exit 2 for I/O and network
// failures, exit 1 for a document that is not a whole RSS feed. Without
// it, the feed already in the output folder, read inside that folder; nil
// when there is none.
func loadPrevious(ctx context.Context, e *env, src, out string, opt fetch.Options) (*previousFeed, error) {
	if src == "" {
		return loadPublished(e, out, opt.MaxBytes)
	}
	var (
		r     io.Reader
		where = src
	)
	if isHTTPURL(src) {
		resp, err := fetch.Get(ctx, src, opt)
		if errors.Is(err, fetch.ErrTooLarge) {
			return nil, fmt.Errorf("--previous: %w (--max-size raises the limit); nothing was written", err)
		}
		if err != nil {
			return nil, fmt.Errorf("--previous: %w; nothing was written", err)
		}
		defer resp.Body.Close()
		if resp.Status < 200 || resp.Status > 299 {
			hint := ""
			if resp.Status == http.StatusNotFound || resp.Status == http.StatusGone {
				hint = "; if nothing is published there yet, build the first feed without --previous"
			}
			return nil, fmt.Errorf("--previous: %s answered HTTP %d %s%s; nothing was written", src, resp.Status, http.StatusText(resp.Status), hint)
		}
		r = resp.Body
	} else {
		f, err := openRegular(src, opt.MaxBytes)
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("--previous: %w (--max-size raises the limit); nothing was written", err)
		}
		if err != nil {
			return nil, fmt.Errorf("--previous: %w; nothing was written", err)
		}
		defer f.Close()
		r = f
	}
	sum, err := feed.ReadSummary(r)
	var tooLarge error
	if errors.Is(err, fetch.ErrTooLarge) || errors.Is(err, errTooLarge) {
		tooLarge = err
	}
	switch {
	case tooLarge != nil:
		return nil, fmt.Errorf("--previous: %w (--max-size raises the limit); nothing was written", tooLarge)
	case err != nil && isReadError(err):
		return nil, fmt.Errorf("--previous: %s: %w; nothing was written", where, err)
	case err != nil:
		return nil, invalidInput(fmt.Errorf("--previous: %s is not an RSS feed podfeed can read (%v); nothing was written", where, err))
	case sum.Truncated:
		return nil, invalidInput(fmt.Errorf("--previous: %s is cut off or not well-formed after its item %d; nothing was written (compare with a whole copy)", where, len(sum.Items)))
	}
	return &previousFeed{where: where, sum: sum}, nil
}

// loadPublished reads out/feed.xml inside the output folder: a symbolic
// link out of it, a FIFO or a device is refused, and so is a feed above
// max bytes. A file that is not a feed podfeed can read is replaced, with
// a warning. It is read in pieces, never whole. (Whether it holds the
// bytes about to be written was answered as they were staged over it:
// publish.Staged.Same.)
func loadPublished(e *env, out string, max int64) (*previousFeed, error) {
	where := filepath.Join(out, "feed.xml")
	root, err := os.OpenRoot(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the published feed: %w", err)
	}
	defer root.Close()
	fi, err := root.Stat("feed.xml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the published feed %s: %w", where, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read the published feed: %s is not a regular file", where)
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("read the published feed: %s is %d bytes, more than --max-size (%d)", where, fi.Size(), max)
	}
	f, err := root.Open("feed.xml")
	if err != nil {
		return nil, fmt.Errorf("read the published feed: %w", err)
	}
	defer f.Close()
	sum, err := feed.ReadSummary(&capped{r: f, left: max, what: where, size: fi.Size()})
	if err != nil {
		if isReadError(err) {
			return nil, fmt.Errorf("read the published feed: %w", err)
		}
		fmt.Fprintf(e.stderr, "podfeed: warning: %s is not a feed podfeed can read (%v); replacing it without the subscriber-safety check\n", where, err)
		return nil, nil
	}
	if sum.Truncated {
		fmt.Fprintf(e.stderr, "podfeed: warning: %s is cut off after its item %d; the subscriber-safety check compares with those items only\n", where, len(sum.Items))
	}
	return &previousFeed{where: where, sum: sum}, nil
}

// errTooLarge is wrapped by a capped read that went past its limit.
var errTooLarge = errors.New("more than the size limit")

// openRegular opens a regular file of at most max bytes; reads past max
// fail (the file may grow).
func openRegular(path string, max int64) (io.ReadCloser, error) {
	// Look before opening: opening a FIFO waits for a writer.
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > max {
		f.Close()
		return nil, fmt.Errorf("%s is %d bytes: %w of %d bytes", path, fi.Size(), errTooLarge, max)
	}
	return struct {
		io.Reader
		io.Closer
	}{&capped{r: f, left: max, what: path, size: fi.Size()}, f}, nil
}

// capped fails a read that goes past its limit.
type capped struct {
	r    io.Reader
	left int64
	what string
	size int64 // the file's size when it was opened
}

// Len is the file's size when it was opened, by which feed.ReadSummary
// sizes its buffer once for a feed it reads whole (UTF-16, ISO-8859-1,
// Windows-1252: UTF-8 it reads in pieces) instead of doubling it as it
// reads; a file that grew since is still read whole, up to the cap.
func (c *capped) Len() int { return int(min(c.size, c.left)) }

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%s: %w", c.what, errTooLarge)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// isReadError tells a failure to read (I/O, network, size cap) from a
// document that is not a feed.
func isReadError(err error) bool {
	var pe *fs.PathError
	var ne interface{ Timeout() bool }
	return errors.As(err, &pe) || errors.As(err, &ne) || errors.Is(err, errTooLarge) ||
		errors.Is(err, fetch.ErrTooLarge) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded)
}
