package validate

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podfeed/podfeed/fetch"
)

// These tests run the network rules through Run against httptest servers
// whose handlers misbehave in ways a file server cannot (HEAD refused,
// ranges ignored, temporary redirects, CMYK artwork, gzip and 304s), and
// check the run-level behaviour: the memo, MaxEpisodes, Concurrency,
// Progress and the private-address guard.

var onlineWantRe = regexp.MustCompile(`<!--\s*want\s+([a-z0-9 -]+?)\s*-->`)

// onlineWants returns code -> lines of the <!-- want … --> comments.
func onlineWants(src string) map[string][]int {
	out := map[string][]int{}
	for i, line := range strings.Split(src, "\n") {
		for _, m := range onlineWantRe.FindAllStringSubmatch(line, -1) {
			for _, code := range strings.Fields(m[1]) {
				out[code] = append(out[code], i+1)
			}
		}
	}
	return out
}

// onlineFeed builds a feed whose channel carries chanExtra and one item
// per body, dated a day apart (newest first), with {{server}} replaced.
func onlineFeed(server, chanExtra string, items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
<title>Online</title>
<link>https://example.com/</link>
<description>Online checks.</description>
`)
	b.WriteString(chanExtra + "\n")
	day := time.Date(2024, 3, 30, 10, 0, 0, 0, time.UTC)
	for i, body := range items {
		fmt.Fprintf(&b, "<item>\n<title>Episode %d</title>\n<guid isPermaLink=\"false\">ep-%d</guid>\n<pubDate>%s</pubDate>\n%s\n</item>\n",
			i+1, i+1, day.AddDate(0, 0, -i).Format(time.RFC1123Z), body)
	}
	b.WriteString("</channel>\n</rss>\n")
	return strings.ReplaceAll(b.String(), "{{server}}", server)
}

// onlineServer is a test server with a request log.
type onlineServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int // "METHOD /path"; "PROBE /path" for Range: bytes=0-1, "RANGE /path" for other ranges
}

func (s *onlineServer) count(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := r.Method
	switch rng := r.Header.Get("Range"); {
	case rng == "bytes=0-1":
		m = "PROBE" // the ranged GET every enclosure rule reads
	case rng != "":
		m = "RANGE"
	}
	s.hits[m+" "+r.URL.Path]++
}

func (s *onlineServer) hitsFor(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func (s *onlineServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.hits {
		n += v
	}
	return n
}

// media serves 4000 bytes of MP3-looking data with ranges.
func serveMedia(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "audio/mpeg")
	http.ServeContent(w, r, "ep.mp3", time.Time{}, bytes.NewReader(append([]byte("ID3"), make([]byte, 3997)...)))
}

func newOnlineServer(t *testing.T, extra map[string]http.HandlerFunc) *onlineServer {
	t.Helper()
	s := &onlineServer{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".mp3") {
			serveMedia(w, r)
			return
		}
		http.NotFound(w, r)
	})
	for p, h := range extra {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(r)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// runOnline validates src online against srv with the memo on.
func runOnline(t *testing.T, srv *onlineServer, src string, cfg Config) Result {
	t.Helper()
	cfg.Online, cfg.AllowPrivate = true, true
	if cfg.Client == nil {
		cfg.Client = srv.Client()
	}
	res, err := Run(fetch.WithMemo(context.Background()), strings.NewReader(src), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkWants compares the lines of each code in codes with the wants.
func checkWants(t *testing.T, res Result, src string, codes ...string) {
	t.Helper()
	wants := onlineWants(src)
	for _, code := range codes {
		var got []int
		var msgs []string
		for _, d := range res.Diagnostics {
			if d.Code == code {
				got = append(got, d.Pos.Line)
				msgs = append(msgs, fmt.Sprintf("%d: %s: %s", d.Pos.Line, d.Severity, d.Message))
			}
			if d.Code == "internal-error" {
				t.Errorf("internal error: %s", d.Message)
			}
		}
		want := wants[code]
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s at lines %v, want %v\n\t%s", code, got, want, strings.Join(msgs, "\n\t"))
		}
	}
}

func TestOnlineMisbehavingServers(t *testing.T) {
	cmyk := cmykJPEG(1400, 1400)
	var gray bytes.Buffer
	if err := jpeg.Encode(&gray, image.NewGray(image.Rect(0, 0, 1400, 1400)), nil); err != nil {
		t.Fatal(err)
	}
	srv := newOnlineServer(t, map[string]http.HandlerFunc{
		"/nohead.mp3": func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			serveMedia(w, r)
		},
		"/norange.mp3": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "audio/mpeg")
			w.Write(make([]byte, 4000))
		},
		"/notype.mp3": func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil // no sniffing either
			w.Header().Set("Content-Length", "4000")
			if r.Method != http.MethodHead {
				w.Write(make([]byte, 4000))
			}
		},
		"/track/": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/track"), http.StatusFound)
		},
		"/cmyk.jpg": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			http.ServeContent(w, r, "cmyk.jpg", time.Time{}, bytes.NewReader(cmyk))
		},
		"/gray.jpg": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			http.ServeContent(w, r, "gray.jpg", time.Time{}, bytes.NewReader(gray.Bytes()))
		},
		"/temp-feed": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/feed.xml", http.StatusTemporaryRedirect)
		},
		"/feed.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte("<rss/>"))
		},
		"/chapters.json": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json+chapters")
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Write([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"A"},{"startTime":12.5,"endTime":10}]}`))
		},
	})
	src := onlineFeed(srv.URL,
		`<atom:link href="{{server}}/temp-feed" rel="self" type="application/rss+xml"/> <!-- want net-feed-redirect -->
<itunes:image href="{{server}}/cmyk.jpg"/> <!-- want net-artwork -->`,
		`<enclosure url="{{server}}/nohead.mp3" length="4000" type="audio/mpeg"/> <!-- want net-enclosure-reachable -->`,
		`<enclosure url="{{server}}/norange.mp3" length="4000" type="audio/mpeg"/> <!-- want net-enclosure-byte-range -->`,
		`<enclosure url="{{server}}/notype.mp3" length="4000" type="audio/mpeg"/> <!-- want net-enclosure-content-type net-enclosure-byte-range -->`,
		`<enclosure url="{{server}}/track/ep.mp3" length="4000" type="audio/mpeg"/> <!-- want net-enclosure-redirects -->
<itunes:image href="{{server}}/gray.jpg"/> <!-- want net-artwork -->`,
		`<enclosure url="{{server}}/ok.mp3" length="4000" type="audio/mpeg"/>
<podcast:chapters url="{{server}}/chapters.json" type="application/json+chapters"/> <!-- want net-chapters-json -->`,
	)
	res := runOnline(t, srv, src, Config{})
	checkWants(t, res, src, "net-enclosure-reachable", "net-enclosure-byte-range", "net-enclosure-content-type",
		"net-enclosure-redirects", "net-enclosure-length", "net-artwork", "net-feed-redirect", "net-chapters-json", "net-feed-status")

	// The severities and the words that matter.
	want := map[string]string{
		"net-enclosure-reachable":    "warning: enclosure \"" + srv.URL + "/nohead.mp3\" answers a ranged GET but not HEAD (status 405 Method Not Allowed)",
		"net-enclosure-byte-range":   "error: enclosure \"" + srv.URL + "/norange.mp3\" answers a byte-range request (Range: bytes=0-1) with 200",
		"net-enclosure-content-type": "warning: enclosure \"" + srv.URL + "/notype.mp3\" is served without a Content-Type",
		"net-enclosure-redirects":    "info: enclosure \"" + srv.URL + "/track/ep.mp3\" is redirected: 302 to \"" + srv.URL + "/ep.mp3\"",
		"net-feed-redirect":          "warning: feed \"" + srv.URL + "/temp-feed\" answers with a temporary redirect (307",
		"net-chapters-json":          "warning: chapters file \"" + srv.URL + "/chapters.json\": chapter 2 ends at 10s, not after its start at 12.5s",
	}
	for _, d := range res.Diagnostics {
		if w, ok := want[d.Code]; ok {
			if got := d.Severity.String() + ": " + d.Message; !strings.HasPrefix(got, w) {
				t.Errorf("%s: got %q\n\twant prefix %q", d.Code, got, w)
			}
			delete(want, d.Code)
		}
	}
	var art []string
	for _, d := range res.Diagnostics {
		if d.Code == "net-artwork" {
			art = append(art, d.Message)
		}
	}
	if len(art) != 2 || !strings.Contains(art[0], "is CMYK") || !strings.Contains(art[1], "is grayscale") {
		t.Errorf("net-artwork messages = %q, want CMYK then grayscale", art)
	}
}

// cmykJPEG returns the header of a 4-component (CMYK) baseline JPEG with
// an Adobe marker, enough for DecodeConfig.
func cmykJPEG(w, h int) []byte {
	b := []byte{0xFF, 0xD8}
	adobe := []byte("Adobe\x00\x64\x00\x00\x00\x00\x00") // transform 0: CMYK
	b = append(b, 0xFF, 0xEE, 0, byte(2+len(adobe)))
	b = append(b, adobe...)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for c := 1; c <= 4; c++ {
		sof = append(sof, byte(c), 0x11, 0)
	}
	b = append(b, 0xFF, 0xC0, 0, byte(2+len(sof)))
	b = append(b, sof...)
	sos := []byte{4}
	for c := 1; c <= 4; c++ {
		sos = append(sos, byte(c), 0)
	}
	sos = append(sos, 0, 63, 0)
	b = append(b, 0xFF, 0xDA, 0, byte(2+len(sos)))
	b = append(b, sos...)
	return append(b, 0xFF, 0xD9)
}

func TestOnlineFeedCaching(t *testing.T) {
	body := []byte(`<rss version="2.0"><channel><title>T</title></channel></rss>`)
	srv := newOnlineServer(t, map[string]http.HandlerFunc{
		"/good.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Access-Control-Allow-Origin", "*")
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && r.Header.Get("Range") == "" {
				w.Header().Set("Content-Encoding", "gzip")
				zw := gzip.NewWriter(w)
				zw.Write(body)
				zw.Close()
				return
			}
			w.Write(body)
		},
		"/plain.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(body)
		},
	})
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/good.xml", nil},
		{"/plain.xml", []string{
			"sends neither ETag nor Last-Modified",
			"is not compressed",
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			src := onlineFeed(srv.URL, `<atom:link href="{{server}}`+tc.path+`" rel="self" type="application/rss+xml"/>`)
			res := runOnline(t, srv, src, Config{})
			var got []string
			for _, d := range res.Diagnostics {
				switch d.Code {
				case "net-feed-caching":
					got = append(got, d.Message)
				case "net-cors", "net-feed-content-type", "net-feed-status", "net-feed-redirect":
					if tc.path == "/good.xml" {
						t.Errorf("unexpected %s: %s", d.Code, d.Message)
					}
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("net-feed-caching = %q, want %d findings containing %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("finding %d = %q, want it to contain %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// Each URL is requested once per run (one HEAD, one ranged GET) however
// many rules judge it, when the context carries a memo.
func TestOnlineMemoSharesRequests(t *testing.T) {
	srv := newOnlineServer(t, nil)
	src := onlineFeed(srv.URL, "",
		`<enclosure url="{{server}}/a.mp3" length="4000" type="audio/mpeg"/>`,
		`<enclosure url="{{server}}/b.mp3" length="4000" type="audio/mpeg"/>`)
	runOnline(t, srv, src, Config{})
	for _, p := range []string{"/a.mp3", "/b.mp3"} {
		if h, r := srv.hitsFor("HEAD "+p), srv.hitsFor("PROBE "+p); h != 1 || r != 1 {
			t.Errorf("%s: %d HEAD and %d Range: bytes=0-1 requests, want 1 and 1", p, h, r)
		}
	}
	if n := srv.hitsFor("GET /a.mp3"); n != 0 {
		t.Errorf("/a.mp3 was downloaded %d times; enclosures are only probed", n)
	}
}

func TestOnlineNewestEpisodesOnly(t *testing.T) {
	srv := newOnlineServer(t, nil)
	var items []string
	for i := range 12 {
		items = append(items, fmt.Sprintf(`<enclosure url="{{server}}/ep%02d.mp3" length="4000" type="audio/mpeg"/>`, i+1))
	}
	src := onlineFeed(srv.URL, "", items...)
	// Put the oldest episode first in the document: it must still be skipped.
	first := strings.Index(src, "<item>")
	last := strings.LastIndex(src, "<item>")
	end := strings.LastIndex(src, "</item>") + len("</item>\n")
	src = src[:first] + src[last:end] + src[first:last] + src[end:]
	runOnline(t, srv, src, Config{MaxEpisodes: 3})
	var probed []string
	for i := range 12 {
		p := fmt.Sprintf("/ep%02d.mp3", i+1)
		if srv.hitsFor("HEAD "+p) > 0 {
			probed = append(probed, p)
		}
	}
	if diff := cmp.Diff([]string{"/ep01.mp3", "/ep02.mp3", "/ep03.mp3"}, probed); diff != "" {
		t.Errorf("probed enclosures with MaxEpisodes 3 (-want +got):\n%s", diff)
	}
}

func TestOnlineConcurrencyAndProgress(t *testing.T) {
	var inflight, peak atomic.Int32
	srv := newOnlineServer(t, map[string]http.HandlerFunc{
		"/slow/": func(w http.ResponseWriter, r *http.Request) {
			n := inflight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
			inflight.Add(-1)
			serveMedia(w, r)
		},
	})
	var items []string
	for i := range 6 {
		items = append(items, fmt.Sprintf(`<enclosure url="{{server}}/slow/%d.mp3" length="4000" type="audio/mpeg"/>`, i))
	}
	src := onlineFeed(srv.URL, "", items...)
	var mu sync.Mutex
	var calls [][2]int
	progress := func(done, total int) {
		mu.Lock()
		calls = append(calls, [2]int{done, total})
		mu.Unlock()
	}
	runOnline(t, srv, src, Config{Concurrency: 2, Progress: progress})
	if p := peak.Load(); p > 2 {
		t.Errorf("%d requests in flight at once, want at most Concurrency 2", p)
	}
	if len(calls) == 0 {
		t.Fatal("Progress was never called")
	}
	sawEnclosures := false
	for _, c := range calls {
		if c[0] < 1 || c[0] > c[1] {
			t.Errorf("Progress(%d, %d): done out of range", c[0], c[1])
		}
		if c == [2]int{6, 6} {
			sawEnclosures = true
		}
	}
	if !sawEnclosures {
		t.Errorf("Progress never reported 6 of 6 enclosures: %v", calls)
	}
}

// Without AllowPrivate nothing on loopback is contacted, and the findings
// say why.
func TestOnlinePrivateAddressRefused(t *testing.T) {
	srv := newOnlineServer(t, nil)
	src := onlineFeed(srv.URL, `<itunes:image href="{{server}}/art.jpg"/> <!-- want net-artwork -->`,
		`<enclosure url="{{server}}/ep.mp3" length="4000" type="audio/mpeg"/> <!-- want net-enclosure-reachable -->`)
	res, err := Run(context.Background(), strings.NewReader(src), Config{Online: true, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	checkWants(t, res, src, "net-enclosure-reachable", "net-artwork")
	for _, d := range res.Diagnostics {
		if d.Code == "net-enclosure-reachable" && !strings.Contains(d.Message, "loopback address 127.0.0.1") {
			t.Errorf("message %q does not say the loopback address was refused", d.Message)
		}
	}
	if n := srv.total(); n != 0 {
		t.Errorf("server got %d requests, want 0", n)
	}
}

// Offline runs make no request at all.
func TestOfflineMakesNoRequests(t *testing.T) {
	srv := newOnlineServer(t, nil)
	src := onlineFeed(srv.URL, `<atom:link href="{{server}}/feed.xml" rel="self" type="application/rss+xml"/>`,
		`<enclosure url="{{server}}/ep.mp3" length="4000" type="audio/mpeg"/>`)
	res, err := Run(context.Background(), strings.NewReader(src), Config{AllowPrivate: true, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.Code, "net-") {
			t.Errorf("offline run reported %s: %s", d.Code, d.Message)
		}
	}
	if n := srv.total(); n != 0 {
		t.Errorf("offline run made %d requests", n)
	}
}

func TestSniffImage(t *testing.T) {
	enc := func(m image.Image) []byte {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, m, nil); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pngChunk := func(b []byte, typ string, data []byte) []byte {
		b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
		c := append([]byte(typ), data...)
		b = append(b, c...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(c))
	}
	png := func(colourType byte) []byte {
		b := pngChunk([]byte("\x89PNG\r\n\x1a\n"), "IHDR", []byte{0, 0, 5, 0x78, 0, 0, 5, 0x78, 8, colourType, 0, 0, 0})
		if colourType == 3 {
			b = pngChunk(b, "PLTE", []byte{1, 2, 3})
		}
		return pngChunk(b, "IDAT", nil)
	}
	tests := []struct {
		name   string
		data   []byte
		format string
		colour string
		alpha  bool
		w      int
	}{
		{"jpeg rgb", enc(image.NewRGBA(image.Rect(0, 0, 64, 64))), "jpeg", "rgb", false, 64},
		{"jpeg gray", enc(image.NewGray(image.Rect(0, 0, 32, 32))), "jpeg", "gray", false, 32},
		{"jpeg cmyk", cmykJPEG(1400, 1400), "jpeg", "cmyk", false, 1400},
		{"png rgb", png(2), "png", "rgb", false, 1400},
		{"png palette", png(3), "png", "rgb", false, 1400},
		{"png rgba", png(6), "png", "rgb", true, 1400},
		{"png gray", png(0), "png", "gray", false, 1400},
		{"png gray alpha", png(4), "png", "gray", true, 1400},
		{"gif", []byte("GIF89a\x10\x00\x10\x00"), "gif", "", false, 0},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "webp", "", false, 0},
		{"html", []byte("<html>"), "", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im := netSniffImage(tt.data)
			if im.format != tt.format || im.colour != tt.colour || im.alpha != tt.alpha || im.width != tt.w {
				t.Errorf("netSniffImage = %+v, want format %q colour %q alpha %v width %d", im, tt.format, tt.colour, tt.alpha, tt.w)
			}
		})
	}
}

func TestCheckChaptersJSON(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []string // "E …"/"W …" message prefixes
	}{
		{"valid", `{"version":"1.2.0","chapters":[{"startTime":0},{"startTime":5.5,"endTime":9}]}`, nil},
		{"not json", `<xml/>`, []string{"E not a JSON object"}},
		{"array", `[1,2]`, []string{"E not a JSON object"}},
		{"version number", `{"version":1.2,"chapters":[]}`, []string{`E "version" is not a string but a number 1.2`}},
		{"no chapters", `{"version":"1.2.0"}`, []string{`E no "chapters" array`}},
		{"string start", `{"version":"1.2.0","chapters":[{"startTime":"0:00"}]}`, []string{`E chapter 1 has a "startTime" that is not a number`}},
		{"order and end", `{"version":"1.2.0","chapters":[{"startTime":10},{"startTime":5,"endTime":5}]}`,
			[]string{"W chapter 2 starts at 5s, before chapter 1", "W chapter 2 ends at 5s"}},
		{"location", `{"version":"1.2.0","chapters":[{"startTime":0,"location":{"name":"Here","osm":5}}]}`,
			[]string{`E chapter 1 location has no "geo"`, `W chapter 1 location "osm" is not a string`}},
		{"types", `{"version":"1.2.0","title":7,"waypoints":"yes","chapters":[]}`,
			[]string{`W "title" is not a string`, `W "waypoints" is not a boolean`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := netCheckChaptersJSON([]byte(tt.json))
			if len(got) != len(tt.want) {
				t.Fatalf("netCheckChaptersJSON(%s) = %v, want %d findings %q", tt.json, got, len(tt.want), tt.want)
			}
			for i, f := range got {
				s := map[Severity]string{Error: "E ", Warning: "W ", Info: "I "}[f.sev] + f.msg
				if !strings.HasPrefix(s, tt.want[i]) {
					t.Errorf("finding %d = %q, want prefix %q", i, s, tt.want[i])
				}
			}
		})
	}
}

func TestSniffTranscript(t *testing.T) {
	seg, _ := json.Marshal(map[string]any{"segments": []any{map[string]any{"startTime": 0, "body": "hi"}}})
	tests := []struct {
		in    string
		kind  string
		timed bool
	}{
		{"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n", "vtt", true},
		{"\ufeffWEBVTT\n", "vtt", false},
		{"1\n00:00:00,000 --> 00:00:02,000\nHello\n", "srt", true},
		{string(seg), "json", true},
		{`{"text":"hi"}`, "json", false},
		{"<p>Hello</p>", "html", false},
		{"Hello, and welcome.", "text", false},
	}
	for _, tt := range tests {
		kind, timed := netSniffTranscript([]byte(tt.in))
		if kind != tt.kind || timed != tt.timed {
			t.Errorf("netSniffTranscript(%q) = %q, %v; want %q, %v", tt.in, kind, timed, tt.kind, tt.timed)
		}
	}
}

func TestMediaFamily(t *testing.T) {
	same := [][2]string{{"audio/mp3", "audio/mpeg"}, {"audio/x-m4a", "audio/mp4"}, {"audio/mpeg; charset=binary", "audio/mpeg"}, {"AUDIO/MPEG", "audio/mpeg"}}
	for _, p := range same {
		if netMediaFamily(p[0]) != netMediaFamily(p[1]) {
			t.Errorf("netMediaFamily(%q) != netMediaFamily(%q), want equal", p[0], p[1])
		}
	}
	if netMediaFamily("video/mp4") == netMediaFamily("audio/mpeg") {
		t.Error("video/mp4 and audio/mpeg compare equal")
	}
}

// An episode without an enclosure still counts as one of the newest.
func TestOnlineNewestCountsEveryEpisode(t *testing.T) {
	srv := newOnlineServer(t, nil)
	src := onlineFeed(srv.URL, "",
		`<description>A text-only announcement.</description>`,
		`<enclosure url="{{server}}/second.mp3" length="4000" type="audio/mpeg"/>`,
		`<enclosure url="{{server}}/third.mp3" length="4000" type="audio/mpeg"/>`)
	runOnline(t, srv, src, Config{MaxEpisodes: 2})
	if srv.hitsFor("HEAD /second.mp3") != 1 || srv.hitsFor("HEAD /third.mp3") != 0 {
		t.Errorf("HEAD requests: second %d, third %d; want 1 and 0 (MaxEpisodes 2 covers the announcement and the second episode)",
			srv.hitsFor("HEAD /second.mp3"), srv.hitsFor("HEAD /third.mp3"))
	}
	// The media probe still analyses the newest episode that has a file.
	if srv.hitsFor("RANGE /second.mp3") == 0 {
		t.Errorf("net-media-probe did not read the newest enclosure")
	}
}

func TestProxyHost(t *testing.T) {
	tests := map[string]string{
		"https://feeds.feedburner.com/show":        "feeds.feedburner.com",
		"http://FeedProxy.Google.com/~r/show/~3/x": "feedproxy.google.com",
		"https://feedburner.com/x":                 "feedburner.com",
		"https://notfeedburner.com/x":              "",
		"https://example.com/feedburner.com":       "",
		"::bad":                                    "",
	}
	for in, want := range tests {
		if got := netProxyHost(in); got != want {
			t.Errorf("netProxyHost(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOnlineFeedSizeThreshold checks Config.FeedSizeWarn: 0 is the 5 MB
// default, a negative value turns net-feed-size off, any other value is
// the limit.
func TestOnlineFeedSizeThreshold(t *testing.T) {
	srv := httptest.NewServer(fixtureHandler(filepath.Join("testdata", "net-feed-size", "files")))
	t.Cleanup(srv.Close)
	feedAt := func(path string) string {
		return onlineFeed(srv.URL, `<atom:link href="{{server}}`+path+`" rel="self" type="application/rss+xml"/>`)
	}
	for _, tc := range []struct {
		path  string
		limit int64
		want  int
	}{
		{"/huge/feed.xml", 0, 1},
		{"/huge/feed.xml", -1, 0},
		{"/huge/feed.xml", 6_000_000, 0},
		{"/huge/feed.xml", 5_999_999, 1},
		{"/feed.xml", 0, 0},
		{"/feed.xml", 10, 1},
	} {
		res, err := Run(fetch.WithMemo(context.Background()), strings.NewReader(feedAt(tc.path)),
			Config{Online: true, AllowPrivate: true, Client: srv.Client(), FeedSizeWarn: tc.limit})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diagnostics {
			if d.Code == "net-feed-size" {
				got = append(got, d.Message)
			}
		}
		if len(got) != tc.want {
			t.Errorf("%s with FeedSizeWarn %d: net-feed-size %q, want %d finding(s)", tc.path, tc.limit, got, tc.want)
		}
	}
}
