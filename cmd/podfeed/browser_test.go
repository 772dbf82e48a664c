package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/podfeed/podfeed/internal/corpus"
)

// The three pages in a real browser: headless Chromium (Debian's chromium
// package; .ci/run installs it) driven over the DevTools protocol by
// chromedp. Every page is served from a loopback server, and Chromium
// resolves no other host, so nothing leaves the machine.
//
// Each test keeps a screenshot as its artefact, in
// $TMPDIR/podfeed-browser-tests/ (the path is logged), and checks it is a
// PNG of the window's width that is not blank. With -screenshots they are
// also written to docs/img/, where the README shows them.

var screenshots = flag.Bool("screenshots", false, "write the browser tests' screenshots to docs/img/ as well")

// newBrowser starts Chromium and returns a context to run chromedp
// actions in. It skips the test, saying why, when no Chromium is there.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	var exe string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Skip("no Chromium here (Debian package chromium; .ci/run installs it): the pages are not checked in a browser")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Artwork and audio URLs of the example point at example.org:
		// they fail at once instead of waiting on a network there is not.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	// The first run's context lives as long as the browser: its
	// timeout bounds the whole test's use of it.
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTimeout := context.WithTimeout(actx, 3*time.Minute)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancelCtx(); cancelTimeout(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// keepScreenshot saves a full-page screenshot as the test's artefact
// (and in docs/img with -screenshots), and checks that it is a PNG as
// wide as the window, of a sane size, and not blank.
func keepScreenshot(t *testing.T, ctx context.Context, name string, width int) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := filepath.Join(os.TempDir(), "podfeed-browser-tests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", p, len(buf))
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != width || b.Dy() < 300 || b.Dy() > 40000 {
		t.Errorf("screenshot is %dx%d, want %d wide and 300 to 40,000 high", b.Dx(), b.Dy(), width)
	}
	if len(buf) < 20_000 || len(buf) > 20_000_000 {
		t.Errorf("screenshot is %d bytes: not a rendered page", len(buf))
	}
	if n := colours(img); n < 50 {
		t.Errorf("screenshot has %d colours: a blank page", n)
	}
	if *screenshots {
		dst := filepath.Join(repoRoot(), "docs", "img", name+".png")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// colours counts the distinct colours of a sample of img's pixels.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// hideXSLTBanner closes the notice Chromium 156 lays over every page made
// by XSLT ("being removed from this browser very soon"), as its close
// button would, so the screenshot shows the page under it.
func hideXSLTBanner(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("xslt-warning-banner").forEach(function (b) { b.remove(); })`))
	return err
}

// publicServer serves a build's output folder with the types a host
// should use for the feed and its stylesheet: Chromium shows a feed served
// as application/rss+xml as plain text and applies no stylesheet, so the
// feed goes as application/xml (which apps and the validator accept too).
func publicServer(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	types := map[string]string{".xml": "application/xml; charset=utf-8", ".xsl": "text/xsl", ".json": "application/json"}
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct, ok := types[path.Ext(r.URL.Path)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// texts returns the text of every element matching a CSS selector.
func texts(ctx context.Context, selector string) ([]string, error) {
	js := fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (e) { return e.textContent.trim(); })`, selector)
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
}

// feedItems reads each item's title and its psc chapter starts from a feed.
func feedItems(t *testing.T, feedXML []byte) (titles []string, chapters map[string][]string) {
	t.Helper()
	chapters = map[string][]string{}
	item := regexp.MustCompile(`(?s)<item>.*?</item>`)
	title := regexp.MustCompile(`<title>([^<]*)</title>`)
	start := regexp.MustCompile(`<psc:chapter start="([^"]*)"`)
	for _, it := range item.FindAll(feedXML, -1) {
		m := title.FindSubmatch(it)
		if m == nil {
			t.Fatalf("an item without a plain title in the example feed:\n%s", it)
		}
		name := htmlUnescape(string(m[1]))
		titles = append(titles, name)
		for _, s := range start.FindAllSubmatch(it, -1) {
			chapters[name] = append(chapters[name], string(s[1]))
		}
	}
	return titles, chapters
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// pscClock turns a psc start "01:01:30.000" into the page's "1:01:30".
func pscClock(start string) string {
	s, _, _ := strings.Cut(start, ".")
	s = strings.TrimPrefix(s, "00:")
	return strings.TrimPrefix(s, "0")
}

// TestBrowserStyledFeed builds the example show as a user would and opens
// its feed.xml in Chromium from a web server: the page feed.xsl makes
// shows every episode title and the chapter times, and no XSLT error.
func TestBrowserStyledFeed(t *testing.T) {
	ctx := newBrowser(t, 1000, 900)
	out := t.TempDir()
	if code, stderr := buildExample(t, out); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	feedXML := readFile(t, filepath.Join(out, "feed.xml"))
	titles, chapters := feedItems(t, feedXML)
	if len(titles) < 3 || len(chapters) == 0 {
		t.Fatalf("the example feed has %d items and %d with chapters: too little to test with", len(titles), len(chapters))
	}
	srv := publicServer(t, out)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/feed.xml"), chromedp.WaitVisible(chromedp.CSS("#show-title"))); err != nil {
		t.Fatalf("the styled feed did not render: %v", err)
	}
	root, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.nodeName`))
	if err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Error loading stylesheet", "XSLT", "This page contains the following errors", "does not appear to have any style information"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page says %q: the stylesheet failed", bad)
		}
	}
	if parserErrors, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementsByTagName("parsererror").length`)); err != nil || parserErrors > 0 {
		t.Errorf("the page has %d parsererror elements (err %v)", parserErrors, err)
	}
	if root != "HTML" {
		t.Errorf("the document is <%s>, not the HTML page feed.xsl makes", root)
	}

	shown, err := texts(ctx, ".episode-title")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shown, titles) {
		t.Errorf("episode titles on the page:\n%q\nwant the feed's, in its order:\n%q", shown, titles)
	}
	// The chapter times of each episode with chapters, in order.
	for i, title := range titles {
		want := chapters[title]
		if len(want) == 0 {
			continue
		}
		got, err := texts(ctx, fmt.Sprintf("#episode-%d .chapters .t", i+1))
		if err != nil {
			t.Fatal(err)
		}
		var wantClock []string
		for _, s := range want {
			wantClock = append(wantClock, pscClock(s))
		}
		if !slices.Equal(got, wantClock) {
			t.Errorf("%q: chapter times %q, want %q", title, got, wantClock)
		}
	}
	players, err := texts(ctx, "audio")
	if err != nil || len(players) != len(titles) {
		t.Errorf("%d audio players for %d episodes (err %v)", len(players), len(titles), err)
	}
	if err := hideXSLTBanner(ctx); err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, ctx, "styled-feed", 1000)
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs 'podfeed serve --port 0 DIR' in the process and returns
// its URL; the server stops when the test ends.
func startServe(t *testing.T, dir string, extra ...string) (url string, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	args := append(append([]string{"podfeed", "serve", "--port", "0"}, extra...), dir)
	go func() {
		done <- run(ctx, args, strings.NewReader(""), &bytes.Buffer{}, stderr, func(string) string { return "" })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exit %d:\n%s", code, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Errorf("serve did not stop within 10 s of its context's end")
		}
	})
	addr := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+/)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before serving:\n%s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve said no address within 30 s:\n%s", stderr.String())
	return "", nil
}

// TestBrowserServe previews a copy of the example with 'podfeed serve':
// the page shows the episodes with the validator's findings at their show
// file and line, and after an episode file changes, the open page shows
// the change by itself. Nothing is written into the show folder.
func TestBrowserServe(t *testing.T) {
	ctx := newBrowser(t, 1000, 900)
	dir := exampleCopy(t)
	before := readTree(t, dir)
	url, stderr := startServe(t, dir, "--now", "2025-11-25T00:00:00Z")

	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#show-title"))); err != nil {
		t.Fatalf("the preview did not render: %v\n%s", err, stderr.String())
	}
	titles, err := texts(ctx, ".episode-title")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(titles, "Fog Signals") || len(titles) != 4 {
		t.Fatalf("episode titles %q: want the example's four published episodes, Fog Signals among them", titles)
	}
	// Findings sit under the episode they concern, at its file.
	srcs, err := texts(ctx, "#ep-003-fog-signals .finding .src")
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) == 0 {
		t.Errorf("no finding under the Fog Signals episode (the validator reports its <br> notes)")
	}
	// The one about the notes' markup is where the notes start: the line
	// after the front matter.
	src := readFile(t, filepath.Join(dir, "episodes", "003-fog-signals.md"))
	body := bytes.Count(src[:bytes.Index(src[3:], []byte("\n---\n"))+3+5], []byte("\n")) + 1
	wantSrc := fmt.Sprintf("%s:%d:1", filepath.Join(dir, "episodes", "003-fog-signals.md"), body)
	if !slices.Contains(srcs, wantSrc) {
		t.Errorf("findings under Fog Signals are placed at %q; want one at %s, where its notes start", srcs, wantSrc)
	}
	held, err := texts(ctx, ".held")
	if err != nil || len(held) != 2 {
		t.Errorf("held back: %q (err %v), want the draft and the scheduled episode", held, err)
	}

	// An edit in an episode file: the open page follows.
	ep := filepath.Join(dir, "episodes", "003-fog-signals.md")
	edited := bytes.Replace(src, []byte("title: Fog Signals\n"), []byte("title: Fog Signals, Bells and Sirens\n"), 1)
	if bytes.Equal(edited, src) {
		t.Fatal("the example's episode file has no 'title: Fog Signals' line to edit")
	}
	if err := os.WriteFile(ep, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	// The page reloads itself: ask it until it shows the new title (a
	// question asked while it reloads fails, and is asked again).
	var reloaded bool
	for deadline := time.Now().Add(20 * time.Second); !reloaded && time.Now().Before(deadline); {
		reloaded, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll(".episode-title")).some(function (e) { return e.textContent.trim() === "Fog Signals, Bells and Sirens"; })`))
		if !reloaded {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !reloaded {
		t.Fatalf("the page did not show the edit within 20 s (last err %v):\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "build 2:") {
		t.Errorf("serve did not report a second build:\n%s", stderr.String())
	}
	keepScreenshot(t, ctx, "serve", 1000)

	// The episode's own page.
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"episodes/003-fog-signals/")); err != nil {
		t.Fatal(err)
	}
	epTitle, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".episode-title")))
	if err != nil {
		t.Fatal(err)
	}
	if epTitle != "Fog Signals, Bells and Sirens" {
		t.Errorf("episode page title %q", epTitle)
	}

	// Nothing written: the folder is as it was but for the edit.
	after := readTree(t, dir)
	before["episodes/003-fog-signals.md"] = edited
	if len(after) != len(before) {
		var names []string
		for n := range after {
			if _, ok := before[n]; !ok {
				names = append(names, n)
			}
		}
		t.Errorf("serve wrote into the show folder: %q", names)
	}
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("serve changed %s", n)
		}
	}
}

// TestBrowserHTMLReport validates a corpus feed with errors as a user
// would (validate --format html > report.html), opens the report in
// Chromium at a phone's width, and finds each error there with its line.
func TestBrowserHTMLReport(t *testing.T) {
	feedPath := filepath.Join(corpus.Dir(t), "feeds", "gnome-podcasts_ndr-nachrichtenlage.xml")
	ctx := newBrowser(t, 800, 900)
	validateCLI := func(format string) []byte {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"podfeed", "validate", "--format", format, feedPath}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		if code != 1 {
			t.Fatalf("validate --format %s: exit %d, want 1 (the feed has errors)\n%s", format, code, stderr.String())
		}
		return stdout.Bytes()
	}
	var rep struct {
		Findings []struct {
			Severity string
			Code     string
			Message  string
			Line     int
			Column   int
		}
	}
	if err := json.Unmarshal(validateCLI("json"), &rep); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range rep.Findings {
		if f.Severity == "error" {
			want = append(want, fmt.Sprintf("%s line %d, column %d", f.Code, f.Line, f.Column))
		}
	}
	if len(want) < 2 {
		t.Fatalf("the feed has %d errors: pick one with more", len(want))
	}
	page := validateCLI("html")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := publicServer(t, dir)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(412, 900, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/report.html"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("the report did not render: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".finding.error")).map(function (f) {
			var code = f.querySelector("code").textContent.replace(/[\[\]]/g, "");
			var where = f.querySelector(".where").textContent.split(" · ")[0];
			var hit = f.querySelector(".source tr.hit .ln");
			return code + " " + where + (hit ? "" : " (no source line)") + (hit && where.indexOf("line " + hit.textContent + ",") !== 0 ? " (highlights line " + hit.textContent + ")" : "");
		})`))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("errors on the page, each with its highlighted source line:\n%q\nwant validate's:\n%q", got, want)
	}
	// Readable on a phone: nothing wider than the screen but the source
	// blocks, which scroll inside themselves.
	if overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)); err != nil || overflow {
		t.Errorf("the page is wider than a 412-pixel screen (err %v)", err)
	}
	if requests, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(function (r) { return r.name; })`)); err != nil || len(requests) != 0 {
		t.Errorf("the report fetched %q; it must be self-contained (err %v)", requests, err)
	}
	keepScreenshot(t, ctx, "html-report", 412)
}
