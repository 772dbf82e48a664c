package show

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/feed"
)

const chapEp = "title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\n"

func resultFile(res *Result, name string) []byte {
	for _, f := range res.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// The done-when case: "- Topic [MM.SS]" lines give the same chapters in
// the Podcasting 2.0 file, the Podlove file and the inline PSC.
func TestChaptersFromDottedNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml": {Data: []byte(pinnedShow)},
		"episodes/ep-1.md": ep(chapEp, "We talk about habits.\n\n## Topics\n\n- Intro [00.00]\n- Why habits are hard to change [03.00]\n"+
			"- [Listener questions](https://example.org/q) [12.34]\n- Outro [75.05]\n"),
	}
	res, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []chapters.Chapter{
		{Start: 0, Title: "Intro"},
		{Start: 180000, Title: "Why habits are hard to change"},
		{Start: 754000, Title: "Listener questions", URL: "https://example.org/q"},
		{Start: 4505000, Title: "Outro"},
	}
	for _, name := range []string{"chapters/ep-1.json", "chapters/ep-1.podlove.json"} {
		data := resultFile(res, name)
		if data == nil {
			t.Fatalf("no %s in %v", name, res.Files)
		}
		got, _, err := chapters.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	it := res.Channel.Items[0]
	if it.Chapters == nil || it.Chapters.URL != "https://example.org/chapters/ep-1.json" || it.Chapters.Type != "application/json+chapters" {
		t.Errorf("podcast:chapters = %+v, want the chapters/ep-1.json URL", it.Chapters)
	}
	var psc []chapters.Chapter
	for _, c := range it.PSC {
		psc = append(psc, chapters.Chapter{Start: c.Start.Milliseconds(), Title: c.Title, URL: c.Href, Image: c.Image})
	}
	if diff := cmp.Diff(want, psc); diff != "" {
		t.Errorf("inline PSC (-want +got):\n%s", diff)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings = %v, want none", res.Warnings)
	}
}

func TestChaptersFrontMatter(t *testing.T) {
	tests := []struct {
		name  string
		front string
		body  string
		files fstest.MapFS
		want  []chapters.Chapter
	}{
		{"list of lines overrides notes", "chapters:\n  - \"00:00 Intro\"\n  - \"(12:34.5) Q&A\"\n  - \"[Guest](https://g.example) 20:00\"\n", "00:00 Not\n01:00 These\n", nil,
			[]chapters.Chapter{{Title: "Intro"}, {Start: 754500, Title: "Q&A"}}},
		{"list of maps", "chapters:\n  - {start: \"0:00\", title: Intro}\n  - {start: \"1:02:03\", title: Late, url: \"https://l.example\", image: img/late.jpg}\n  - {start: \"75:30\", title: Long}\n", "", nil,
			[]chapters.Chapter{{Title: "Intro"}, {Start: 3723000, Title: "Late", URL: "https://l.example", Image: "https://cdn.example.org/img/late.jpg"}, {Start: 4530000, Title: "Long"}}},
		{"none", "chapters: none\n", "00:00 A\n01:00 B\n02:00 C\n", nil, nil},
		{"a chapter file in another format", "chapters: chapters/ep.txt\n", "", fstest.MapFS{"chapters/ep.txt": {Data: []byte("00:00:00.000 Intro\n00:01:00.250 Next <https://n.example>\n00:02:00.000 Last\n")}},
			[]chapters.Chapter{{Title: "Intro"}, {Start: 60250, Title: "Next", URL: "https://n.example"}, {Start: 120000, Title: "Last"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"podcast.yaml":   {Data: []byte(pinnedShow)},
				"episodes/ep.md": ep(chapEp+tt.front, tt.body),
			}
			for k, v := range tt.files {
				fsys[k] = v
			}
			res, err := build(t, fsys, BuildOptions{})
			if tt.name == "list of lines overrides notes" {
				// The third line is not a chapter line: an error at its line.
				var errs Errors
				if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Line != 9 || !strings.Contains(errs[0].Msg, "chapters[2]: bad chapter") {
					t.Fatalf("Build error = %v, want one at line 9 about chapters[2]", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			data := resultFile(res, "chapters/ep.json")
			if tt.want == nil {
				if data != nil || len(res.Channel.Items[0].PSC) != 0 || res.Channel.Items[0].Chapters != nil {
					t.Errorf("chapters written for %q", tt.front)
				}
				return
			}
			got, _, err := chapters.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("chapters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChaptersProblems(t *testing.T) {
	tests := []struct {
		name, front, body string
		files             fstest.MapFS
		errs              []string // "file:line:col: substring"
		warns             []string
	}{
		// A list taken from the notes that fails its checks is left out
		// with one warning at the episode's line; the build goes on.
		{name: "out of order in notes, at the episode's line", front: "", body: "Intro text\n\n00:00 Intro\n05:00 Later\n01:00 Back\n",
			warns: []string{"episodes/ep.md:11:1: chapters: the timestamps in the notes are not a usable chapter list (chapter 3 \"Back\" starts at 00:01:00.000, before chapter 2"}},
		{name: "past the duration", front: "duration: \"4:00\"\n", body: "00:00 Intro\n02:00 Middle\n05:00 Too late\n",
			warns: []string{"episodes/ep.md:10:1: chapters: the timestamps in the notes are not a usable chapter list (chapter 3 \"Too late\" starts at 00:05:00.000, at or past the end of the media (00:04:00.000))"}},
		{name: "several problems in notes: still one warning", front: "duration: \"4:00\"\n", body: "00:00 Intro\n03:00 Middle\n02:00 Back\n05:00 Too late\n",
			warns: []string{"episodes/ep.md:10:1: chapters: the timestamps in the notes are not a usable chapter list (chapter 3 \"Back\" starts at 00:02:00.000, before chapter 2 \"Middle\" at 00:03:00.000, and 1 more problem(s))"}},
		{name: "an hour-rollover guess is not said for a list left out", front: "duration: \"30:00\"\n", body: "00:00 Intro\n59:10 Almost\n05:30 After the hour\n",
			warns: []string{"episodes/ep.md:9:1: chapters: the timestamps in the notes are not a usable chapter list (chapter 2 \"Almost\" starts at 00:59:10.000, at or past the end"}},
		// Chapters written explicitly keep their errors.
		{name: "out of order in the front matter", front: "chapters:\n  - \"00:00 Intro\"\n  - \"05:00 Later\"\n  - \"01:00 Back\"\n", body: "00:00 Intro\n",
			errs: []string{"episodes/ep.md:9:5: chapters: chapter 3 \"Back\" starts at 00:01:00.000, before chapter 2"}},
		{name: "past the duration in the front matter", front: "duration: \"4:00\"\nchapters:\n  - \"00:00 Intro\"\n  - \"05:00 Late\"\n",
			errs: []string{"episodes/ep.md:9:5: chapters: chapter 2 \"Late\" starts at 00:05:00.000, at or past the end of the media"}},
		{name: "platform rules are warnings", front: "", body: "01:00 Topic\n02:00 Other\n",
			warns: []string{"episodes/ep.md:7:1: chapters: the first chapter starts at 00:01:00.000", "episodes/ep.md:7:1: chapters: 2 chapters: Spotify and Apple need at least 3"}},
		{name: "bad chapter file", front: "chapters: ch.json\n", files: fstest.MapFS{"ch.json": {Data: []byte("[\n {\"start\": \"1:75\", \"title\": \"x\"}\n]")}},
			errs: []string{"ch.json:2:2: chapters: chapter 1: bad start \"1:75\""}},
		{name: "missing chapter file", front: "chapters: nope.json\n",
			errs: []string{"episodes/ep.md:6:11: chapters: \"nope.json\": no such file"}},
		{name: "path leaves the folder", front: "chapters: ../x.json\n",
			errs: []string{"episodes/ep.md:6:11: chapters: \"../x.json\": the path leaves the show folder"}},
		{name: "map without start", front: "chapters:\n  - {title: A}\n  - {start: \"1:00\", titel: B}\n",
			errs: []string{"episodes/ep.md:7:5: chapters[0]: start is required", "episodes/ep.md:8:21: chapters[1]: unknown key \"titel\""}},
		{name: "wrong kind", front: "chapters: {a: 1}\n",
			errs: []string{"episodes/ep.md:6:11: chapters: expected none, embedded"}},
		{name: "embedded without media chapters", front: "chapters: embedded\n", body: "Notes.\n",
			warns: []string{"episodes/ep.md:6:11: chapters: embedded, but the media has no chapters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"podcast.yaml":   {Data: []byte(pinnedShow)},
				"episodes/ep.md": ep(chapEp+tt.front, tt.body),
			}
			for k, v := range tt.files {
				fsys[k] = v
			}
			res, err := build(t, fsys, BuildOptions{})
			var got []string
			var errs Errors
			if errors.As(err, &errs) {
				for _, e := range errs {
					got = append(got, e.Error())
				}
			} else if err != nil {
				t.Fatal(err)
			}
			match(t, "errors", got, tt.errs)
			if res != nil {
				var ws []string
				for _, w := range res.Warnings {
					ws = append(ws, w.Error())
				}
				match(t, "warnings", ws, tt.warns)
				if len(tt.warns) > 0 && strings.Contains(tt.warns[0], "not a usable chapter list") {
					if data := resultFile(res, "chapters/ep.json"); data != nil || res.Channel.Items[0].Chapters != nil || len(res.Channel.Items[0].PSC) != 0 {
						t.Errorf("chapters written from a list that was left out")
					}
				}
			}
		})
	}
}

func match(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %q, want %d matching %q", what, got, len(want), want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s[%d] = %q, want prefix %q", what, i, got[i], want[i])
		}
	}
}

func TestChaptersIntroAndFormats(t *testing.T) {
	show := pinnedShow + "chapters_intro: true\nchapter_formats: [psc]\n"
	fsys := fstest.MapFS{
		"podcast.yaml":   {Data: []byte(show)},
		"episodes/ep.md": ep(chapEp, "(01:00) Topic\n(02:00) Other\n(03:00) Third\n"),
	}
	res, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 0 {
		t.Errorf("files = %v, want none (psc only)", res.Files)
	}
	it := res.Channel.Items[0]
	want := []feed.PSCChapter{{Title: "Intro"}, {Start: time.Minute, Title: "Topic"}, {Start: 2 * time.Minute, Title: "Other"}, {Start: 3 * time.Minute, Title: "Third"}}
	if diff := cmp.Diff(want, it.PSC); diff != "" {
		t.Errorf("PSC (-want +got):\n%s", diff)
	}
	if it.Chapters != nil {
		t.Errorf("podcast:chapters set without podcast-json")
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings = %v, want none (the Intro fixes the first-at-0 rule)", res.Warnings)
	}
}

func TestChaptersEmbedded(t *testing.T) {
	embedded := []chapters.Chapter{{Title: "One"}, {Start: 30000, Title: "Two"}, {Start: 60000, Title: "Three"}}
	p := fakeProber{"a.mp3": {Length: 1, Type: "audio/mpeg", Duration: 90 * time.Second, Chapters: embedded}}
	fsys := fstest.MapFS{
		"podcast.yaml":   {Data: []byte(pinnedShow)},
		"episodes/ep.md": ep("title: A\ndate: 2025-01-01\naudio: a.mp3\nchapters: embedded\n", "00:00 Ignored\n00:10 Notes\n"),
	}
	res, err := build(t, fsys, BuildOptions{Prober: p})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := chapters.Decode(resultFile(res, "chapters/ep.podlove.json"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(embedded, got); diff != "" {
		t.Errorf("embedded chapters (-want +got):\n%s", diff)
	}
}

// Without feed_url a chapter file has no public URL: it is written, not
// linked, and the build says so once.
func TestChaptersWithoutFeedURL(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":   {Data: []byte(strings.Replace(goodShow, "feed_url: https://example.org/feed.xml\n", "", 1))},
		"episodes/ep.md": ep(chapEp, "00:00 Intro\n05:00 Topic\n10:00 End\n"),
		"episodes/e2.md": ep(strings.Replace(chapEp, "a.mp3", "b.mp3", 1)+"guid: e2\n", "00:00 Intro\n05:00 Topic\n10:00 End\n"),
	}
	res, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if resultFile(res, "chapters/ep.json") == nil {
		t.Error("chapters/ep.json not written")
	}
	for _, it := range res.Channel.Items {
		if it.Chapters != nil {
			t.Errorf("item %q links chapters at %q without a feed_url", it.Title, it.Chapters.URL)
		}
		if len(it.PSC) != 3 {
			t.Errorf("item %q: %d inline chapters, want 3", it.Title, len(it.PSC))
		}
	}
	var ws []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "feed_url is not set") {
			ws = append(ws, w.Error())
		}
	}
	match(t, "warnings", ws, []string{"podcast.yaml:1:1: feed_url is not set: 2 chapter files written to chapters/ but not linked"})
}
