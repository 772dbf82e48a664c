package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/media/cache"
)

// probeShow copies media fixtures into a show folder's audio/ directory.
func probeShow(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "audio"), 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range []string{"cbr.mp3", "vbr-noxing.mp3", "id3v24-chap.mp3", "chapters.m4a", "opus.opus", "flac.flac", "wav.wav"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "media", "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "audio", f), b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, "audio/"+f)
	}
	return dir, names
}

func TestNewProberLocalAndCached(t *testing.T) {
	dir, names := probeShow(t)
	var stderr bytes.Buffer
	e := &env{stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	want := map[string]struct {
		typ string
		ms  int64
	}{
		"audio/cbr.mp3":         {"audio/mpeg", 5328},
		"audio/vbr-noxing.mp3":  {"audio/mpeg", 4728},
		"audio/id3v24-chap.mp3": {"audio/mpeg", 5000},
		"audio/chapters.m4a":    {"audio/x-m4a", 5000},
		"audio/opus.opus":       {"audio/ogg", 4200},
		"audio/flac.flac":       {"audio/flac", 3300},
		"audio/wav.wav":         {"audio/wav", 2700},
	}
	for round := 1; round <= 2; round++ {
		p, save := newProber(e, dir, testRoot(t, dir), false, fetch.Options{})
		for _, n := range names {
			got, err := p.Probe(context.Background(), n)
			if err != nil {
				t.Fatalf("round %d: Probe(%s): %v", round, n, err)
			}
			st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(n)))
			if err != nil {
				t.Fatal(err)
			}
			if got.Length != st.Size() || got.Type != want[n].typ {
				t.Errorf("round %d: Probe(%s) = length %d type %q, want %d %q", round, n, got.Length, got.Type, st.Size(), want[n].typ)
			}
			if d := got.Duration - time.Duration(want[n].ms)*time.Millisecond; d > 50*time.Millisecond || d < -50*time.Millisecond {
				t.Errorf("round %d: Probe(%s).Duration = %v, want %dms", round, n, got.Duration, want[n].ms)
			}
			if strings.Contains(n, "chap") {
				if len(got.Chapters) != 3 || got.Chapters[1].Start != 1500 || got.Chapters[1].End != 3200 || got.Chapters[1].Title != "Middle part" {
					t.Errorf("round %d: Probe(%s).Chapters = %+v, want 3 with the second at 1500-3200 ms", round, n, got.Chapters)
				}
			}
		}
		opened := p.(*mediaProber).opened
		if round == 1 && opened != len(names) {
			t.Errorf("first build opened %d files, want %d", opened, len(names))
		}
		if round == 2 && opened != 0 {
			t.Errorf("second build opened %d media files, want 0", opened)
		}
		if err := save(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, cache.Dir, cache.Name)); err != nil {
		t.Errorf("no cache file after save: %v", err)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr = %q, want nothing (not a terminal, no warning)", stderr.String())
	}
}

func TestNewProberCorruptCache(t *testing.T) {
	dir, names := probeShow(t)
	if err := os.MkdirAll(filepath.Join(dir, cache.Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, cache.Dir, cache.Name), []byte("{oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	e := &env{stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	p, save := newProber(e, dir, testRoot(t, dir), false, fetch.Options{})
	if !strings.Contains(stderr.String(), "warning: media cache") {
		t.Errorf("stderr = %q, want a warning about the media cache", stderr.String())
	}
	if _, err := p.Probe(context.Background(), names[0]); err != nil {
		t.Errorf("Probe with a corrupt cache: %v", err)
	}
	if err := save(); err != nil {
		t.Errorf("save after a corrupt cache: %v", err)
	}
	if _, warn := cache.Load(dir); warn != nil {
		t.Errorf("the corrupt cache was not replaced: %v", warn)
	}
}

func TestNewProberRemoteOff(t *testing.T) {
	e := &env{stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
	tdir := t.TempDir()
	p, _ := newProber(e, tdir, testRoot(t, tdir), false, fetch.Options{})
	if _, err := p.Probe(context.Background(), "https://example.org/a.mp3"); err == nil || !strings.Contains(err.Error(), "--probe-remote") {
		t.Errorf("Probe(URL) without remote = %v, want an error naming --probe-remote", err)
	}
}

func TestPrefetch(t *testing.T) {
	dir, names := probeShow(t)
	e := &env{stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
	p := newMediaProber(e, dir, testRoot(t, dir), false, fetch.Options{})
	var spelled []string
	for _, n := range names {
		spelled = append(spelled, "./"+n) // another spelling of the same path
	}
	p.Prefetch(context.Background(), spelled)
	n := 0
	p.files.Opened = func(string) { n++ }
	for _, name := range names {
		if _, err := p.Probe(context.Background(), name); err != nil {
			t.Fatal(err)
		}
	}
	if n != 0 {
		t.Errorf("Probe after Prefetch opened %d files, want 0", n)
	}
	// The cache holds the clean spelling, the one Build uses.
	if err := p.save(); err != nil {
		t.Fatal(err)
	}
	c, warn := cache.Load(dir)
	if warn != nil {
		t.Fatal(warn)
	}
	if missing := (&cache.Files{FS: cache.DirFS(dir), Cache: c}).Missing(names); len(missing) != 0 {
		t.Errorf("after Prefetch and save, %d files are missing from the cache: %v", len(missing), missing)
	}
}

// runProbeCmd runs `podfeed probe args...` and returns the exit code.
func runProbeCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	app := &cli.App{
		Name: "podfeed", Writer: &stdout, ErrWriter: &stderr,
		ExitErrHandler: func(*cli.Context, error) {},
		Commands:       []*cli.Command{probeCommand(e)},
	}
	err := app.RunContext(context.Background(), append([]string{"podfeed", "probe"}, args...))
	return finish(&stderr, err), stdout.String(), stderr.String()
}

func TestProbeCommand(t *testing.T) {
	dir := filepath.Join("..", "..", "media", "testdata")
	chap := filepath.Join(dir, "id3v24-chap.mp3")
	code, out, errOut := runProbeCmd(t, chap, filepath.Join(dir, "opus.opus"))
	if code != 0 || errOut != "" {
		t.Fatalf("probe exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"  type      audio/mpeg (mp3)\n",
		"  length    20628 bytes\n",
		"  duration  00:00:05.000 (5 s, from xing)\n",
		"  title     Fixture Title\n",
		"    00:00:01.500  Middle part\n",
		"  type      audio/ogg (opus)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("probe output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runProbeCmd(t, "--json", chap)
	if code != 0 {
		t.Fatalf("probe --json exit %d", code)
	}
	var doc struct {
		Version int
		Results []probeResult
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("probe --json output is not JSON: %v\n%s", err, out)
	}
	if doc.Version != 1 || len(doc.Results) != 1 || doc.Results[0].Duration != 5 || doc.Results[0].Type != "audio/mpeg" ||
		len(doc.Results[0].Chapters) != 3 || doc.Results[0].Chapters[1].Start != 1.5 {
		t.Errorf("probe --json = %+v", doc)
	}
}

func TestProbeCommandErrors(t *testing.T) {
	text := filepath.Join(t.TempDir(), "notes.mp3")
	if err := os.WriteFile(text, []byte("just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runProbeCmd(t, text); code != 1 || !strings.Contains(errOut, "unknown media format") {
		t.Errorf("probe(text file) = exit %d, stderr %q; want 1 and the reason", code, errOut)
	}
	if code, _, errOut := runProbeCmd(t, filepath.Join(t.TempDir(), "missing.mp3")); code != 2 || !strings.Contains(errOut, "no such file") {
		t.Errorf("probe(missing) = exit %d, stderr %q; want 2", code, errOut)
	}
	if code, _, _ := runProbeCmd(t); code != 2 {
		t.Errorf("probe without arguments = exit %d, want 2", code)
	}
}

// TestProgressBar shows a bar on a terminal once more than a few files
// are probed, and none for a few files.
func TestProgressBar(t *testing.T) {
	dir, names := probeShow(t)
	for _, n := range []int{progressAfter, progressAfter + 1} {
		var stderr bytes.Buffer
		e := &env{stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
		p := newMediaProber(e, dir, testRoot(t, dir), false, fetch.Options{})
		p.tty = true // as if stderr were a terminal
		p.cache = cache.New(t.TempDir())
		p.files.Cache = p.cache
		for _, name := range names[:n] {
			if _, err := p.Probe(context.Background(), name); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.save(); err != nil {
			t.Fatal(err)
		}
		shown := strings.Contains(stderr.String(), "probing media")
		if shown != (n > progressAfter) {
			t.Errorf("after %d probes the progress bar shown = %v, want %v (stderr %q)", n, shown, n > progressAfter, stderr.String())
		}
	}
}

// TestNewProberRemote probes an audio URL (with --probe-remote) and, on
// the next build, revalidates it with the cached ETag instead of reading
// it again.
func TestNewProberRemote(t *testing.T) {
	audio, err := os.ReadFile(filepath.Join("..", "..", "media", "testdata", "cbr-info.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	var gets atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			gets.Add(1)
		}
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(audio))
	}))
	defer srv.Close()
	dir := t.TempDir()
	e := &env{stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
	for round := 1; round <= 2; round++ {
		p, save := newProber(e, dir, testRoot(t, dir), true, fetch.Options{AllowPrivate: true})
		got, err := p.Probe(context.Background(), srv.URL+"/ep.mp3")
		if err != nil {
			t.Fatal(err)
		}
		if got.Length != int64(len(audio)) || got.Type != "audio/mpeg" || got.Duration != 5300*time.Millisecond {
			t.Errorf("round %d: Probe(URL) = %d %q %v, want %d audio/mpeg 5.3s", round, got.Length, got.Type, got.Duration, len(audio))
		}
		if err := save(); err != nil {
			t.Fatal(err)
		}
		if round == 1 {
			gets.Store(0)
		}
	}
	if n := gets.Load(); n != 0 {
		t.Errorf("the second build made %d GET requests, want 0 (HEAD revalidation only)", n)
	}
}

// testRoot opens dir as an os.Root, closed when the test ends.
func testRoot(t *testing.T, dir string) *os.Root {
	t.Helper()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
