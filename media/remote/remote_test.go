package remote

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/media/cache"
)

// local lets the prober contact the test servers, which listen on
// loopback addresses the guard refuses by default.
var local = fetch.Options{AllowPrivate: true}

// server serves fixtures with Range, ETag and Last-Modified support and
// counts what it is asked.
type server struct {
	heads, gets atomic.Int64
	bytes       atomic.Int64
	opts
	etag  string
	delay time.Duration
	files map[string][]byte
}

// opts are the server's shortcomings.
type opts struct {
	noHead   bool // HEAD answers 405
	noLength bool // HEAD has no Content-Length
	noRange  bool // GET ignores Range
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.delay > 0 {
		select {
		case <-time.After(s.delay):
		case <-r.Context().Done():
			return
		}
	}
	b, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch r.Method {
	case http.MethodHead:
		s.heads.Add(1)
		if s.noHead {
			http.Error(w, "no HEAD here", http.StatusMethodNotAllowed)
			return
		}
		if s.noLength {
			w.Header().Set("Content-Type", "audio/mpeg")
			w.WriteHeader(http.StatusOK)
			return
		}
	case http.MethodGet:
		s.gets.Add(1)
		if s.noRange {
			r.Header.Del("Range")
		}
	}
	if s.etag != "" {
		w.Header().Set("ETag", s.etag)
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if strings.HasSuffix(r.URL.Path, ".mp3") {
		w.Header().Set("Content-Type", "audio/mpeg")
	}
	cw := &countingWriter{ResponseWriter: w, n: &s.bytes}
	http.ServeContent(cw, r, "", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), bytes.NewReader(b))
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n.Add(int64(n))
	return n, err
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newServer(t *testing.T, s *server) string {
	t.Helper()
	s.files = map[string][]byte{
		"/cbr-info.mp3": fixture(t, "cbr-info.mp3"),
		"/cbr.mp3":      fixture(t, "cbr.mp3"),
		"/vbr.mp3":      fixture(t, "vbr-noxing.mp3"),
		"/chapters.m4a": fixture(t, "chapters.m4a"),
		"/opus.opus":    fixture(t, "opus.opus"),
		"/page.html":    []byte("<!doctype html><title>Not found</title>"),
		"/page.mp3":     []byte("<!doctype html><title>Not found</title>"),
		"/big-page.mp3": bytes.Repeat([]byte("<p>not audio</p>\n"), 64<<10),
		"/big.mp3":      bigCBR(4 << 20),
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts.URL
}

// bigCBR is a 128 kbit/s CBR MP3 of n bytes (headers and silence).
func bigCBR(n int) []byte {
	b := make([]byte, n)
	for i := 0; i+4 <= n; i += 417 {
		copy(b[i:], []byte{0xFF, 0xFB, 0x90, 0xC4})
	}
	return b
}

func TestProbe(t *testing.T) {
	tests := []struct {
		name   string
		srv    opts
		path   string
		mime   string
		dur    time.Duration
		maxGet int64
	}{
		{"xing header", opts{}, "/cbr-info.mp3", "audio/mpeg", 5300 * time.Millisecond, 3},
		{"cbr without header", opts{}, "/cbr.mp3", "audio/mpeg", 5328 * time.Millisecond, 3},
		{"m4a with moov at the end", opts{}, "/chapters.m4a", "audio/x-m4a", 5000 * time.Millisecond, 3},
		{"opus", opts{}, "/opus.opus", "audio/ogg", 4200 * time.Millisecond, 3},
		{"HEAD refused", opts{noHead: true}, "/cbr-info.mp3", "audio/mpeg", 5300 * time.Millisecond, 3},
		{"HEAD without length", opts{noLength: true}, "/cbr-info.mp3", "audio/mpeg", 5300 * time.Millisecond, 3},
		{"no range support", opts{noRange: true}, "/opus.opus", "audio/ogg", 4200 * time.Millisecond, 3},
		// A long CBR stream is recognised by its bitrate at eight places.
		{"4 MB CBR", opts{}, "/big.mp3", "audio/mpeg", 262144 * time.Millisecond, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &server{opts: tt.srv}
			base := newServer(t, s)
			p := &Prober{Net: local, Block: 16 << 10}
			info, err := p.Probe(context.Background(), base+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			want := int64(len(s.files[tt.path]))
			if info.Size != want || info.MIME != tt.mime {
				t.Errorf("Probe(%s) = size %d type %q, want %d %q", tt.path, info.Size, info.MIME, want, tt.mime)
			}
			if d := info.Duration - tt.dur; d > 50*time.Millisecond || d < -50*time.Millisecond {
				t.Errorf("Probe(%s).Duration = %v, want %v", tt.path, info.Duration, tt.dur)
			}
			if got := s.gets.Load(); got > tt.maxGet {
				t.Errorf("Probe(%s) made %d GET requests, want at most %d", tt.path, got, tt.maxGet)
			}
			if !tt.srv.noRange {
				if got := s.bytes.Load(); got > DefaultBudget {
					t.Errorf("Probe(%s) read %d bytes, want at most %d", tt.path, got, DefaultBudget)
				}
			}
		})
	}
}

func TestProbeVBRWithoutHeaderGivesLengthOnly(t *testing.T) {
	var s server
	base := newServer(t, &s)
	p := &Prober{Net: local, Block: 4 << 10, Budget: 8 << 10}
	info, err := p.Probe(context.Background(), base+"/vbr.mp3")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size != int64(len(s.files["/vbr.mp3"])) || info.Duration != 0 {
		t.Errorf("Probe(vbr without Xing) = size %d duration %v, want the length and no duration", info.Size, info.Duration)
	}
	if got := s.bytes.Load(); got > 8<<10 {
		t.Errorf("read %d bytes, budget is %d", got, 8<<10)
	}
}

func TestProbeNotMedia(t *testing.T) {
	var s server
	base := newServer(t, &s)
	_, err := (&Prober{Net: local}).Probe(context.Background(), base+"/page.html")
	if !errors.Is(err, media.ErrUnknownFormat) {
		t.Errorf("Probe(html page) error = %v, want ErrUnknownFormat", err)
	}
	_, err = (&Prober{Net: local}).Probe(context.Background(), base+"/missing.mp3")
	if !errors.Is(err, ErrStatus) {
		t.Errorf("Probe(missing) error = %v, want ErrStatus", err)
	}
}

func TestProbeTimeout(t *testing.T) {
	s := server{delay: 2 * time.Second}
	base := newServer(t, &s)
	start := time.Now()
	_, err := (&Prober{Net: fetch.Options{AllowPrivate: true, Timeout: 50 * time.Millisecond}}).Probe(context.Background(), base+"/cbr.mp3")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Probe(slow server) error = %v, want a deadline error", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("Probe(slow server) took %v despite a 50ms timeout", el)
	}
}

func TestRevalidation(t *testing.T) {
	for _, etag := range []string{`"v1"`, ""} { // ETag, then Last-Modified only
		t.Run("etag="+etag, func(t *testing.T) {
			s := server{etag: etag}
			base := newServer(t, &s)
			c := cache.New(t.TempDir())
			p := &Prober{Net: local, Cache: c}
			url := base + "/cbr-info.mp3"
			first, err := p.Probe(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			s.gets.Store(0)
			second, err := p.Probe(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			if s.gets.Load() != 0 {
				t.Errorf("revalidated probe made %d GET requests, want 0", s.gets.Load())
			}
			if second.Duration != first.Duration || second.Size != first.Size {
				t.Errorf("cached result %+v differs from %+v", second, first)
			}
			if etag != "" {
				// A new version is probed again.
				s.etag = `"v2"`
				if _, err := p.Probe(context.Background(), url); err != nil {
					t.Fatal(err)
				}
				if s.gets.Load() == 0 {
					t.Error("a changed ETag did not cause a new probe")
				}
				if e, _ := c.Remote(url); e.ETag != `"v2"` {
					t.Errorf("cache holds ETag %q, want %q", e.ETag, `"v2"`)
				}
			}
		})
	}
}

func TestProbeAllBoundedConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int64
	var s server
	base := newServer(t, &s)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		http.Redirect(w, r, base+"/cbr-info.mp3", http.StatusFound)
	}))
	t.Cleanup(ts.Close)
	var urls []string
	for range 20 {
		urls = append(urls, ts.URL+"/x.mp3")
	}
	done := 0
	res := (&Prober{Net: local, Workers: 3}).ProbeAll(context.Background(), urls, func() { done++ })
	for _, r := range res {
		if r.Err != nil || r.Info.Duration == 0 {
			t.Fatalf("ProbeAll: %s: %+v %v", r.URL, r.Info, r.Err)
		}
	}
	if done != 20 {
		t.Errorf("done called %d times, want 20", done)
	}
	if p := peak.Load(); p > 3 {
		t.Errorf("%d requests in flight at once, want at most 3", p)
	}
}

// The prober follows fetch's policy: a loopback or private address is
// refused unless Net.AllowPrivate, with no request reaching it.
func TestProbeGuard(t *testing.T) {
	var s server
	base := newServer(t, &s)
	for _, p := range []*Prober{{}, {Net: fetch.Options{Timeout: time.Second}}} {
		_, err := p.Probe(context.Background(), base+"/cbr-info.mp3")
		if !errors.Is(err, fetch.ErrBlocked) || !strings.Contains(err.Error(), "refusing to connect to loopback address 127.0.0.1") {
			t.Errorf("Probe(loopback) without AllowPrivate: error = %v, want ErrBlocked", err)
		}
		res := p.ProbeAll(context.Background(), []string{base + "/cbr.mp3"}, nil)
		if !errors.Is(res[0].Err, fetch.ErrBlocked) {
			t.Errorf("ProbeAll(loopback) without AllowPrivate: error = %v, want ErrBlocked", res[0].Err)
		}
	}
	if n := s.heads.Load() + s.gets.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests, want 0", n)
	}
	if _, err := (&Prober{Net: local}).Probe(context.Background(), base+"/cbr-info.mp3"); err != nil {
		t.Errorf("Probe(loopback) with AllowPrivate: %v", err)
	}
}

// A public URL that redirects to a loopback address is refused at the
// redirect. The public hop is answered by a stand-in transport.
func TestProbeRedirectToLoopback(t *testing.T) {
	var s server
	base := newServer(t, &s)
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "93.184.215.14" {
			return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {base + "/cbr-info.mp3"}},
				Body: http.NoBody, Request: r}, nil
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	const public = "http://93.184.215.14/ep.mp3"
	_, err := (&Prober{Net: fetch.Options{Client: client}}).Probe(context.Background(), public)
	if !errors.Is(err, fetch.ErrBlocked) {
		t.Errorf("Probe(redirect to loopback) error = %v, want ErrBlocked", err)
	}
	if n := s.heads.Load() + s.gets.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests, want 0", n)
	}
	info, err := (&Prober{Net: fetch.Options{Client: client, AllowPrivate: true}}).Probe(context.Background(), public)
	if err != nil || info.Duration != 5300*time.Millisecond {
		t.Errorf("Probe(redirect to loopback) with AllowPrivate = %v, %v; want 5.3s", info.Duration, err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Content decides, not the Content-Type: an HTML page served as
// audio/mpeg is not media, small or large, with or without Range support.
func TestProbeHTMLServedAsAudio(t *testing.T) {
	for _, o := range []opts{{}, {noRange: true}, {noHead: true, noRange: true}} {
		for _, path := range []string{"/page.mp3", "/big-page.mp3"} {
			s := server{opts: o}
			base := newServer(t, &s)
			info, err := (&Prober{Net: local}).Probe(context.Background(), base+path)
			if !errors.Is(err, media.ErrUnknownFormat) {
				t.Errorf("Probe(%s, %+v) = %+v, %v; want ErrUnknownFormat", path, o, info, err)
			}
		}
	}
}
