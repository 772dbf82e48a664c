package main

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// On a terminal init asks; an empty answer takes the default and a
// wrong one is asked again with the reason.
func TestAsker(t *testing.T) {
	var out bytes.Buffer
	q := &asker{in: bufio.NewReader(strings.NewReader("\nexample.org/feed.xml\nhttps://example.org/feed.xml\n")), out: &out}
	if got := q.ask("Title", "My Show", nil); got != "My Show" {
		t.Errorf("empty answer = %q, want the default", got)
	}
	if got := q.ask("Feed URL", "", checkHTTPURL); got != "https://example.org/feed.xml" {
		t.Errorf("answer = %q, want the second, valid one", got)
	}
	want := "Title [My Show]: Feed URL: " +
		"  expected an absolute http(s) URL, such as https://example.com/show/feed.xml\nFeed URL: "
	if out.String() != want {
		t.Errorf("asked\n%q\nwant\n%q", out.String(), want)
	}
	// Input that ends takes what there is.
	q = &asker{in: bufio.NewReader(strings.NewReader("nope")), out: &out}
	if got := q.ask("Email", "", checkEmail); got != "" {
		t.Errorf("at end of input = %q, want nothing", got)
	}
}

func TestTitleFromDir(t *testing.T) {
	for in, want := range map[string]string{"my-show": "My Show", "shows/the_fog_hour": "The Fog Hour", "café.fm": "Café Fm"} {
		if got := titleFromDir(in); got != want {
			t.Errorf("titleFromDir(%q) = %q, want %q", in, got, want)
		}
	}
}
