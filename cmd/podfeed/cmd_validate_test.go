package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
