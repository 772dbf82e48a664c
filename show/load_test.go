package show

import (
	"context"
	"errors"
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
image: art.jpg
categories: [Technology]
media_base_url: https://cdn.example.org/
`

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
