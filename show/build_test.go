package show

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func build(t *testing.T, fsys fstest.MapFS, opt BuildOptions) (*Result, error) {
	t.Helper()
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if opt.Now.IsZero() {
		opt.Now = now
	}
	return Build(context.Background(), def, opt)
}

func TestBuildSchedulingAndDrafts(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":     {Data: []byte(goodShow)},
		"episodes/old.md":  ep("title: Old\ndate: 2025-01-01\naudio: https://x.org/1.mp3\nlength: 1\n", "n"),
		"episodes/new.md":  ep("title: New\ndate: 2025-05-01T10:00:00+02:00\naudio: https://x.org/2.mp3\nlength: 1\n", "n"),
		"episodes/soon.md": ep("title: Soon\ndate: 2025-06-01T12:00:01Z\naudio: https://x.org/3.mp3\nlength: 1\n", "n"),
		"episodes/wip.md":  ep("title: WIP\ndraft: true\naudio: https://x.org/4.mp3\n", "n"),
	}
	res, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range res.Channel.Items {
		titles = append(titles, it.Title)
	}
	if got := strings.Join(titles, ","); got != "New,Old" {
		t.Errorf("items = %s, want New,Old (newest first, future and draft held)", got)
	}
	if !res.Channel.PubDate.Equal(time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)) || !res.Channel.LastBuildDate.Equal(res.Channel.PubDate) {
		t.Errorf("channel dates = %v / %v, want the newest episode's date", res.Channel.PubDate, res.Channel.LastBuildDate)
	}
	if len(res.Held) != 2 || res.Held[0].Reason != "scheduled" || res.Held[1].Reason != "draft" {
		t.Errorf("held = %+v, want soon (scheduled) and wip (draft)", res.Held)
	}
	// A second later the scheduled episode appears.
	res, err = build(t, fsys, BuildOptions{Now: now.Add(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Channel.Items[0].Title; got != "Soon" {
		t.Errorf("after its date, first item = %q, want Soon", got)
	}
}

func TestBuildErrorsAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(strings.Replace(goodShow, "categories: [Technology]", "categories: [Technology > Podcasting, Tech]", 1) + "type: weekly\n")},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: ../a.mp3\nguid: same\n", ""),
		"episodes/b.md": ep("title: B\ndate: yesterday\naudio: https://x.org/b.mp3\nlength: 3\nguid: same\nepisode_type: extra\n", ""),
		"episodes/c.md": ep("date: 2025-01-02\naudio: https://x.org/c.mp3\n", ""),
	}
	_, err := build(t, fsys, BuildOptions{})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Build = %v, want Errors", err)
	}
	want := []string{
		`episodes/a.md:4:8: audio: "../a.mp3": the path leaves the show folder`,
		`episodes/b.md:3:7: date: expected a date`,
		`episodes/b.md:6:7: guid "same" is also used by episodes/a.md`,
		`episodes/b.md:7:15: episode_type: expected full, trailer or bonus, found "extra"`,
		`podcast.yaml:9:14: categories: "Technology > Podcasting" is not one of Apple's categories (it was renamed before 2019: use "Technology")`,
		`podcast.yaml:9:39: categories: "Tech" is not one of Apple's categories; did you mean "Technology"?`,
		`podcast.yaml:11:7: type: expected episodic or serial, found "weekly"`,
	}
	got := map[string]bool{}
	for _, e := range errs {
		got[e.Error()] = true
	}
	for _, w := range want {
		found := false
		for g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing error %q in:\n%v", w, errs)
		}
	}
}

// TestBuildLeavesRequirementsToValidator: what only Apple, Spotify or
// Podcasting 2.0 require is not the loader's to refuse. A show as
// incomplete as a real feed (no feed_url, language, author, artwork,
// categories or owner; an episode without title, length or type; value
// recipients without address) builds, and the feed says what it was told.
func TestBuildLeavesRequirementsToValidator(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml": {Data: []byte("title: Bare\ndescription: x\nowner:\n  email: https://example.com/contact\n" +
			"value:\n  recipients:\n    - name: Ada\n      split: 100\n")},
		"episodes/a.md": ep("date: 2025-01-02\naudio: https://x.org/a.download?id=3\nguid: a\n", "Notes."),
	}
	res, err := build(t, fsys, BuildOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	ch := res.Channel
	if ch.SelfURL != "" || ch.Language != "" || ch.ItunesAuthor != "" || ch.ItunesImage != "" || len(ch.Categories) != 0 || ch.GUID != "" {
		t.Errorf("channel invented values: %+v", ch)
	}
	if ch.ItunesOwner == nil || ch.ItunesOwner.Email != "https://example.com/contact" {
		t.Errorf("owner = %+v, want the email as written (the validator judges it)", ch.ItunesOwner)
	}
	if ch.Value == nil || len(ch.Value.Recipients) != 1 || ch.Value.Recipients[0].Name != "Ada" {
		t.Errorf("value = %+v, want the recipient as written", ch.Value)
	}
	if len(ch.Items) != 1 {
		t.Fatalf("items = %d, want 1", len(ch.Items))
	}
	it := ch.Items[0]
	if it.Title != "" || it.Enclosure == nil || it.Enclosure.Length != 0 || it.Enclosure.Type != "" || it.GUID != "a" {
		t.Errorf("item = %+v, enclosure %+v: want no title, length 0 and no type, as defined", it, it.Enclosure)
	}
}

type fakeProber map[string]MediaInfo

func (f fakeProber) Probe(_ context.Context, src string) (MediaInfo, error) {
	m, ok := f[src]
	if !ok {
		return MediaInfo{}, fmt.Errorf("open %s: no such file", src)
	}
	return m, nil
}

func TestBuildProbedMedia(t *testing.T) {
	p := fakeProber{"audio/ep 1.mp3": {Length: 1234567, Type: "audio/mpeg", Duration: 61*time.Second + 600*time.Millisecond}}
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(goodShow)},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: audio/ep 1.mp3\n", "n"),
	}
	res, err := build(t, fsys, BuildOptions{Prober: p})
	if err != nil {
		t.Fatal(err)
	}
	it := res.Channel.Items[0]
	if it.Enclosure.URL != "https://cdn.example.org/audio/ep%201.mp3" || it.Enclosure.Length != 1234567 || it.Enclosure.Type != "audio/mpeg" {
		t.Errorf("enclosure = %+v", it.Enclosure)
	}
	if it.Duration != 62*time.Second {
		t.Errorf("duration = %v, want 62s (rounded)", it.Duration)
	}

	// Stated values that disagree with the file stop the build, naming both.
	fsys["episodes/a.md"] = ep("title: A\ndate: 2025-01-01\naudio: audio/ep 1.mp3\nlength: 99\ntype: audio/mp4\nduration: \"5:00\"\n", "n")
	_, err = build(t, fsys, BuildOptions{Prober: p})
	for _, want := range []string{
		"length: the definition says 99 bytes but audio/ep 1.mp3 has 1234567",
		`type: the definition says "audio/mp4" but audio/ep 1.mp3 is "audio/mpeg"`,
		"duration: the definition says 0:05:00 but audio/ep 1.mp3 lasts 0:01:02",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Build error = %v, want it to contain %q", err, want)
		}
	}
}

func TestBuildDefaultGUIDsAreStable(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(goodShow)},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\n", "n"),
	}
	r1, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := build(t, fsys, BuildOptions{})
	g := r1.Channel.Items[0].GUID
	if g == "" || g != r2.Channel.Items[0].GUID || r1.Channel.Items[0].GUIDPermaLink {
		t.Errorf("default guid %q not stable or marked a permalink", g)
	}
	if r1.Channel.GUID != PodcastGUID("https://example.org/feed.xml") {
		t.Errorf("podcast:guid = %s", r1.Channel.GUID)
	}
}

// TestBuildReleaseNotes: with ReleaseNotes, Build drops every episode's
// Markdown (published, scheduled and draft) and gives the same items,
// notes rendered, as without it.
func TestBuildReleaseNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":     {Data: []byte(goodShow)},
		"episodes/old.md":  ep("title: Old\ndate: 2025-01-01\naudio: https://x.org/1.mp3\nlength: 1\n", "Old *notes*\n\n00:00 Intro\n01:00 Main"),
		"episodes/new.md":  ep("title: New\ndate: 2025-05-01\naudio: https://x.org/2.mp3\nlength: 1\nsummary: A *short* one\n", "New notes"),
		"episodes/soon.md": ep("title: Soon\ndate: 2025-06-02\naudio: https://x.org/3.mp3\nlength: 1\n", "Soon notes"),
		"episodes/wip.md":  ep("title: WIP\ndraft: true\naudio: https://x.org/4.mp3\n", "WIP notes"),
	}
	want, err := build(t, fsys, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Build(context.Background(), def, BuildOptions{Now: now, ReleaseNotes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Channel.Items, want.Channel.Items) || !reflect.DeepEqual(got.Files, want.Files) {
		t.Errorf("items with ReleaseNotes:\n%+v\nwithout:\n%+v", got.Channel.Items, want.Channel.Items)
	}
	if !strings.Contains(got.Channel.Items[1].ContentEncoded, "<em>notes</em>") {
		t.Errorf("old's notes = %q, want them rendered", got.Channel.Items[1].ContentEncoded)
	}
	for _, e := range def.Episodes {
		if e.Notes != "" {
			t.Errorf("%s: notes %q kept", e.File, e.Notes)
		}
	}
}
