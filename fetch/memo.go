package fetch

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// memo holds the answers to Head and Range requests for the length of one
// run, so several checks judging the same URL cost one request. Identical
// requests in flight at the same time wait for the first. Errors are
// remembered too. A memo is safe for concurrent use.
type memo struct {
	mu      sync.Mutex
	entries map[string]*memoEntry
}

type memoEntry struct {
	done chan struct{}
	resp *Response
	err  error
}

type memoCtxKey struct{}

// WithMemo returns a context carrying a fresh, empty cache for one run:
// Head and Range calls made with it (or a context derived from it) share
// their answers, so identical requests are sent once, in-flight
// duplicates included; errors are shared too. A context that already
// carries one is returned unchanged. Responses shared this way are
// read-only.
func WithMemo(ctx context.Context) context.Context {
	if ctx.Value(memoCtxKey{}) != nil {
		return ctx
	}
	return context.WithValue(ctx, memoCtxKey{}, &memo{entries: map[string]*memoEntry{}})
}

// memoKey identifies a request: the guard setting, the method (with the
// range), the URL and any extra headers, in a stable order.
func memoKey(opt Options, method, rawURL string) string {
	var b strings.Builder
	b.WriteString(strconv.FormatBool(opt.AllowPrivate) + " " + method + " " + rawURL)
	keys := make([]string, 0, len(opt.Header))
	for k := range opt.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString("\n" + k + ": " + strings.Join(opt.Header[k], ", "))
	}
	return b.String()
}

// memoized runs f once per key for the memo in ctx, or every time when
// ctx carries none.
func memoized(ctx context.Context, key string, f func() (*Response, error)) (*Response, error) {
	m, _ := ctx.Value(memoCtxKey{}).(*memo)
	if m == nil {
		return f()
	}
	m.mu.Lock()
	e, ok := m.entries[key]
	if !ok {
		e = &memoEntry{done: make(chan struct{})}
		m.entries[key] = e
	}
	m.mu.Unlock()
	if ok {
		select {
		case <-e.done:
			return e.resp, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e.resp, e.err = f()
	close(e.done)
	return e.resp, e.err
}
