package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/publish"
)

// runWith runs the CLI as run does, with the test hooks of e set.
func runWith(t *testing.T, e *env, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e.stdin, e.stdout, e.stderr = strings.NewReader(""), &stdout, &stderr
	e.getenv = func(string) string { return "" }
	e.now = time.Now
	app := newApp(e)
	args, err := prepareArgs(app, append([]string{"podfeed"}, args...))
	if err == nil {
		err = app.RunContext(context.Background(), args)
	}
	return finish(&stderr, err), stderr.String()
}

// bigNotesShow writes a show of n episodes with about kb KB of notes each
// into dir.
func bigNotesShow(t *testing.T, dir string, n, kb int) {
	t.Helper()
	yaml := "title: Big Notes\ndescription: Episodes with long notes.\nlanguage: en\nlink: https://example.org/\n" +
		"feed_url: https://example.org/feed.xml\nguid: 4b2fca53-6cd2-5a8f-9c4e-0b8f0d1b6a11\nauthor: Someone\n" +
		"owner: {name: Someone, email: someone@example.org}\nimage: https://example.org/art.jpg\ncategories: [Technology]\nexplicit: false\n"
	if err := os.MkdirAll(filepath.Join(dir, "episodes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "podcast.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("Notes about the harbour, the lamp and the keeper who minds it. ", 16) + "\n\n"
	notes := strings.Repeat(para, kb*1024/len(para)+1)
	for i := 1; i <= n; i++ {
		ep := fmt.Sprintf("---\ntitle: Episode %d\ndate: 2024-01-%02dT%02d:%02d:00Z\naudio: https://media.example.org/ep%d.mp3\nlength: %d\ntype: audio/mpeg\nduration: 1800\nguid: ep-%d\n---\n%s",
			i, 1+i%28, i%24, i%60, i, 1000+i, i, notes)
		if err := os.WriteFile(filepath.Join(dir, "episodes", fmt.Sprintf("ep%04d.md", i)), []byte(ep), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// noTemps fails when dir holds a temporary file of podfeed's.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if publish.IsTemp(e.Name()) {
			t.Errorf("temporary file left in %s: %s", dir, e.Name())
		}
	}
}

// failingAfter fails every write once n bytes went through, as a disk
// that fills up.
type failingAfter struct {
	w io.Writer
	n int
}

func (f *failingAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n, _ := f.w.Write(p[:f.n])
		f.n = 0
		return n, errors.New("no space left on device (test)")
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// TestBuildFeedWriteFailsMidway: a write of the feed that fails midway
// through (after a few hundred KB were written to its temporary file) is
// an I/O error (exit 2) that leaves the published feed as it was, with its
// time, and no temporary file; into a new folder it leaves no folder.
func TestBuildFeedWriteFailsMidway(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "show")
	bigNotesShow(t, dir, 40, 16)
	out := filepath.Join(t.TempDir(), "public")
	if code, stderr := runWith(t, &env{}, "build", "--quiet", "--now", "2025-01-01", "--out", out, dir); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(out, "feed.xml"), old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "episodes", "ep0001.md"), []byte("---\ntitle: Changed\ndate: 2024-01-01\naudio: https://media.example.org/x.mp3\nlength: 9\nguid: ep-1\n---\nNew notes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fail := func(w io.Writer) io.Writer { return &failingAfter{w: w, n: 300 << 10} }
	code, stderr := runWith(t, &env{feedWriter: fail}, "build", "--quiet", "--now", "2025-01-01", "--out", out, dir)
	if code != 2 || !strings.Contains(stderr, "no space left on device (test)") {
		t.Fatalf("build whose feed write fails: exit %d, want 2 naming the failure\n%s", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil || !bytes.Equal(after, before) {
		t.Errorf("published feed changed by a failed build (%v)", err)
	}
	if fi, err := os.Stat(filepath.Join(out, "feed.xml")); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("published feed touched by a failed build: %v", err)
	}
	noTemps(t, out)

	fresh := filepath.Join(t.TempDir(), "new")
	code, stderr = runWith(t, &env{feedWriter: fail}, "build", "--quiet", "--now", "2025-01-01", "--out", fresh, dir)
	if code != 2 {
		t.Fatalf("build into a new folder whose feed write fails: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the output folder the failed build made is still there (%v)", err)
	}
}

// TestBuildHeapHoldsNoFeed: once the gate has passed the feed, the build
// holds neither the feed's bytes nor the notes: the live heap then is a
// small part of the feed's size. The show has few episodes with long
// notes, so that the feed (about 25 MB: each episode's notes twice) dwarfs
// everything else the build keeps; before the feed was streamed, the heap
// held all of it there. The heap is measured after a collection, so the
// figure is what is live, not what the collector has yet to free; tests
// that do not run in parallel run alone.
func TestBuildHeapHoldsNoFeed(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 25 MB feed; skipped with -short")
	}
	dir := filepath.Join(t.TempDir(), "show")
	bigNotesShow(t, dir, 200, 64)
	out := filepath.Join(t.TempDir(), "public")
	var live uint64
	e := &env{gated: func() {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		live = m.HeapAlloc
	}}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	if code, stderr := runWith(t, e, "build", "--quiet", "--now", "2025-01-01", "--out", out, dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	fi, err := os.Stat(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 20<<20 {
		t.Fatalf("feed is %d bytes; the test needs one above 20 MB", fi.Size())
	}
	grew := int64(live) - int64(base)
	t.Logf("feed %d bytes; live heap after the gate %d bytes above the %d before the build", fi.Size(), grew, base)
	if grew > fi.Size()/8 {
		t.Errorf("live heap after the gate grew by %d bytes for a feed of %d: the build holds the feed or its notes", grew, fi.Size())
	}
	noTemps(t, out)
}

// touchOnWrite changes every episode file of a show at the feed's first
// write, as an editor saving them while the build runs.
type touchOnWrite struct {
	t    *testing.T
	w    io.Writer
	dir  string
	done bool
}

func (o *touchOnWrite) Write(p []byte) (int, error) {
	if !o.done {
		o.done = true
		names, err := filepath.Glob(filepath.Join(o.dir, "episodes", "*.md"))
		if err != nil || len(names) == 0 {
			o.t.Errorf("no episodes to change (%v)", err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err == nil {
				err = os.WriteFile(name, append(b, "\nChanged.\n"...), 0o644)
			}
			if err != nil {
				o.t.Error(err)
			}
		}
	}
	return o.w.Write(p)
}

// TestBuildNotesChangeDuringEncode: the show notes are read again as the
// feed is encoded; episode files changed meanwhile are definition errors
// (exit 1) naming each file, and the build writes nothing: the published
// feed keeps its bytes and time, no temporary file is left, and a new
// output folder is not made.
func TestBuildNotesChangeDuringEncode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "show")
	bigNotesShow(t, dir, 300, 4)
	out := filepath.Join(t.TempDir(), "public")
	if code, stderr := runWith(t, &env{}, "build", "--quiet", "--now", "2025-01-01", "--out", out, dir); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(out, "feed.xml"), old, old); err != nil {
		t.Fatal(err)
	}
	touch := func(w io.Writer) io.Writer { return &touchOnWrite{t: t, w: w, dir: dir} }
	code, stderr := runWith(t, &env{feedWriter: touch}, "build", "--quiet", "--now", "2025-01-01", "--out", out, dir)
	if code != 1 || !strings.Contains(stderr, "could not be read again for its notes (it changed)") || !strings.Contains(stderr, "nothing was written") {
		t.Fatalf("build whose episodes change while the feed is encoded: exit %d, want 1 naming the files\n%s", code, stderr)
	}
	if !strings.Contains(stderr, filepath.Join(dir, "episodes", "ep0001.md")+":2:1: ") {
		t.Errorf("an episode encoded after the change is not named at its file:\n%s", stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil || !bytes.Equal(after, before) {
		t.Errorf("published feed changed by a failed build (%v)", err)
	}
	if fi, err := os.Stat(filepath.Join(out, "feed.xml")); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("published feed touched by a failed build: %v", err)
	}
	noTemps(t, out)

	fresh := filepath.Join(t.TempDir(), "new")
	code, stderr = runWith(t, &env{feedWriter: touch}, "build", "--quiet", "--now", "2025-01-01", "--out", fresh, dir)
	if code != 1 {
		t.Fatalf("build into a new folder whose episodes change: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the output folder the failed build made is still there (%v)", err)
	}
}
