package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Example Show</title>
    <link>https://example.com/</link>
    <description>A show about things.</description>
    <language>en</language>
    <item>
      <title>Episode&nbsp;1</title>
      <guid isPermaLink="false">ep-1</guid>
      <enclosure url="https://example.com/ep1.mp3" length="12345678" type="audio/mpeg"/>
    </item>
  </channel>
</rss>
`

// TestValidateURL fetches a feed over loopback: a temporary redirect is a
// finding, the body is validated, and private addresses need
// --allow-private.
func TestValidateURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(testFeed))
	})
	mux.HandleFunc("/missing.xml", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	runIt := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"podfeed", "validate"}, args...), strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		return code, stdout.String(), stderr.String()
	}

	code, out, errOut := runIt("--allow-private", "--fail-on", "none", srv.URL+"/old.xml")
	if code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, errOut)
	}
	if !strings.Contains(out, "redirects temporarily (HTTP 302)") || !strings.Contains(out, "[net-feed-redirect]") {
		t.Errorf("no temporary-redirect finding:\n%s", out)
	}
	if !strings.Contains(out, srv.URL+"/old.xml:9:21: error: &nbsp;") {
		t.Errorf("no positioned finding from the fetched body:\n%s", out)
	}

	if code, _, errOut := runIt("--allow-private", srv.URL+"/missing.xml"); code != 2 || !strings.Contains(errOut, "404") {
		t.Errorf("404: exit %d, stderr %q; want exit 2 naming the status", code, errOut)
	}
	if code, _, errOut := runIt(srv.URL + "/feed.xml"); code != 2 {
		t.Errorf("loopback without --allow-private: exit %d, stderr %q; want exit 2", code, errOut)
	}
	if code, _, errOut := runIt("--allow-private", "--max-size", "100B", srv.URL+"/feed.xml"); code != 2 {
		t.Errorf("over --max-size: exit %d, stderr %q; want exit 2", code, errOut)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"50MB": 50e6, "1KiB": 1024, "200mib": 200 << 20, "512k": 512e3, "1000": 1000, "1.5GB": 1.5e9} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-5MB", "0"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}

// TestValidateManyExitAndPoliteness runs many feeds from one loopback
// host: exit 0 / 1 / 2 as documented, never more than --per-host requests
// at once to the host, and a Retry-After longer than --timeout is not
// waited for.
func TestValidateManyExitAndPoliteness(t *testing.T) {
	var mu sync.Mutex
	running, peak := 0, 0
	mux := http.NewServeMux()
	mux.HandleFunc("/feed/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		running++
		peak = max(peak, running)
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		running--
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(strings.Replace(testFeed, "Episode&nbsp;1", "Episode 1", 1)))
	})
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(testFeed)) })
	mux.HandleFunc("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	runIt := func(stdin string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"podfeed", "validate", "--allow-private", "--profile", "rss"}, args...),
			strings.NewReader(stdin), &stdout, &stderr, func(string) string { return "" })
		return code, stdout.String(), stderr.String()
	}
	var list strings.Builder
	for i := range 40 {
		fmt.Fprintf(&list, "%s/feed/%d.xml\n", srv.URL, i)
	}
	code, out, errOut := runIt(list.String(), "--jobs", "16", "--per-host", "3", "--from", "-", "--format", "jsonl")
	if code != 0 || strings.Count(out, `"type":"feed"`) != 40 {
		t.Fatalf("40 clean feeds: exit %d, %d feed lines; stderr %s", code, strings.Count(out, `"type":"feed"`), errOut)
	}
	if peak > 3 || peak < 1 {
		t.Errorf("peak requests at once to one host = %d, want 1..3 (--per-host 3)", peak)
	}
	if code, _, errOut := runIt(list.String()+srv.URL+"/bad.xml\n", "--from", "-"); code != 1 {
		t.Errorf("a feed with an error: exit %d, want 1; stderr %s", code, errOut)
	}
	start := time.Now()
	code, out, _ = runIt(list.String()+srv.URL+"/bad.xml\n"+srv.URL+"/busy.xml\n", "--from", "-", "--format", "jsonl", "--timeout", "5s")
	if code != 2 || !strings.Contains(out, `"status":"fetch-failed","error":"fetching `+srv.URL+`/busy.xml: HTTP status 503"`) {
		t.Errorf("a feed that cannot be fetched: exit %d, want 2 and a fetch-failed result:\n%s", code, out)
	}
	if time.Since(start) > time.Minute {
		t.Errorf("waited %v: a Retry-After of an hour, beyond --timeout, must not be waited for", time.Since(start))
	}
	// After an hour's Retry-After, the host's other feeds fail at once
	// instead of waiting (one job, so they come after it).
	code, out, _ = runIt(srv.URL+"/busy.xml\n"+list.String(), "--jobs", "1", "--from", "-", "--format", "jsonl", "--timeout", "5s")
	if code != 2 || strings.Count(out, "asked not to be contacted before") != 40 {
		t.Errorf("after Retry-After: 3600, exit %d and %d feeds failed at once, want 2 and 40:\n%.2000s", code, strings.Count(out, "asked not to be contacted before"), out)
	}
	if code, _, errOut := runIt("", "--from", "-", "-"); code != 2 || !strings.Contains(errOut, "standard input cannot be both") {
		t.Errorf("--from - with -: exit %d, stderr %q", code, errOut)
	}
}

// yesReader is `yes`: "y\n" for ever.
type yesReader struct{ n int64 }

func (y *yesReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "y\n"[(y.n+int64(i))%2]
	}
	y.n += int64(len(p))
	return len(p), nil
}

// TestValidateStdinUnending is `yes | podfeed validate -`: the default
// --max-size (50MB) stops it with an I/O error (exit 2) after reading
// just past the cap, not after reading for ever.
func TestValidateStdinUnending(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: reads 50 MB")
	}
	y := &yesReader{}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"podfeed", "validate", "-"}, y, &stdout, &stderr, func(string) string { return "" })
	if code != 2 || !strings.Contains(stderr.String(), "standard input holds more than --max-size 50MB") {
		t.Fatalf("exit %d, stderr %q; want exit 2 and the cap named", code, stderr.String())
	}
	if y.n > 51e6 {
		t.Errorf("read %d bytes of standard input, want the 50 MB cap and a buffer more", y.n)
	}
}

// TestValidateTextKeepsWhatItPrints: the text report keeps only the
// messages it prints (textMaxDetails of a kind), yet a channel finding of
// a kind with hundreds of item findings still shows its own message, and
// the fold counts every one.
func TestValidateTextKeepsWhatItPrints(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Show</title><link>https://example.com/</link><description>D</description>
<itunes:image href="http://example.com/show.jpg"/>
`)
	for i := range 250 {
		fmt.Fprintf(&b, "<item><title>T%d</title><guid>g%d</guid><enclosure url=\"https://example.com/%d.mp3\" length=\"1\" type=\"audio/mpeg\"/><itunes:image href=\"http://example.com/%d.jpg\"/></item>\n", i, i, i, i)
	}
	b.WriteString("</channel></rss>\n")
	dir := t.TempDir()
	name := dir + "/feed.xml"
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"podfeed", "validate", "--fail-on", "none", name}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	out := stdout.String()
	if !strings.Contains(out, `feed.xml:4:15: warning: <itunes:image> href "http://example.com/show.jpg" uses http`) {
		t.Errorf("the channel's finding lost its message:\n%s", out)
	}
	if !strings.Contains(out, "… and 248 more items like this (first at 7:126, last at 254:132") {
		t.Errorf("want the 251 item-and-channel findings folded after 3 (248 more):\n%s", out)
	}
}
