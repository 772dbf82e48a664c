package show

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/podfeed/podfeed/chapters"
)

// fakeEmbedder records what Build asks of it; length is what each file
// becomes, err (when set) is returned for every call.
type fakeEmbedder struct {
	mu     sync.Mutex
	calls  map[string][]chapters.Chapter
	places map[string]bool
	err    error
}

func (f *fakeEmbedder) Embed(_ context.Context, src string, chs []chapters.Chapter, inPlace bool) (Embedded, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls, f.places = map[string][]chapters.Chapter{}, map[string]bool{}
	}
	f.calls[src], f.places[src] = chs, inPlace
	if f.err != nil {
		return Embedded{}, f.err
	}
	return Embedded{Length: 5555, Notes: []string{"a note"}}, nil
}

const embedNotes = "Notes.\n\n- 00:00 Intro\n- 01:00 Middle\n- 02:00 End\n"

func TestBuildEmbed(t *testing.T) {
	p := fakeProber{
		"audio/a.mp3":  {Length: 1000, Type: "audio/mpeg", Duration: 10 * time.Minute},
		"audio/b.m4a":  {Length: 2000, Type: "audio/x-m4a", Duration: 10 * time.Minute},
		"audio/c.opus": {Length: 3000, Type: "audio/ogg", Duration: 10 * time.Minute},
	}
	show := goodShow + "chapter_formats: [podcast-json, id3, vorbis]\n"
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(show)},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: audio/a.mp3\n", embedNotes),
		"episodes/b.md": ep("title: B\ndate: 2025-01-02\naudio: audio/b.m4a\n", embedNotes),
		"episodes/c.md": ep("title: C\ndate: 2025-01-03\naudio: audio/c.opus\n", embedNotes),
		"episodes/d.md": ep("title: D\ndate: 2025-01-04\naudio: https://x.org/d.mp3\nlength: 9\n", embedNotes),
	}
	emb := &fakeEmbedder{}
	res, err := build(t, fsys, BuildOptions{Prober: p, Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	enc := map[string]string{}
	for _, it := range res.Channel.Items {
		enc[it.Title] = it.Enclosure.URL + " " + strconv.FormatInt(it.Enclosure.Length, 10)
	}
	want := map[string]string{
		"A": "https://example.org/audio/a.mp3 5555",
		"B": "https://cdn.example.org/audio/b.m4a 2000",
		"C": "https://example.org/audio/c.opus 5555",
		"D": "https://x.org/d.mp3 9",
	}
	for k, v := range want {
		if enc[k] != v {
			t.Errorf("enclosure of %s = %q, want %q", k, enc[k], v)
		}
	}
	if len(emb.calls) != 2 || len(emb.calls["audio/a.mp3"]) != 3 || emb.places["audio/a.mp3"] {
		t.Errorf("Embed calls = %v (in place %v), want a.mp3 and c.opus as copies", emb.calls, emb.places)
	}
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, w.Error())
	}
	all := strings.Join(warns, "\n")
	for _, w := range []string{
		"episodes/b.md:4:8: chapter_formats id3, vorbis: audio/b.m4a is audio/x-m4a; add mp4 to chapter_formats to embed its chapters",
		"episodes/d.md:4:8: chapter_formats id3, vorbis: chapters are embedded only into local audio files; https://x.org/d.mp3 is a URL",
		"episodes/a.md:4:8: chapters: audio/a.mp3: a note",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}

	// In place: the enclosure stays where media_base_url puts it.
	fsys["podcast.yaml"] = &fstest.MapFile{Data: []byte(show + "embed_in_place: true\n")}
	emb = &fakeEmbedder{}
	res, err = build(t, fsys, BuildOptions{Prober: p, Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range res.Channel.Items {
		if it.Title == "A" && (it.Enclosure.URL != "https://cdn.example.org/audio/a.mp3" || it.Enclosure.Length != 5555) {
			t.Errorf("in place: enclosure %+v", it.Enclosure)
		}
	}
	if !emb.places["audio/a.mp3"] {
		t.Error("embed_in_place: true did not ask for in place")
	}

	// An error about one chapter is reported at that chapter's line.
	emb = &fakeEmbedder{err: &EmbedError{Chapter: 2, Err: errors.New("chapter 3 \"End\": too far")}}
	_, err = build(t, fsys, BuildOptions{Prober: p, Embedder: emb})
	if err == nil || !strings.Contains(err.Error(), `episodes/a.md:10:3: chapters: embed into audio/a.mp3: chapter 3 "End": too far`) {
		t.Errorf("Build error = %v, want the chapter's line", err)
	}
	// No embedder: an error, not a silent skip.
	_, err = build(t, fsys, BuildOptions{Prober: p})
	if err == nil || !strings.Contains(err.Error(), "no chapter embedder is set up") {
		t.Errorf("Build without an embedder = %v", err)
	}
}

func TestBuildChaptersInDescription(t *testing.T) {
	p := fakeProber{"audio/a.mp3": {Length: 1000, Type: "audio/mpeg", Duration: 2 * time.Hour}}
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(goodShow + "chapters_in_description: true\n")},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: audio/a.mp3\n", "Notes.\n\n- 00:00 Intro\n- 01:00 <b>Middle</b> 🎉\n- 1:02:03 Q&A\n"),
	}
	res, err := build(t, fsys, BuildOptions{Prober: p})
	if err != nil {
		t.Fatal(err)
	}
	it := res.Channel.Items[0]
	block := "<!-- podfeed:chapters -->\n<p>00:00:00 Intro<br>\n00:01:00 Middle<br>\n01:02:03 Q&amp;A</p>\n<!-- /podfeed:chapters -->"
	for name, s := range map[string]string{"description": it.Description, "content:encoded": it.ContentEncoded} {
		if !strings.HasSuffix(s, "\n"+block) || strings.Count(s, describeStart) != 1 {
			t.Errorf("%s = %q, want it to end with %q once", name, s, block)
		}
	}
	// Notes that already hold podfeed's block get it refreshed, not repeated.
	fsys["episodes/a.md"] = ep("title: A\ndate: 2025-01-01\naudio: audio/a.mp3\n", "Notes.\n\n- 00:00 Intro\n- 01:00 Middle\n- 1:02:03 Q&A\n\n<!-- podfeed:chapters -->\n<p>00:00 Old</p>\n<!-- /podfeed:chapters -->\n\nAfter.\n")
	res, err = build(t, fsys, BuildOptions{Prober: p})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Channel.Items[0].Description
	if strings.Contains(d, "Old") || strings.Count(d, "<!-- podfeed:chapters -->") != 1 || !strings.Contains(d, "01:02:03 Q&amp;A") {
		t.Errorf("description = %q, want the old block replaced", d)
	}
}

func TestWithChapterBlock(t *testing.T) {
	block := describeStart + "\n<p>00:00 A</p>\n" + describeEnd
	for in, want := range map[string]string{
		"":                        block,
		"<p>x</p>\n":              "<p>x</p>\n" + block,
		"<p>x</p>" + block + "y":  "<p>x</p>" + block + "y",
		"a" + describeStart + "b": "a" + describeStart + "b\n" + block,
		"a" + describeStart + "old" + describeEnd + "z": "a" + block + "z",
	} {
		if got := withChapterBlock(in, block); got != want {
			t.Errorf("withChapterBlock(%q) = %q, want %q", in, got, want)
		}
	}
}
