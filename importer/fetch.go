package importer

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/podfeed/podfeed/fetch"
)

// HTTPError is a response other than 200 OK.
type HTTPError struct {
	URL    string
	Status int
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("get %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Fetched is a downloaded feed.
type Fetched struct {
	Data []byte
	URL  string // the final URL, after redirects
	// Moved is set when every redirect on the way was permanent: the
	// publisher has moved the feed to URL.
	Moved bool
}

// Fetch downloads a feed with the fetch package's guarded client (timeout,
// address guard, redirect limit). The body is capped at the size Parse
// accepts unless opt.MaxBytes says otherwise.
func Fetch(ctx context.Context, url string, opt fetch.Options) (*Fetched, error) {
	if opt.MaxBytes == 0 {
		opt.MaxBytes = maxFeedSize
	}
	resp, err := fetch.Get(ctx, url, opt)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.Status != http.StatusOK {
		return nil, &HTTPError{URL: url, Status: resp.Status}
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	f := &Fetched{Data: data, URL: resp.URL, Moved: len(resp.Redirects) > 0}
	for _, r := range resp.Redirects {
		if !r.Permanent() {
			f.Moved = false
		}
	}
	return f, nil
}
