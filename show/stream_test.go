package show

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/podfeed/podfeed/feed"
)

// streamShow has what the notes of a build touch: Markdown bodies, notes
// and a summary given as keys (JSON), chapters in the notes (PSC), a
// relative link (a warning: the show has no link), an episode without
// notes (a warning), two episodes of one date (ordered by GUID), a draft
// and a scheduled one.
func streamShow() fstest.MapFS {
	show := strings.Replace(goodShow, "link: https://example.org/\n", "", 1)
	return fstest.MapFS{
		"podcast.yaml":     {Data: []byte(show)},
		"episodes/a.md":    ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\nguid: a\n", "A's *notes*, see [this](more.html).\n\n00:00 Intro\n01:00 Main\n02:00 End\n"),
		"episodes/b.md":    ep("title: B\ndate: 2025-01-01\naudio: https://x.org/b.mp3\nlength: 1\nguid: b\nsummary: B in *short*\n", "B's notes"),
		"episodes/c.md":    ep("title: C\ndate: 2025-03-01\naudio: https://x.org/c.mp3\nlength: 1\n", ""),
		"episodes/d.json":  {Data: []byte(`{"title": "D", "date": "2025-02-01", "audio": "https://x.org/d.mp3", "length": 1, "notes": "D's notes, [rel](d.html)"}`)},
		"episodes/e.md":    ep("title: E\ndate: 2025-04-01\naudio: https://x.org/e.mp3\nlength: 1\nchapters: none\n", "E: 00:10 not chapters\n"),
		"episodes/wip.md":  ep("title: WIP\ndraft: true\naudio: https://x.org/w.mp3\n", "WIP notes"),
		"episodes/soon.md": ep("title: Soon\ndate: 2025-07-01\naudio: https://x.org/s.mp3\nlength: 1\n", "Soon notes"),
	}
}

// TestBuildStreamNotes: a build that renders the notes as it encodes the
// feed writes the bytes, layout, warnings and files of one that renders
// them first, and drops each item's notes once written.
func TestBuildStreamNotes(t *testing.T) {
	fsys := streamShow()
	want, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wantFeed bytes.Buffer
	wantLay, err := feed.EncodeLayout(&wantFeed, want.Channel)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(wantFeed.String(), "<psc:chapters") || !strings.Contains(wantFeed.String(), "<em>short</em>") {
		t.Fatalf("the show does not exercise chapters and summaries:\n%s", wantFeed.String())
	}

	got, err := build(t, fsys, BuildOptions{StreamNotes: true, ReleaseNotes: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range got.Channel.Items {
		if it.Description != "" || it.ContentEncoded != "" {
			t.Errorf("item %s rendered before the feed is encoded", it.Title)
		}
	}
	var gotFeed bytes.Buffer
	gotLay, err := got.EncodeFeed(&gotFeed)
	if err != nil {
		t.Fatal(err)
	}
	if gotFeed.String() != wantFeed.String() {
		t.Errorf("streamed feed:\n%s\nwant:\n%s", gotFeed.String(), wantFeed.String())
	}
	if !reflect.DeepEqual(gotLay, wantLay) {
		t.Errorf("layout %+v, want %+v", gotLay, wantLay)
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) || len(got.Warnings) < 3 {
		t.Errorf("warnings:\n%v\nwant (at least 3):\n%v", Errors(got.Warnings), Errors(want.Warnings))
	}
	if !reflect.DeepEqual(got.Files, want.Files) || !reflect.DeepEqual(got.Held, want.Held) {
		t.Errorf("files or held differ: %v %v, want %v %v", got.Files, got.Held, want.Files, want.Held)
	}
	for i, it := range got.Channel.Items {
		if it.Description != "" || it.ContentEncoded != "" {
			t.Errorf("item %s keeps its notes once written", it.Title)
		}
		w := want.Channel.Items[i]
		w.Description, w.ContentEncoded = "", ""
		if !reflect.DeepEqual(it, w) {
			t.Errorf("item %d:\n%+v\nwant\n%+v", i, it, w)
		}
		if p, q := got.ItemPlace(i, "notes"), want.ItemPlace(i, "notes"); p != q {
			t.Errorf("item %d notes at %+v, want %+v", i, p, q)
		}
	}
}

// TestBuildStreamNotesErrors: every problem is reported in one run
// whether the notes are streamed or not: with an error elsewhere, Build
// itself renders the notes for theirs.
func TestBuildStreamNotesErrors(t *testing.T) {
	fsys := streamShow()
	fsys["episodes/f.md"] = ep("title: F\ndate: 2025-13-01\naudio: https://x.org/f.mp3\nlength: 1\n", "F's notes, [rel](f.html)")
	fsys["episodes/g.md"] = ep("title: G\ndate: 2025-01-05\naudio: https://x.org/g.mp3\nlength: 1\nguid: a\n", "G")
	_, want := build(t, fsys, BuildOptions{})
	_, got := build(t, fsys, BuildOptions{StreamNotes: true, ReleaseNotes: true})
	var we, ge Errors
	if !errors.As(want, &we) || !errors.As(got, &ge) {
		t.Fatalf("errors %v / %v, want Errors", want, got)
	}
	if !reflect.DeepEqual(ge, we) || len(we) != 2 {
		t.Errorf("streamed:\n%v\nwant (2):\n%v", ge, we)
	}
}

// TestBuildNotesChangedAfterLoad: the notes are read again when rendered;
// a file changed (or gone) since Load read its front matter is an error
// at the file, streamed or not, and a streamed encode that meets it
// returns the error, which says the feed it wrote is not to be kept.
func TestBuildNotesChangedAfterLoad(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			fsys := streamShow()
			def, err := Load(fsys, ".")
			if err != nil {
				t.Fatal(err)
			}
			// Neither b's notes nor e's are read for chapters (b's hold
			// no timestamp, e has chapters: none): streamed, the
			// encode is the first to read them again.
			fsys["episodes/b.md"] = ep("title: B\ndate: 2025-01-01\naudio: https://x.org/b.mp3\nlength: 1\nguid: b\nsummary: B in *short*\n", "B's new notes")
			delete(fsys, "episodes/e.md")
			res, err := Build(context.Background(), def, BuildOptions{Now: now, StreamNotes: stream, ReleaseNotes: true})
			if stream {
				if err != nil {
					t.Fatalf("Build: %v, want the problems found by EncodeFeed", err)
				}
				_, err = res.EncodeFeed(&bytes.Buffer{})
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v, want Errors", err)
			}
			var files []string
			for _, e := range errs {
				if !strings.Contains(e.Msg, "could not be read again for its notes") {
					t.Errorf("unexpected error %v", e)
				}
				files = append(files, fmt.Sprintf("%s:%d", e.File, e.Line))
			}
			if got := strings.Join(files, " "); got != "episodes/b.md:2 episodes/e.md:2" {
				t.Errorf("errors at %s, want episodes/b.md:2 episodes/e.md:2", got)
			}
		})
	}
}

// TestBuildStreamHoldsNoNotes: from Load to the end of the encode, a
// streamed build holds neither the episodes' Markdown nor their rendered
// notes: the live heap stays a small part of the notes' size. The show is
// few episodes with long notes, so the notes dwarf everything else; the
// heap is measured after a collection, on Load's return, on Build's and
// at each write of the encoder.
func TestBuildStreamHoldsNoNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 12 MB of notes; skipped with -short")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "podcast.yaml"), []byte(goodShow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "episodes"), 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("Notes about the *harbour*, the lamp and the [keeper](https://example.org/k). ", 12) + "\n\n"
	notes := strings.Repeat(para, 16<<10/len(para))
	const n = 800
	for i := range n {
		text := fmt.Sprintf("---\ntitle: E%d\ndate: 2025-01-%02d\naudio: https://x.org/%d.mp3\nlength: 1\nguid: g%d\n---\n%s", i, 1+i%28, i, i, notes)
		if err := os.WriteFile(filepath.Join(dir, "episodes", fmt.Sprintf("e%04d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	total := int64(n * len(notes))
	live := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	base := live()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	def, err := Load(root.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	peak := map[string]int64{"Load": live() - base}
	res, err := Build(context.Background(), def, BuildOptions{Now: now, StreamNotes: true, ReleaseNotes: true})
	if err != nil {
		t.Fatal(err)
	}
	peak["Build"] = live() - base
	w := &heapWatch{live: live, base: base}
	if _, err := res.EncodeFeed(w); err != nil {
		t.Fatal(err)
	}
	peak["EncodeFeed"] = w.peak
	if w.n < 2*total {
		t.Fatalf("feed is %d bytes, want the notes twice (%d)", w.n, 2*total)
	}
	for what, grew := range peak {
		t.Logf("%s: live heap %d bytes above the start, for %d bytes of notes", what, grew, total)
		if grew > total/4 {
			t.Errorf("%s: live heap grew by %d bytes for %d bytes of notes: the build holds the notes", what, grew, total)
		}
	}
}

// heapWatch counts what is written through it and measures the live heap
// at each write.
type heapWatch struct {
	live       func() int64
	base, peak int64
	n          int64
}

func (h *heapWatch) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	h.peak = max(h.peak, h.live()-h.base)
	return len(p), nil
}
