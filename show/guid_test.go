package show

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/podfeed/podfeed/feed"
)

// guidShow is a show at feedURL with extra podcast.yaml lines and two
// episodes, one with its own guid and one without.
func guidShow(feedURL, extra string) fstest.MapFS {
	yaml := strings.Replace(goodShow, "feed_url: https://example.org/feed.xml", "feed_url: "+feedURL, 1) + extra
	return fstest.MapFS{
		"podcast.yaml":  {Data: []byte(yaml)},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\n", "n"),
		"episodes/b.md": ep("title: B\ndate: 2025-01-02\naudio: https://x.org/b.mp3\nlength: 1\nguid: my-own-b\n", "n"),
	}
}

func guids(res *Result) (show string, eps []string) {
	for _, it := range res.Channel.Items {
		eps = append(eps, it.GUID)
	}
	return res.Channel.GUID, eps
}

const (
	urlA = "https://example.org/feed.xml"
	urlB = "https://www.example.org/podcast/feed.xml"
)

// TestPinnedGUIDSurvivesAMove: with guid in podcast.yaml, neither the
// show's podcast:guid nor any episode GUID depends on feed_url.
func TestPinnedGUIDSurvivesAMove(t *testing.T) {
	for _, pin := range []string{
		"bab2ba12-9757-5da6-a770-0e70e6bcf214", // a UUIDv5, as podfeed derives
		"urn:uuid:bab2ba12-9757-5da6-a770-0e70e6bcf214",
		"show-2019-imported", // not a UUID (an imported show's)
	} {
		t.Run(pin, func(t *testing.T) {
			a, err := build(t, guidShow(urlA, "guid: "+pin+"\n"), BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := build(t, guidShow(urlB, "guid: "+pin+"\n"), BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			sa, ea := guids(a)
			sb, eb := guids(b)
			if sa != sb || strings.Join(ea, " ") != strings.Join(eb, " ") {
				t.Errorf("GUIDs moved with the feed:\n at %s: %s %v\n at %s: %s %v", urlA, sa, ea, urlB, sb, eb)
			}
			if sa != pin {
				t.Errorf("podcast:guid = %q, want the pinned %q", sa, pin)
			}
			for _, w := range a.Warnings {
				if strings.Contains(w.Msg, "no guid") {
					t.Errorf("a pinned show is warned: %v", w)
				}
			}
		})
	}
}

// TestUnpinnedGUIDWarning: without guid, every build warns at feed_url
// with the line that pins the guid the show has now; adding that line
// changes no byte of the feed.
func TestUnpinnedGUIDWarning(t *testing.T) {
	res, err := build(t, guidShow(urlA, ""), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "podcast.yaml:4:11: no guid: "
	line := "\n    guid: " + PodcastGUID(urlA)
	var found *Error
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), want) {
			found = w
		}
	}
	if found == nil || !strings.HasSuffix(found.Msg, line) {
		t.Fatalf("warnings = %v, want one starting %q and ending with %q", res.Warnings, want, line)
	}
	pinned, err := build(t, guidShow(urlA, strings.TrimSpace(line)+"\n"), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	if err := feed.Encode(&before, res.Channel); err != nil {
		t.Fatal(err)
	}
	if err := feed.Encode(&after, pinned.Channel); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Errorf("pinning the guid the warning gives changed the feed")
	}
	// Unpinned, the derived GUIDs follow feed_url: what the build command
	// refuses when feed_url changes.
	moved, err := build(t, guidShow(urlB, ""), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, ea := guids(res)
	_, eb := guids(moved)
	if ea[1] == eb[1] || ea[0] != eb[0] {
		t.Errorf("unpinned GUIDs at two URLs = %v and %v: want the derived one to differ and the episode's own to stay", ea, eb)
	}
}

func TestGUIDWithSpaces(t *testing.T) {
	def, err := Load(guidShow(urlA, "guid: \" bab2ba12-9757-5da6-a770-0e70e6bcf214\"\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(t.Context(), def, BuildOptions{Now: now})
	if err == nil || !strings.Contains(err.Error(), "leading or trailing spaces") {
		t.Errorf("Build = %v, want an error about the spaces", err)
	}
}
