package preview

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
)

func testBuild(gen int, title string, audio string) *Build {
	ch := &feed.Channel{Title: "Show <One>", Description: `<p>Hi <script>alert(1)</script><a href="https://example.org" onclick="x()">there</a></p>`,
		Items: []feed.Item{{Title: title, GUID: "a", Duration: 3852 * time.Second,
			PubDate:   time.Date(2025, 1, 27, 7, 0, 0, 0, time.UTC),
			Enclosure: &feed.Enclosure{URL: "https://example.org/a.mp3", Length: 3, Type: "audio/mpeg"},
			PSC:       []feed.PSCChapter{{Start: 200 * time.Second, Title: "Bells"}}}}}
	return &Build{Gen: gen, Dir: "show", Channel: ch,
		Findings: []Finding{{Severity: "warning", Code: "c1", Message: "about the show", Source: "show/podcast.yaml:3:1"}},
		Episodes: []Episode{{ID: "ep-1", Item: &ch.Items[0], File: "show/episodes/ep-1.md", Audio: audio,
			Findings: []Finding{{Severity: "error", Code: "c2", Message: "about <the> episode", Source: "show/episodes/ep-1.md:4:1", Feed: "feed.xml:20:7"}}}},
		Held:  []Held{{Slug: "later", Reason: "scheduled", Date: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}},
		Files: map[string][]byte{"feed.xml": []byte("<rss/>"), "chapters/ep-1.json": []byte("{}")}}
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func TestPages(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.mp3"), []byte("ID3"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.TempDir(), "secret"), []byte("no"), 0o644); err != nil { // beside the show folder, not in it
		t.Fatal(err)
	}
	s := New()
	defer s.Close()
	b := testBuild(1, "First & best", "a.mp3")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	b.Media = root.FS()
	b.Episodes = append(b.Episodes, Episode{ID: "escape", Item: b.Episodes[0].Item, Audio: "../secret"})
	s.Set(b)
	srv := httptest.NewServer(s)
	defer srv.Close()

	code, page, _ := get(t, srv.URL+"/")
	if code != 200 {
		t.Fatalf("/: %d", code)
	}
	for _, want := range []string{
		`<h1 id="show-title">Show &lt;One&gt;</h1>`,
		`<a href="/episodes/ep-1/">First &amp; best</a>`,
		`<span class="date">27 Jan 2025</span><span class="duration">1:04:12</span>`,
		`about &lt;the&gt; episode`,
		`<span class="src">show/episodes/ep-1.md:4:1</span> · feed.xml:20:7`,
		`show/podcast.yaml:3:1`,
		`<span class="t">3:20</span><span class="c">Bells</span>`,
		`<audio controls preload="none" src="/media/ep-1">`,
		`appears on the first build after 1 Jan 2030 00:00 UTC`,
		`new EventSource("/_/events")`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/ lacks %s", want)
		}
	}
	for _, bad := range []string{"alert(1)", "onclick"} {
		if strings.Contains(page, bad) {
			t.Errorf("/ has %q from the notes", bad)
		}
	}
	if code, page, _ := get(t, srv.URL+"/episodes/ep-1/"); code != 200 || !strings.Contains(page, "guid a") {
		t.Errorf("episode page: %d", code)
	}
	if code, _, _ := get(t, srv.URL+"/episodes/nope/"); code != 404 {
		t.Errorf("unknown episode: %d, want 404", code)
	}
	if code, body, h := get(t, srv.URL+"/feed/feed.xml"); code != 200 || body != "<rss/>" || !strings.HasPrefix(h.Get("Content-Type"), "application/xml") {
		t.Errorf("feed.xml: %d %q %q", code, body, h.Get("Content-Type"))
	}
	if code, body, _ := get(t, srv.URL+"/feed/chapters/ep-1.json"); code != 200 || body != "{}" {
		t.Errorf("chapters: %d %q", code, body)
	}
	if code, _, _ := get(t, srv.URL+"/feed/../../etc/passwd"); code != 404 {
		t.Errorf("path outside the outputs: %d, want 404", code)
	}
	if code, body, h := get(t, srv.URL+"/media/ep-1"); code != 200 || body != "ID3" || h.Get("Content-Type") != "audio/mpeg" {
		t.Errorf("media: %d %q %q", code, body, h.Get("Content-Type"))
	}
	if code, body, _ := get(t, srv.URL+"/media/escape"); code != 404 || body == "no" {
		t.Errorf("audio outside the show folder: %d %q, want 404", code, body)
	}
	resp, err := http.Post(srv.URL+"/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

func TestErrorsPage(t *testing.T) {
	s := New()
	defer s.Close()
	s.Set(&Build{Gen: 3, Dir: "show", Errors: []string{"show/podcast.yaml:2:8: title: expected text"}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	_, page, _ := get(t, srv.URL+"/")
	if !strings.Contains(page, "The show does not build") || !strings.Contains(page, "show/podcast.yaml:2:8: title: expected text") {
		t.Errorf("the errors page does not list the problem:\n%s", page)
	}
}

// TestLiveReload: the event stream says the current build at once and
// each new one as it is set; Close ends it.
func TestLiveReload(t *testing.T) {
	s := New()
	s.Set(testBuild(1, "A", ""))
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/_/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	next := func() string {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return "EOF"
			}
			if strings.HasPrefix(line, "data: ") {
				return strings.TrimSpace(line)
			}
		}
	}
	if got := next(); got != "data: 1" {
		t.Fatalf("first event %q, want data: 1", got)
	}
	s.Set(testBuild(2, "B", ""))
	if got := next(); got != "data: 2" {
		t.Fatalf("after Set: %q, want data: 2", got)
	}
	s.Close()
	if got := next(); got != "EOF" {
		t.Errorf("after Close: %q, want the stream to end", got)
	}
}
