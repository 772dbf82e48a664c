package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/show"
)

const urlFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Over The Wire</title><description>d</description>
<item><title>One</title><guid>w-1</guid><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate>
<enclosure url="https://cdn.example.com/1.mp3" length="100" type="audio/mpeg"/></item>
</channel></rss>`

// TestImportURL: a feed imported from its URL takes that URL as feed_url
// and pins guid to the UUIDv5 of it; after a permanent redirect, the URL
// it moved to; --feed-url names the new home but the guid stays the
// UUIDv5 of the URL the feed was known by.
func TestImportURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(urlFeed))
	})
	mux.HandleFunc("/old.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		name     string
		args     []string
		feedURL  string
		guidOf   string
		stderrRE string
	}{
		{"as fetched", []string{srv.URL + "/feed.xml"}, srv.URL + "/feed.xml", srv.URL + "/feed.xml", "no atom:link rel=\"self\": feed_url is the URL the feed was fetched from"},
		{"moved", []string{srv.URL + "/old.xml"}, srv.URL + "/feed.xml", srv.URL + "/feed.xml", "redirects permanently to " + srv.URL + "/feed.xml: using the new URL"},
		{"new home", []string{srv.URL + "/feed.xml", "--feed-url", "https://new.example.com/feed.xml"}, "https://new.example.com/feed.xml", srv.URL + "/feed.xml", "guid pinned to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "show")
			args := append([]string{"import"}, tt.args...)
			args = append(args, "--out", dir, "--allow-private")
			code, _, stderr := runCLI(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderrRE) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrRE, stderr)
			}
			yaml, err := os.ReadFile(filepath.Join(dir, "podcast.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"feed_url: " + tt.feedURL + "\n", "guid: " + show.PodcastGUID(tt.guidOf) + "\n"} {
				if !strings.Contains(string(yaml), want) {
					t.Errorf("podcast.yaml lacks %q:\n%s", want, yaml)
				}
			}
		})
	}
	// Without --allow-private the loopback server is not contacted.
	code, _, stderr := runCLI("import", srv.URL+"/feed.xml", "--out", filepath.Join(t.TempDir(), "show"))
	if code != 2 || !strings.Contains(stderr, "private") {
		t.Errorf("loopback import without --allow-private: exit %d, %s", code, stderr)
	}
}
