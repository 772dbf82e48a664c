package show

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goodShow = `title: Test Show
description: A *test* show.
link: https://example.org/
feed_url: https://example.org/feed.xml
language: en
author: Tester
owner: {name: Tester, email: t@example.org}
image: https://cdn.example.org/art.jpg
categories: [Technology]
media_base_url: https://cdn.example.org/
`

// pinnedShow is goodShow with its guid pinned (the one feed_url gives), for
// tests that want no warning at all.
const pinnedShow = goodShow + "guid: bab2ba12-9757-5da6-a770-0e70e6bcf214\n"

func ep(front, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + front + "---\n" + body)}
}

func loadErrs(t *testing.T, fsys fstest.MapFS) Errors {
	t.Helper()
	_, err := Load(fsys, ".")
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load: err = %v, want Errors", err)
	}
	return errs
}

func TestLoadCollectsEveryError(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(goodShow + "titel: oops\nexplicit: maybe\n")},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 10\nseason: two\n", "notes"),
		"episodes/b.md": {Data: []byte("no front matter here\n")},
		"episodes/c.md": ep("title: C\n  bad: [indent\n", ""),
	}
	got := loadErrs(t, fsys)
	want := []string{
		`episodes/a.md:6:9: season: expected a whole number, found "two"`,
		`episodes/b.md:1:1: expected front matter`,
		`episodes/c.md:3:3: not valid YAML: this line is indented under "title", which already has a value on line 2; remove the indentation`,
		`podcast.yaml:11:1: unknown key "titel"; did you mean "title"?`,
		`podcast.yaml:12:11: explicit: expected true or false, found "maybe"`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(got), len(want), got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i].Error(), want[i]) {
			t.Errorf("error %d = %q, want prefix %q", i, got[i].Error(), want[i])
		}
	}
}

func TestLoadNoShow(t *testing.T) {
	_, err := Load(fstest.MapFS{"x": {}}, ".")
	if err == nil || !strings.Contains(err.Error(), "no podcast.yaml") {
		t.Fatalf("Load = %v, want a missing podcast.yaml error", err)
	}
}

func TestLoadJSONEverywhere(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.json": {Data: []byte(`{"title": "J", "description": "d", "link": "https://e.org/",
 "feed_url": "https://e.org/f.xml", "language": "en", "author": "a", "image": "https://e.org/a.jpg",
 "categories": ["News"], "explicit": false}`)},
		"episodes/one.json": {Data: []byte(`{"title": "One", "date": "2025-01-01", "audio": "https://e.org/1.mp3",
 "length": 100, "duration": "60", "notes": "Hello **there**"}`)},
		"episodes/two.md": ep(`{"title": "Two", "date": "2025-01-02", "audio": "https://e.org/2.mp3", "length": 5}`+"\n", "Body"),
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if def.Show.Title != "J" || len(def.Episodes) != 2 {
		t.Fatalf("got show %q with %d episodes", def.Show.Title, len(def.Episodes))
	}
	res, err := Build(context.Background(), def, BuildOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Channel.Items[1].ContentEncoded; got != "<p>Hello <strong>there</strong></p>" {
		t.Errorf("notes from JSON rendered as %q", got)
	}
}

func TestLoadDuplicateKey(t *testing.T) {
	fsys := fstest.MapFS{"podcast.yaml": {Data: []byte(goodShow + "title: again\n")}}
	_, err := Load(fsys, ".")
	if err == nil || !strings.Contains(err.Error(), "podcast.yaml:11") {
		t.Fatalf("Load = %v, want an error at line 11 (a key given twice)", err)
	}
}

// aliasBomb is front matter whose aliases multiply: each level repeats
// the one before ten times, so 600 bytes stand for a million values.
func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("title: Bomb\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 10\n")
	b.WriteString("alternate_enclosures:\n  - &l0 {type: audio/mpeg, length: 1, sources: [{uri: https://x.org/a}]}\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "  - &l%d [", i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// An alias bomb in front matter is refused with one error, at once and
// without expanding it; the same file with one level of aliases (well
// within the budget) is read, its aliases followed.
func TestLoadAliasBomb(t *testing.T) {
	for _, levels := range []int{6, 9} {
		fsys := fstest.MapFS{
			"podcast.yaml":     {Data: []byte(goodShow)},
			"episodes/bomb.md": ep(aliasBomb(levels), "notes"),
		}
		start := time.Now()
		got := loadErrs(t, fsys)
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%d levels: Load took %v", levels, el)
		}
		if len(got) != 1 || !strings.Contains(got[0].Error(), "alias bomb?") || !strings.HasPrefix(got[0].Error(), "episodes/bomb.md:8:") {
			t.Errorf("%d levels: Load errors = %v, want one alias bomb error at the first alias (line 8)", levels, got)
		}
	}
	allocs := testing.AllocsPerRun(3, func() {
		Load(fstest.MapFS{"podcast.yaml": {Data: []byte(goodShow)}, "episodes/bomb.md": ep(aliasBomb(9), "notes")}, ".")
	})
	if allocs > 5000 {
		t.Errorf("Load(alias bomb) made %.0f allocations, want at most 5,000", allocs)
	}

	reuse := "title: Reuse\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 10\n" +
		"persons:\n  - &host {name: Ada, role: host}\n  - *host\n" +
		"transcripts: [&t {url: https://x.org/t.vtt, type: text/vtt}, *t]\n"
	def, err := Load(fstest.MapFS{"podcast.yaml": {Data: []byte(goodShow)}, "episodes/reuse.md": ep(reuse, "notes")}, ".")
	if err != nil {
		t.Fatal(err)
	}
	e := def.Episodes[0]
	if len(e.Persons) != 2 || e.Persons[1].Name != "Ada" || len(e.Transcripts) != 2 || e.Transcripts[1].Type != "text/vtt" {
		t.Errorf("aliases not followed: persons %+v transcripts %+v", e.Persons, e.Transcripts)
	}
}

// BenchmarkLoadAliasBomb: go test ./show -run '^$' -bench AliasBomb -benchmem
func BenchmarkLoadAliasBomb(b *testing.B) {
	fsys := fstest.MapFS{"podcast.yaml": {Data: []byte(goodShow)}, "episodes/bomb.md": ep(aliasBomb(9), "notes")}
	for b.Loop() {
		Load(fsys, ".")
	}
}

// "title: Episode #1: Fog" is valid YAML whose title is "Episode": a
// warning at the value, with the quoted fix; a comment written as one
// ("# note", or after two spaces and "# ") and quoted values say nothing.
func TestCommentInValue(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml": {Data: []byte("title: Show  # the name\ndescription: d\nlink: https://e.org/\nfeed_url: https://e.org/f.xml\n" +
			"language: en\nauthor: a #1 fan\nimage: https://e.org/a.jpg\ncategories:\n  - News # first\nexplicit: false\n")},
		"episodes/one.md":   ep("title: Episode #1: Fog\ndate: 2025-01-01\naudio: https://e.org/1.mp3\nlength: 100\n", "Body"),
		"episodes/two.md":   ep("title: \"Episode #2: Bells\"\ndate: 2025-01-02\naudio: https://e.org/2.mp3\nlength: 100\n", "Body"),
		"episodes/three.md": ep("title: Three # a note\ndate: 2025-01-03\naudio: https://e.org/3.mp3\nlength: 100\n", "Body"),
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), def, BuildOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "as a comment") {
			got = append(got, w.Error())
		}
	}
	want := []string{
		`episodes/one.md:2:8: title: YAML reads "#1: Fog" as a comment, so the value is "Episode"; if the comment is part of it, quote the value: title: "Episode #1: Fog"`,
		`podcast.yaml:6:9: author: YAML reads "#1 fan" as a comment, so the value is "a"; if the comment is part of it, quote the value: author: "a #1 fan"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
