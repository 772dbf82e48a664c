package stylesheet

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
)

func TestXSLDeterministicAndWellFormed(t *testing.T) {
	o := Options{Title: `Tom & "Jerry" <live>`, FeedURL: "https://example.org/feed.xml?a=1&b=2", Apple: "https://podcasts.apple.com/podcast/id1?x=1&y=2"}
	a, b := XSL(o), XSL(o)
	if !bytes.Equal(a, b) {
		t.Fatal("XSL gave different bytes for the same options")
	}
	dec := xml.NewDecoder(bytes.NewReader(a))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("feed.xsl is not well-formed XML: %v", err)
		}
	}
	for _, want := range []string{
		`<xsl:variable name="feedurl">https://example.org/feed.xml?a=1&amp;b=2</xsl:variable>`,
		`<a href="https://podcasts.apple.com/podcast/id1?x=1&amp;y=2">Apple Podcasts</a>`,
		`<a href="https://open.spotify.com/search/Tom%20&amp;%20%22Jerry%22%20%3Clive%3E" class="alt">Find on Spotify</a>`,
	} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("feed.xsl lacks %s", want)
		}
	}
}

func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		want []Link
	}{
		{"none", Options{}, nil},
		{"search", Options{Title: "A & B"}, []Link{
			{"Find on Apple Podcasts", "https://podcasts.apple.com/search?term=A+%26+B", true},
			{"Find on Spotify", "https://open.spotify.com/search/A%20&%20B", true},
		}},
		{"pages", Options{Title: "A", Apple: "https://podcasts.apple.com/podcast/id1", Spotify: "https://open.spotify.com/show/x"}, []Link{
			{"Apple Podcasts", "https://podcasts.apple.com/podcast/id1", false},
			{"Spotify", "https://open.spotify.com/show/x", false},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Links(tc.o)
			if len(got) != len(tc.want) {
				t.Fatalf("Links(%+v) = %+v, want %+v", tc.o, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("Links(%+v)[%d] = %+v, want %+v", tc.o, i, got[i], tc.want[i])
				}
			}
		})
	}
}

// testChannel is a feed with what the stylesheet shows: notes with links,
// entities and markup that must not run, chapters, a duration, a season.
func testChannel(longNotes string) *feed.Channel {
	no := false
	return &feed.Channel{
		Stylesheet:   Name,
		Title:        "Night & Day",
		Link:         "https://example.org/",
		Description:  "<p>About <strong>nights</strong> &amp; days.</p>",
		SelfURL:      "https://example.org/feed.xml",
		ItunesAuthor: "Ada Keeper",
		ItunesImage:  "https://example.org/art.jpg",
		Items: []feed.Item{
			{
				Title:          "First light",
				GUID:           "ep-1",
				PubDate:        time.Date(2025, 3, 3, 7, 0, 0, 0, time.UTC),
				Enclosure:      &feed.Enclosure{URL: "https://example.org/1.mp3", Length: 1000, Type: "audio/mpeg"},
				Duration:       3852 * time.Second,
				Season:         2,
				Episode:        7,
				Explicit:       &no,
				ContentEncoded: `<p>Read <a href="https://example.org/more?a=1&amp;b=2">the log</a> &amp; <a href="javascript:alert(1)">this</a>.</p><script>document.title="pwned"</script><ul><li>one</li><li>two</li></ul><p>Tom&#8217;s &unknown; end</p>`,
				PSC: []feed.PSCChapter{
					{Start: 0, Title: "Intro"},
					{Start: 200 * time.Second, Title: "Bells", Href: "https://example.org/bells"},
					{Start: 3690*time.Second + 500*time.Millisecond, Title: "Silence"},
				},
				Transcripts: []feed.Transcript{{URL: "https://example.org/1.vtt", Type: "text/vtt", Language: "en"}},
			},
			{
				Title:       "Long notes",
				GUID:        "ep-2",
				PubDate:     time.Date(2025, 3, 1, 7, 0, 0, 0, time.UTC),
				Enclosure:   &feed.Enclosure{URL: "https://example.org/2.mp3", Length: 1000, Type: "audio/mpeg"},
				Duration:    95 * time.Second,
				EpisodeType: "bonus",
				Description: longNotes,
			},
		},
	}
}

// TestTransformXsltproc runs the stylesheet with libxslt (the XSLT engine
// of Chromium and Safari) through xsltproc, and checks what the page shows.
// The browser itself is exercised by cmd/podfeed's TestBrowserStyledFeed.
func TestTransformXsltproc(t *testing.T) {
	xsltproc, err := exec.LookPath("xsltproc")
	if err != nil {
		t.Skip("xsltproc is not installed (Debian package xsltproc; .ci/run installs it): the transform is not checked here")
	}
	// 6,000 paragraphs with a link each: far past libxslt's recursion
	// limits if the notes were walked one tag per level.
	var long strings.Builder
	for i := range 6000 {
		long.WriteString("<p>Paragraph " + itoa(i) + ` with <a href="https://example.org/p` + itoa(i) + `">a link</a>.</p>`)
	}
	long.WriteString("<p>The last paragraph.</p>")
	dir := t.TempDir()
	var fb bytes.Buffer
	if err := feed.Encode(&fb, testChannel(long.String())); err != nil {
		t.Fatal(err)
	}
	feedPath, xslPath := filepath.Join(dir, "feed.xml"), filepath.Join(dir, Name)
	if err := os.WriteFile(feedPath, fb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xslPath, XSL(Options{Title: "Night & Day", FeedURL: "https://example.org/feed.xml"}), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xsltproc, xslPath, feedPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("xsltproc: %v\n%s", err, stderr.Bytes())
	}
	page := string(out)
	for _, want := range []string{
		`<h1 id="show-title">Night &amp; Day</h1>`,
		`<p class="author">Ada Keeper</p>`,
		`<img class="art" src="https://example.org/art.jpg"`,
		`About nights &amp; days.`,
		`value="https://example.org/feed.xml"`,
		`>Find on Apple Podcasts</a>`,
		`>First light</h2>`,
		`<span class="date">3 Mar 2025</span><span class="duration">1:04:12</span><span>Season 2</span><span>Episode 7</span>`,
		`<span class="duration">1:35</span>`,
		`<span class="badge">bonus</span>`,
		`<audio controls="controls" preload="none" src="https://example.org/1.mp3">`,
		`Read <a href="https://example.org/more?a=1&amp;b=2">the log</a> &amp; this.`,
		`• one<br>• two<br>`,
		"Tom\u2019s &amp;unknown; end",
		`<span class="t">0:00</span><span class="c">Intro</span>`,
		`<span class="t">3:20</span><span class="c"><a href="https://example.org/bells">Bells</a></span>`,
		`<span class="t">1:01:30</span><span class="c">Silence</span>`,
		`>WebVTT (en)</a>`,
		`<a href="https://example.org/p5999">a link</a>`,
		`The last paragraph.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "pwned", "nights</strong>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q: markup from the notes got through", bad)
		}
	}
	if n := strings.Count(page, `class="episode"`); n != 2 {
		t.Errorf("the page shows %d episodes, want 2", n)
	}
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}
