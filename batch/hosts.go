package batch

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Hosts limits how many requests go to one host at once, and holds new
// requests to a host back until a pause it asked for (Retry-After) is
// over. It is safe for concurrent use. A host's entry is dropped when no
// request to it is running or waiting and no pause is pending, so memory
// follows the hosts in flight, not every host ever seen.
type Hosts struct {
	per int
	now func() time.Time

	mu    sync.Mutex
	hosts map[string]*host
}

type host struct {
	slots chan struct{} // one token per request allowed at once
	until time.Time     // no new request before this time
	users int           // requests holding or waiting for a slot
}

// NewHosts returns a limiter allowing perHost requests to one host at
// once (at least 1).
func NewHosts(perHost int) *Hosts {
	return &Hosts{per: max(perHost, 1), now: time.Now, hosts: map[string]*host{}}
}

// Key returns the host a URL's requests are counted against: its host
// and port, lower-cased.
func Key(rawURL string) string {
	rest := rawURL
	if _, after, ok := strings.Cut(rest, "://"); ok {
		rest = after
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return strings.ToLower(rest)
}

// PausedError is Acquire's answer when the host asked for a pause longer
// than the caller will wait.
type PausedError struct {
	Host  string
	Until time.Time
}

// Error says which host paused and until when.
func (e *PausedError) Error() string {
	return "host " + e.Host + " asked not to be contacted before " + e.Until.UTC().Format(time.RFC3339) + " (Retry-After)"
}

// Acquire waits until a request to key may start: a slot is free and any
// pause is over. A pause that ends more than maxWait from now is not
// waited for: Acquire returns a *PausedError at once. It returns the
// function that frees the slot; call it once, when the request (its body
// read) is done.
func (h *Hosts) Acquire(ctx context.Context, key string, maxWait time.Duration) (release func(), err error) {
	h.mu.Lock()
	e := h.hosts[key]
	if e == nil {
		e = &host{slots: make(chan struct{}, h.per)}
		h.hosts[key] = e
	}
	e.users++
	h.mu.Unlock()

	drop := func() {
		h.mu.Lock()
		e.users--
		if e.users == 0 && !e.until.After(h.now()) {
			delete(h.hosts, key)
		}
		h.mu.Unlock()
	}
	paused := func() error {
		h.mu.Lock()
		defer h.mu.Unlock()
		if e.until.Sub(h.now()) > maxWait {
			return &PausedError{Host: key, Until: e.until}
		}
		return nil
	}
	if err := paused(); err != nil {
		drop()
		return nil, err
	}
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		drop()
		return nil, ctx.Err()
	}
	for {
		if err := paused(); err != nil {
			<-e.slots
			drop()
			return nil, err
		}
		h.mu.Lock()
		wait := e.until.Sub(h.now())
		h.mu.Unlock()
		if wait <= 0 {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-e.slots
			drop()
			return nil, ctx.Err()
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-e.slots
			drop()
		})
	}, nil
}

// Pause holds new requests to key back for d from now (a later pause
// already set is kept). Call it while holding a slot of key, before
// releasing it; without one it does nothing.
func (h *Hosts) Pause(key string, d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := h.hosts[key]
	if e == nil {
		return
	}
	if until := h.now().Add(d); until.After(e.until) {
		e.until = until
	}
}

// Len returns the number of hosts with an entry (for tests).
func (h *Hosts) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.hosts)
}

// RetryAfter reads a Retry-After header value: a number of seconds or an
// HTTP date (RFC 9110 section 10.2.3), as a wait from now. ok is false
// when the value is absent or neither form; a date in the past is a wait
// of 0.
func RetryAfter(value string, now time.Time) (wait time.Duration, ok bool) {
	v := strings.TrimSpace(value)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
