package fetch

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestBlockReason(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"ff02::1", "multicast"},
		{"ff05::2", "multicast"},
		{"100.64.0.1", "reserved"},
		{"0.1.2.3", "reserved"},
		{"255.255.255.255", "reserved"},
		{"198.18.0.1", "reserved"},
		{"2001:db8::1", "reserved"},
		{"64:ff9b::7f00:1", "loopback (NAT64)"},
		{"2002:c0a8:0101::1", "private (6to4)"},
		// Public addresses.
		{"8.8.8.8", ""},
		{"93.184.216.34", ""},
		{"172.32.0.1", ""},
		{"100.128.0.1", ""},
		{"2606:4700:4700::1111", ""},
		{"64:ff9b::808:808", ""},
		{"::ffff:8.8.8.8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got := BlockReason(netip.MustParseAddr(tt.addr))
			if got != tt.want {
				t.Errorf("BlockReason(%s) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

func TestGuardRefusesLoopback(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	defer srv.Close()
	for _, c := range []struct {
		name   string
		client *http.Client
	}{
		{"fresh client", nil},
		{"test server client", srv.Client()},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Head(context.Background(), srv.URL+"/feed.xml", Options{Client: c.client})
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("Head(%s) error = %v, want ErrBlocked", srv.URL, err)
			}
			var be *BlockedError
			if !errors.As(err, &be) || be.Reason != "loopback" || be.Addr.String() != "127.0.0.1" {
				t.Errorf("Head error = %#v, want a loopback BlockedError for 127.0.0.1", be)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server got %d requests, want 0", n)
	}
	// The same request is let through with AllowPrivate.
	resp, err := Head(context.Background(), srv.URL, Options{AllowPrivate: true})
	if err != nil || resp.Status != 200 {
		t.Fatalf("Head with AllowPrivate = %v, %v; want 200", resp, err)
	}
}

// Names are judged by the address they resolve to, both by the dial guard
// and by the check before a RoundTripper that is not an *http.Transport.
func TestGuardResolvesNames(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	byName := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	custom := &http.Client{Transport: roundTripFunc(http.DefaultTransport.RoundTrip)}
	for _, c := range []*http.Client{nil, custom} {
		if _, err := Head(context.Background(), byName, Options{Client: c}); !errors.Is(err, ErrBlocked) {
			t.Errorf("Head(%s) error = %v, want ErrBlocked", byName, err)
		}
	}
	if _, err := Head(context.Background(), byName, Options{Client: custom, AllowPrivate: true}); err != nil {
		t.Errorf("Head(%s) with AllowPrivate through a custom transport: %v", byName, err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestGetHeaders(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/RSS+xml; Charset=ISO-8859-1")
		w.Header().Set("ETag", `"abc"`)
		w.Header().Set("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT")
		io.WriteString(w, "<rss/>")
	}))
	defer srv.Close()
	resp, err := Get(context.Background(), srv.URL+"/feed", Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := []string{resp.URL, fmt.Sprint(resp.Status), resp.ContentType, resp.Charset, resp.ETag, resp.LastModified, string(body)}
	want := []string{srv.URL + "/feed", "200", "application/rss+xml", "iso-8859-1", `"abc"`, "Wed, 25 Nov 2026 10:00:00 GMT", "<rss/>"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get response (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(ua, "podfeed") {
		t.Errorf("User-Agent = %q, want it to name podfeed", ua)
	}
}

func redirectServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/final", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg")
		io.WriteString(w, "media")
	})
	// /r/<status>/<rest...> redirects to /<rest...> with that status.
	mux.HandleFunc("/r/", func(w http.ResponseWriter, r *http.Request) {
		status, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/r/"), "/")
		code := http.StatusFound
		fmt.Sscan(status, &code)
		http.Redirect(w, r, "/"+rest, code)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestRedirectChain(t *testing.T) {
	srv := redirectServer(t)
	resp, err := Get(context.Background(), srv.URL+"/r/301/r/307/final", Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := []Redirect{
		{From: srv.URL + "/r/301/r/307/final", To: srv.URL + "/r/307/final", Status: 301},
		{From: srv.URL + "/r/307/final", To: srv.URL + "/final", Status: 307},
	}
	if diff := cmp.Diff(want, resp.Redirects); diff != "" {
		t.Errorf("Redirects (-want +got):\n%s", diff)
	}
	if resp.URL != srv.URL+"/final" {
		t.Errorf("URL = %q, want %q", resp.URL, srv.URL+"/final")
	}
	if !want[0].Permanent() || want[1].Permanent() {
		t.Errorf("Permanent() wrong for 301/307")
	}
}

func TestRedirectLimits(t *testing.T) {
	srv := redirectServer(t)
	tests := []struct {
		name string
		path string
		max  int
		want error
	}{
		{"five hops are fine", "/r/302/r/302/r/302/r/302/r/302/final", 0, nil},
		{"six hops are too many", "/r/302/r/302/r/302/r/302/r/302/r/302/final", 0, ErrTooManyRedirects},
		{"a lower limit", "/r/302/r/302/final", 1, ErrTooManyRedirects},
		{"no redirects at all", "/r/302/final", -1, ErrTooManyRedirects},
		{"loop", "/loop", 0, ErrRedirectLoop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Head(context.Background(), srv.URL+tt.path, Options{AllowPrivate: true, MaxRedirects: tt.max})
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Head(%s) error = %v, want %v", tt.path, err, tt.want)
			}
		})
	}
}

func TestSizeCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := strings.Repeat("x", 100)
		if r.URL.Path == "/chunked" {
			w.(http.Flusher).Flush() // no Content-Length
		} else {
			w.Header().Set("Content-Length", "100")
		}
		io.WriteString(w, body)
	}))
	defer srv.Close()
	ctx := context.Background()
	if _, err := Get(ctx, srv.URL+"/sized", Options{AllowPrivate: true, MaxBytes: 99}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Get with Content-Length over the cap: error = %v, want ErrTooLarge", err)
	}
	resp, err := Get(ctx, srv.URL+"/chunked", Options{AllowPrivate: true, MaxBytes: 99})
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("reading a chunked body over the cap: error = %v, want ErrTooLarge", err)
	}
	for _, path := range []string{"/sized", "/chunked"} {
		resp, err := Get(ctx, srv.URL+path, Options{AllowPrivate: true, MaxBytes: 100})
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || len(b) != 100 {
			t.Errorf("Get(%s) at exactly the cap: %d bytes, %v; want 100, nil", path, len(b), err)
		}
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	_, err := Head(context.Background(), srv.URL, Options{AllowPrivate: true, Timeout: 50 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Head against a stalled server: error = %v, want DeadlineExceeded", err)
	}
}

func TestSchemes(t *testing.T) {
	for _, u := range []string{"ftp://example.com/a.mp3", "file:///etc/passwd", "ipfs://abc"} {
		if _, err := Head(context.Background(), u, Options{}); !errors.Is(err, ErrUnsupportedScheme) {
			t.Errorf("Head(%s) error = %v, want ErrUnsupportedScheme", u, err)
		}
	}
}

func rangeServer(t *testing.T, honour bool, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	content := "0123456789abcdefghij"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits != nil {
			hits.Add(1)
		}
		w.Header().Set("Content-Type", "audio/mpeg")
		if !honour {
			io.WriteString(w, content)
			return
		}
		http.ServeContent(w, r, "a.mp3", time.Time{}, strings.NewReader(content))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRange(t *testing.T) {
	ctx := context.Background()
	srv := rangeServer(t, true, nil)
	resp, err := Range(ctx, srv.URL, 0, 1, Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 206 || string(resp.Data) != "01" || resp.TotalLength() != 20 {
		t.Errorf("Range on a server with ranges: status %d, data %q, total %d; want 206, \"01\", 20", resp.Status, resp.Data, resp.TotalLength())
	}
	plain := rangeServer(t, false, nil)
	resp, err = Range(ctx, plain.URL, 0, 1, Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || string(resp.Data) != "01" || resp.TotalLength() != 20 {
		t.Errorf("Range on a server without ranges: status %d, data %q, total %d; want 200, \"01\", 20", resp.Status, resp.Data, resp.TotalLength())
	}
	head, err := Head(ctx, plain.URL, Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if head.ContentLength != 20 {
		t.Errorf("Head ContentLength = %d, want 20", head.ContentLength)
	}
}

func TestMemo(t *testing.T) {
	var hits atomic.Int32
	srv := rangeServer(t, true, &hits)
	ctx := WithMemo(context.Background())
	opt := Options{AllowPrivate: true}
	opt.Client = NewClient(opt)
	done := make(chan error)
	for range 4 {
		go func() {
			_, err := Head(ctx, srv.URL, opt)
			if err == nil {
				_, err = Range(ctx, srv.URL, 0, 1, opt)
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("4 callers sharing a memo made %d requests, want 2 (one HEAD, one ranged GET)", n)
	}
	hits.Store(0)
	Head(context.Background(), srv.URL, opt)
	Head(context.Background(), srv.URL, opt)
	if n := hits.Load(); n != 2 {
		t.Errorf("without a memo: %d requests, want 2", n)
	}
}

func TestRangeReader(t *testing.T) {
	srv := rangeServer(t, true, nil)
	r, err := NewRangeReader(context.Background(), srv.URL, Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Size() != 20 {
		t.Errorf("Size() = %d, want 20", r.Size())
	}
	buf := make([]byte, 5)
	n, err := r.ReadAt(buf, 17)
	if n != 3 || err != io.EOF || string(buf[:n]) != "hij" {
		t.Errorf("ReadAt(5 bytes at 17) = %d, %v, %q; want 3, EOF, \"hij\"", n, err, buf[:n])
	}
	n, err = r.ReadAt(buf, 2)
	if n != 5 || err != nil || string(buf) != "23456" {
		t.Errorf("ReadAt(5 bytes at 2) = %d, %v, %q; want 5, nil, \"23456\"", n, err, buf)
	}
	plain := rangeServer(t, false, nil)
	if _, err := NewRangeReader(context.Background(), plain.URL, Options{AllowPrivate: true}); err == nil {
		t.Errorf("NewRangeReader on a server without ranges: no error")
	}
}

// A caller's *http.Transport with its own dialers (current or deprecated)
// does not get past the guard: NewClient replaces or clears every one.
func TestGuardReplacesCallerDialers(t *testing.T) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	plain := httptest.NewServer(h)
	defer plain.Close()
	tlsSrv := httptest.NewTLSServer(h)
	defer tlsSrv.Close()

	var d net.Dialer
	tlsCfg := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig
	dialTLS := func(ctx context.Context, network, addr string) (net.Conn, error) {
		return (&tls.Dialer{Config: tlsCfg}).DialContext(ctx, network, addr)
	}
	current := &http.Transport{DialContext: d.DialContext, DialTLSContext: dialTLS, TLSClientConfig: tlsCfg}
	deprecated := &http.Transport{TLSClientConfig: tlsCfg}
	//lint:ignore SA1019 the test sets the deprecated dialers to prove the guard clears them
	deprecated.Dial, deprecated.DialTLS = d.Dial, func(network, addr string) (net.Conn, error) {
		return dialTLS(context.Background(), network, addr)
	}
	for name, tr := range map[string]*http.Transport{"current": current, "deprecated": deprecated} {
		for _, u := range []string{plain.URL, tlsSrv.URL} {
			_, err := Head(context.Background(), u, Options{Client: &http.Client{Transport: tr}})
			if !errors.Is(err, ErrBlocked) {
				t.Errorf("%s dialers, Head(%s) error = %v, want ErrBlocked", name, u, err)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("servers got %d requests, want 0", n)
	}
	// The caller's TLS settings survive: with AllowPrivate the test
	// server's certificate is trusted.
	if _, err := Head(context.Background(), tlsSrv.URL, Options{Client: &http.Client{Transport: current}, AllowPrivate: true}); err != nil {
		t.Errorf("Head(%s) with AllowPrivate: %v", tlsSrv.URL, err)
	}
}

// A timeout reads as one, whether the server stalls before its headers or
// in the middle of the body: never "use of closed network connection" or
// "context deadline exceeded" alone.
func TestTimeoutMessages(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/body" {
			w.Header().Set("Content-Length", "1000")
			w.Write([]byte("<rss>"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	opt := Options{AllowPrivate: true, Timeout: 100 * time.Millisecond}
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error = %v, want ErrTimeout", what, err)
			return
		}
		msg := err.Error()
		if !strings.Contains(msg, "no complete answer within 100ms (timed out)") || strings.Contains(msg, "closed network connection") || strings.Contains(msg, "deadline") {
			t.Errorf("%s: error = %q, want a plain timeout message", what, msg)
		}
	}
	_, err := Get(context.Background(), srv.URL+"/headers", opt)
	check("Get, headers stalled", err)
	_, err = Head(context.Background(), srv.URL+"/headers", opt)
	check("Head, headers stalled", err)
	_, err = Range(context.Background(), srv.URL+"/body", 0, 999, opt)
	check("Range, body stalled", err)
	resp, err := Get(context.Background(), srv.URL+"/body", opt)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	check("Get, body stalled", err)
	// A caller's own cancellation is not a timeout.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Get(ctx, srv.URL+"/headers", opt); errors.Is(err, ErrTimeout) || !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a canceled context: error = %v, want context.Canceled", err)
	}
}

// A redirect from a public address to a loopback one is refused: the guard
// judges every hop, not only the first. (The first hop is answered by a
// stand-in transport, as tests never leave the machine.)
func TestGuardRefusesRedirectToLoopback(t *testing.T) {
	var hits atomic.Int32
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer inside.Close()
	const public = "http://93.184.215.14/feed.xml"
	tr := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "93.184.215.14" {
			return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {inside.URL + "/admin"}},
				Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	client := &http.Client{Transport: tr}
	for _, get := range []func() error{
		func() error { _, err := Head(context.Background(), public, Options{Client: client}); return err },
		func() error { _, err := Get(context.Background(), public, Options{Client: client}); return err },
		func() error { _, err := Range(context.Background(), public, 0, 9, Options{Client: client}); return err },
	} {
		if err := get(); !errors.Is(err, ErrBlocked) {
			t.Errorf("redirect to %s: error = %v, want ErrBlocked", inside.URL, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests, want 0", n)
	}
	resp, err := Head(context.Background(), public, Options{Client: client, AllowPrivate: true})
	if err != nil || resp.Status != 200 || len(resp.Redirects) != 1 || hits.Load() != 1 {
		t.Errorf("with AllowPrivate: %v, %v, %d hits; want 200 after one redirect", resp, err, hits.Load())
	}
}

// A gzip bomb (1 GiB of zeros, about 1 MB compressed) that the transport
// decompresses is cut off at MaxBytes of decompressed body, having
// received little more than that from the wire.
func TestGzipBombCapped(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(countWriter{w, &sent})
		zeros := make([]byte, 1<<20)
		for range 1024 {
			if _, err := gz.Write(zeros); err != nil {
				return
			}
		}
		gz.Close()
	}))
	defer srv.Close()
	resp, err := Get(context.Background(), srv.URL, Options{AllowPrivate: true, MaxBytes: 2 << 20})
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if !errors.Is(err, ErrTooLarge) || n != 2<<20 {
		t.Errorf("Get(gzip bomb) read %d bytes, error %v; want 2 MiB and ErrTooLarge", n, err)
	}
	if s := sent.Load(); s > 8<<20 {
		t.Errorf("the server sent %d compressed bytes before the client stopped, want at most 8 MB", s)
	}
}

type countWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// A RangeReader answers many small reads from a few block-aligned
// requests, and refuses to fetch more than its budget.
func TestRangeReaderBlocksAndBudget(t *testing.T) {
	const size = 64 << 20
	var gets, sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		http.ServeContent(countResponse{w, &sent}, r, "", time.Time{}, io.NewSectionReader(patternReader{}, 0, size))
	}))
	defer srv.Close()
	rr, err := NewRangeReader(context.Background(), srv.URL, Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	gets.Store(0)
	buf := make([]byte, 4)
	for i := int64(0); i < 10000; i++ { // 10,000 reads of 4 bytes within 100 KB
		off := i * 10
		if _, err := rr.ReadAt(buf, off); err != nil {
			t.Fatal(err)
		}
		if buf[0] != byte(off) {
			t.Fatalf("ReadAt(%d) = %v", off, buf)
		}
	}
	if n := gets.Load(); n > 2 {
		t.Errorf("10,000 small reads in 100 KB made %d requests, want at most 2", n)
	}
	// Reads spread over the file stop at the budget.
	var budgetErr error
	for off := int64(0); off < size && budgetErr == nil; off += 1 << 20 {
		_, budgetErr = rr.ReadAt(buf, off)
	}
	if !errors.Is(budgetErr, ErrRangeBudget) {
		t.Errorf("reads across 64 MB: error %v, want ErrRangeBudget", budgetErr)
	}
	if s := sent.Load(); s > DefaultRangeBudget+64<<10 {
		t.Errorf("the server sent %d bytes, want at most the %d-byte budget", s, DefaultRangeBudget)
	}
}

// patternReader holds byte(offset) at every offset.
type patternReader struct{}

func (patternReader) ReadAt(p []byte, off int64) (int, error) {
	for i := range p {
		p[i] = byte(off + int64(i))
	}
	return len(p), nil
}

type countResponse struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countResponse) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n.Add(int64(n))
	return n, err
}
