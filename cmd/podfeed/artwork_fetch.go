package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/podfeed/podfeed/fetch"
)

// artFetcher is the show.Fetcher build --probe-remote uses to download
// remote artwork: fetch's policy (address guard, redirects, timeout), the
// size capped at what the check reads.
type artFetcher struct {
	opt fetch.Options
}

// Fetch implements show.Fetcher.
func (f artFetcher) Fetch(ctx context.Context, url string, max int64) ([]byte, error) {
	opt := f.opt
	opt.MaxBytes = max
	resp, err := fetch.Get(ctx, url, opt)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.Status != http.StatusOK {
		return nil, fmt.Errorf("HTTP status %d", resp.Status)
	}
	return io.ReadAll(resp.Body)
}
