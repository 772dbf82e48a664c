package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Seed is the seed bench/run uses.
const Seed = 20250101

// epoch is the date of the first episode; episode i is dated 12·i hours
// later, so that 10,000 episodes end in 2014, in the past of any validator.
var epoch = time.Date(2001, 1, 1, 7, 0, 0, 0, time.UTC)

// Now is a build time after every generated episode (they are 12 hours
// apart from 2001: 100,000 run to 2137).
var Now = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)

// Show is the channel-level data of the generated show.
type Show struct {
	Title, Link, Description, DescriptionHTML, FeedURL string
	Language, Author, OwnerName, OwnerEmail, Image     string
	Category                                           string
}

// Episode is one generated episode, with its notes both as Markdown (for
// the show folder) and as the HTML that Markdown stands for (for writers
// that take HTML).
type Episode struct {
	Slug        string
	Title       string
	Date        time.Time
	Link        string
	GUID        string
	AudioURL    string
	Length      int64
	Type        string
	Duration    time.Duration
	Season      int
	Episode     int
	EpisodeType string
	Image       string
	Explicit    bool
	Transcript  string // a podcast:transcript URL (text/vtt)
	Guest       string // a podcast:person with role guest
	NotesMD     string
	NotesHTML   string
}

// TheShow returns the generated show's channel data.
func TheShow() Show {
	return Show{
		Title:           "The Benchmark Hour",
		Link:            "https://bench.example.org/",
		Description:     "Conversations about *lighthouses*, harbours & the people who keep them.",
		DescriptionHTML: "<p>Conversations about <em>lighthouses</em>, harbours &amp; the people who keep them.</p>",
		FeedURL:         "https://bench.example.org/feed.xml",
		Language:        "en",
		Author:          "Jo Keeper",
		OwnerName:       "Jo Keeper",
		OwnerEmail:      "jo@bench.example.org",
		Image:           "https://bench.example.org/art.jpg",
		Category:        "History",
	}
}

var words = strings.Fields(`lighthouse keeper lamp lens harbour coast fog signal
rock tower beacon storm tide reef bell wick oil paraffin clockwork mirror prism
shipwreck pilot chart sound island cliff granite mortar stair gallery lantern
logbook watch night season engineer builder voyage sailor bay cape headland
automation radio horn whistle weather gale current shoal sandbank buoy`)

var names = strings.Fields(`Ada Bram Cleo Dara Emil Fern Gus Hana Ivo Juno Kai Lena Milo Nora Otto Pia`)

// sentence appends a sentence of 8-16 words to md and html, with now and
// then a strong word, a link or an ampersand.
func sentence(r *rand.Rand, md, html *strings.Builder) {
	n := 8 + r.IntN(9)
	var num [20]byte
	for i := 0; i < n; i++ {
		w := words[r.IntN(len(words))]
		if i == 0 {
			// Capitalise (every word is lower-case ASCII); no link here.
			md.WriteByte(w[0] - 'a' + 'A')
			md.WriteString(w[1:])
			html.WriteByte(w[0] - 'a' + 'A')
			html.WriteString(w[1:])
			continue
		}
		md.WriteByte(' ')
		html.WriteByte(' ')
		switch r.IntN(20) {
		case 0:
			// **strong**: Markdown's emphasis, written as <strong>.
			md.WriteString("**")
			md.WriteString(w)
			md.WriteString("**")
			html.WriteString("<strong>")
			html.WriteString(w)
			html.WriteString("</strong>")
		case 1:
			id := strconv.AppendInt(num[:0], int64(r.IntN(1000)), 10)
			md.WriteByte('[')
			md.WriteString(w)
			md.WriteString("](https://example.org/")
			md.WriteString(w)
			md.WriteByte('/')
			md.Write(id)
			md.WriteByte(')')
			html.WriteString(`<a href="https://example.org/`)
			html.WriteString(w)
			html.WriteByte('/')
			html.Write(id)
			html.WriteString(`">`)
			html.WriteString(w)
			html.WriteString("</a>")
		case 2:
			md.WriteString(w)
			md.WriteString(" &")
			html.WriteString(w)
			html.WriteString(" &amp;")
		default:
			md.WriteString(w)
			html.WriteString(w)
		}
	}
	md.WriteByte('.')
	html.WriteByte('.')
}

// notes makes about 2 KB of Markdown (paragraphs and a list of links) in
// md and the HTML it stands for in html.
func notes(r *rand.Rand, md, html *strings.Builder) {
	var num [20]byte
	for md.Len() < 1500 {
		html.WriteString("<p>")
		for s := 0; s < 3; s++ {
			if s > 0 {
				md.WriteByte(' ')
				html.WriteByte(' ')
			}
			sentence(r, md, html)
		}
		md.WriteString("\n\n")
		html.WriteString("</p>\n")
	}
	md.WriteString("Links:\n\n")
	html.WriteString("<p>Links:</p>\n<ul>\n")
	for md.Len() < 2000 {
		w := words[r.IntN(len(words))]
		id := strconv.AppendInt(num[:0], int64(r.IntN(100000)), 10)
		md.WriteString("- [On the ")
		md.WriteString(w)
		md.WriteString("](https://example.org/read/")
		md.WriteString(w)
		md.WriteByte('-')
		md.Write(id)
		md.WriteString(")\n")
		html.WriteString(`<li><a href="https://example.org/read/`)
		html.WriteString(w)
		html.WriteByte('-')
		html.Write(id)
		html.WriteString(`">On the `)
		html.WriteString(w)
		html.WriteString("</a></li>\n")
	}
	html.WriteString("</ul>\n")
}

// Episodes returns n episodes made from seed, oldest first. With markdown
// false, NotesMD is left empty (the writers need only the HTML); every
// other field is the same.
func Episodes(n int, seed uint64, markdown bool) []Episode {
	eps := make([]Episode, n)
	for i := range eps {
		eps[i] = episode(i, seed, markdown)
	}
	return eps
}

// EpisodesRange returns episodes lo to hi-1 of Episodes (HTML notes
// only): each episode has its own random stream, so any range can be made
// without the ones before it.
func EpisodesRange(lo, hi int, seed uint64) []Episode {
	eps := make([]Episode, 0, hi-lo)
	for i := lo; i < hi; i++ {
		eps = append(eps, episode(i, seed, false))
	}
	return eps
}

// episode makes episode i (0-based) of the show made from seed.
func episode(i int, seed uint64, markdown bool) Episode {
	r := rand.New(rand.NewPCG(seed, uint64(i)^0x9e3779b97f4a7c15))
	num := i + 1
	var mdb, htmlb strings.Builder
	mdb.Grow(2300)
	htmlb.Grow(2900)
	notes(r, &mdb, &htmlb)
	slug := fmt.Sprintf("ep%05d", num)
	e := Episode{
		Slug:        slug,
		Title:       fmt.Sprintf("The %s and the %s (log %d)", words[r.IntN(len(words))], words[r.IntN(len(words))], num),
		Date:        epoch.Add(time.Duration(i) * 12 * time.Hour),
		Link:        "https://bench.example.org/episodes/" + slug,
		GUID:        "bench-" + slug,
		AudioURL:    "https://cdn.bench.example.org/audio/" + slug + ".mp3",
		Length:      int64(20_000_000 + r.IntN(40_000_000)),
		Type:        "audio/mpeg",
		Duration:    time.Duration(1200+r.IntN(3600)) * time.Second,
		Season:      1 + i/100,
		Episode:     num,
		EpisodeType: "full",
		Image:       "https://bench.example.org/art/" + slug + ".jpg",
		Transcript:  "https://cdn.bench.example.org/transcripts/" + slug + ".vtt",
		Guest:       names[r.IntN(len(names))] + " " + names[r.IntN(len(names))] + "son",
		NotesHTML:   htmlb.String(),
	}
	if markdown {
		e.NotesMD = mdb.String()
	}
	return e
}

// PodcastYAML is the generated show's podcast.yaml.
func PodcastYAML() string {
	s := TheShow()
	return "title: " + s.Title + "\n" +
		"description: \"" + s.Description + "\"\n" +
		"link: " + s.Link + "\n" +
		"feed_url: " + s.FeedURL + "\n" +
		"language: " + s.Language + "\n" +
		"author: " + s.Author + "\n" +
		"owner: {name: " + s.OwnerName + ", email: " + s.OwnerEmail + "}\n" +
		"image: " + s.Image + "\n" +
		"categories: [" + s.Category + "]\n" +
		"explicit: false\n" +
		"type: episodic\n"
}

// EpisodeMD is one episode's Markdown file: YAML front matter, then the notes.
func EpisodeMD(e *Episode) string {
	var b strings.Builder
	b.Grow(len(e.NotesMD) + 600)
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\nlink: %s\nguid: %s\naudio: %s\nlength: %d\ntype: %s\nduration: %d\nseason: %d\nepisode: %d\nepisode_type: %s\nimage: %s\nexplicit: false\n",
		e.Title, e.Date.Format(time.RFC3339), e.Link, e.GUID, e.AudioURL, e.Length, e.Type, int(e.Duration/time.Second), e.Season, e.Episode, e.EpisodeType, e.Image)
	fmt.Fprintf(&b, "transcripts:\n  - url: %s\n    type: text/vtt\npersons:\n  - name: %s\n    role: guest\n---\n", e.Transcript, e.Guest)
	b.WriteString(e.NotesMD)
	return b.String()
}

// Files returns the show folder as slash paths and contents, podcast.yaml
// first, then episodes/<slug>.md in order.
func Files(eps []Episode) ([]string, [][]byte) {
	paths := []string{"podcast.yaml"}
	data := [][]byte{[]byte(PodcastYAML())}
	for i := range eps {
		paths = append(paths, "episodes/"+eps[i].Slug+".md")
		data = append(data, []byte(EpisodeMD(&eps[i])))
	}
	return paths, data
}

// WriteShow writes the show folder for eps under dir, replacing what was
// there.
func WriteShow(dir string, eps []Episode) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	paths, data := Files(eps)
	for i, p := range paths {
		if err := writeFile(dir, p, data[i]); err != nil {
			return err
		}
	}
	return nil
}

// WriteShowN writes the show folder of Episodes(n, seed, true) under dir,
// one episode at a time (a 100,000-episode show is 250 MB of Markdown).
func WriteShowN(dir string, n int, seed uint64) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := writeFile(dir, "podcast.yaml", []byte(PodcastYAML())); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		e := episode(i, seed, true)
		if err := writeFile(dir, "episodes/"+e.Slug+".md", []byte(EpisodeMD(&e))); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, p string, data []byte) error {
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// MediaFixtures are the committed files (under media/testdata) the media
// folder is made of: MP3 with a Xing header, constant-bitrate MP3 with an
// Info header, MP3 with ID3v2.4 chapters, and M4A with chapters.
var MediaFixtures = []string{"vbr-xing.mp3", "cbr-info.mp3", "id3v24-chap.mp3", "chapters.m4a"}

// WriteMedia fills dir with n media files, media/NNNNN.<ext>, cycling
// through MediaFixtures read from fixtures; it replaces what was there and
// returns the slash names (relative to dir) and their total size.
func WriteMedia(dir, fixtures string, n int) ([]string, int64, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, 0, fmt.Errorf("gen: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o755); err != nil {
		return nil, 0, fmt.Errorf("gen: %w", err)
	}
	srcs := make([][]byte, len(MediaFixtures))
	for i, f := range MediaFixtures {
		b, err := os.ReadFile(filepath.Join(fixtures, f))
		if err != nil {
			return nil, 0, fmt.Errorf("gen: media fixture: %w", err)
		}
		srcs[i] = b
	}
	var names []string
	var total int64
	for i := 0; i < n; i++ {
		k := i % len(srcs)
		name := fmt.Sprintf("media/%05d%s", i, filepath.Ext(MediaFixtures[k]))
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), srcs[k], 0o644); err != nil {
			return nil, 0, fmt.Errorf("gen: %w", err)
		}
		names = append(names, name)
		total += int64(len(srcs[k]))
	}
	return names, total, nil
}
