package importer

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden imports each testdata/*.xml and compares the files it would
// write, as a txtar archive, with testdata/<name>.golden.
func TestGolden(t *testing.T) {
	feeds, err := filepath.Glob("testdata/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) == 0 {
		t.Fatal("no testdata/*.xml")
	}
	for _, path := range feeds {
		name := strings.TrimSuffix(filepath.Base(path), ".xml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files, err := res.Files()
			if err != nil {
				t.Fatal(err)
			}
			ar := &txtar.Archive{}
			var summary bytes.Buffer
			for _, n := range res.Notes {
				summary.WriteString("note: " + n + "\n")
			}
			for _, u := range res.Unmodelled {
				summary.WriteString("unmodelled: " + u.Where + " " + u.Name + " " + itoa(u.Count) + "\n")
			}
			for _, f := range res.ToFill {
				summary.WriteString("to fill: " + f.File + " " + f.Key + " " + itoa(f.Count) + " " + f.First + "\n")
			}
			ar.Files = append(ar.Files, txtar.File{Name: "summary", Data: summary.Bytes()})
			for _, f := range files {
				ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: f.Data})
			}
			got := txtar.Format(ar)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("import of %s differs from %s (-want +got):\n%s", path, golden, d)
			}
			// Deterministic: a second run gives the same bytes.
			res2, err := Parse(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files2, err := res2.Files()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(files, files2); d != "" {
				t.Errorf("second import differs (-first +second):\n%s", d)
			}
		})
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n))
}

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func rss(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>` + items + `</channel></rss>`
}

func mustParse(t *testing.T, data []byte, opt Options) *Result {
	t.Helper()
	r, err := Parse(data, opt)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return r
}

func hasNote(r *Result, sub string) bool {
	for _, n := range r.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

func TestMessyFeeds(t *testing.T) {
	t.Run("bom", func(t *testing.T) {
		r := mustParse(t, []byte("\xef\xbb\xbf"+rss("")), Options{})
		if r.Show.Title != "T" || !hasNote(r, "byte-order mark") {
			t.Errorf("title %q, notes %q", r.Show.Title, r.Notes)
		}
	})
	t.Run("iso-8859-1", func(t *testing.T) {
		src := `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf` + "\xe9" + ` ` + "\x93" + `quoted` + "\x94" + `</title></channel></rss>`
		r := mustParse(t, []byte(src), Options{})
		if want := "Café “quoted”"; r.Show.Title != want {
			t.Errorf("title %q, want %q", r.Show.Title, want)
		}
	})
	t.Run("windows-1252 undeclared", func(t *testing.T) {
		title, _ := charmap.Windows1252.NewEncoder().String("Grüße – “hi”")
		src := `<rss version="2.0"><channel><title>` + title + `</title></channel></rss>`
		r := mustParse(t, []byte(src), Options{})
		if want := "Grüße – “hi”"; r.Show.Title != want || !hasNote(r, "Windows-1252") {
			t.Errorf("title %q (want %q), notes %q", r.Show.Title, want, r.Notes)
		}
	})
	t.Run("entities", func(t *testing.T) {
		src := `<?xml version="1.0"?><rss version="2.0"><channel><title>a&nbsp;b &copy; c &gtgt; d & e &amp; f</title></channel></rss>`
		r := mustParse(t, []byte(src), Options{})
		if want := "a\u00a0b © c &gtgt; d & e & f"; r.Show.Title != want {
			t.Errorf("title %q, want %q", r.Show.Title, want)
		}
		if !hasNote(r, "2 HTML entity") || !hasNote(r, `kept 2 bare & or unknown entity references as literal text (first: "&gtgt;" at 1:75)`) {
			t.Errorf("notes %q", r.Notes)
		}
	})
	t.Run("atom", func(t *testing.T) {
		src := `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<title>Atom Show</title><subtitle>Sub</subtitle><link rel="self" href="https://a.example.com/atom.xml"/><link href="https://a.example.com/"/>
<author><name>Ann</name></author><itunes:explicit>yes</itunes:explicit>
<entry><id>urn:uuid:1</id><title>First</title><published>2024-05-01T09:00:00+02:00</published>
<link rel="enclosure" href="https://a.example.com/1.mp3" length="42" type="audio/mpeg"/><summary>Hi</summary><itunes:duration>10:00</itunes:duration></entry></feed>`
		r := mustParse(t, []byte(src), Options{})
		if r.Format != "atom" || r.Show.Title != "Atom Show" || r.Show.FeedURL != "https://a.example.com/atom.xml" || r.Show.Author != "Ann" || !r.Show.Explicit {
			t.Errorf("show %+v", r.Show)
		}
		if len(r.Episodes) != 1 {
			t.Fatalf("%d episodes, want 1", len(r.Episodes))
		}
		d := r.Episodes[0].Def
		if d.GUID != "urn:uuid:1" || d.Audio != "https://a.example.com/1.mp3" || d.Length != 42 || d.Date != "2024-05-01T09:00:00+02:00" || d.Duration != "0:10:00" {
			t.Errorf("episode %+v", d)
		}
		if r.Episodes[0].File != "episodes/2024-05-01-first.md" {
			t.Errorf("file %q", r.Episodes[0].File)
		}
	})
	t.Run("rss 1.0", func(t *testing.T) {
		src := `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://r.example.com/"><title>RDF Show</title><link>https://r.example.com/</link><description>d</description></channel></rdf:RDF>`
		r := mustParse(t, []byte(src), Options{})
		if r.Format != "rdf" || r.Show.Title != "RDF Show" || len(r.Episodes) != 0 {
			t.Errorf("format %q, show %q, episodes %+v", r.Format, r.Show.Title, r.Episodes)
		}
	})
	t.Run("text after the end of the feed", func(t *testing.T) {
		src := rss(`<item><title>A</title><guid>a</guid><enclosure url="https://x.example.com/a.mp3" length="1" type="audio/mpeg"/></item>`) + "\n<!-- a comment may follow -->\n  []junk"
		r := mustParse(t, []byte(src), Options{})
		if len(r.Episodes) != 1 || !hasNote(r, `ignored text after the end of the feed at 3:3 ("[]junk")`) {
			t.Errorf("episodes %d, notes %q", len(r.Episodes), r.Notes)
		}
	})
	t.Run("control characters", func(t *testing.T) {
		src := rss("\n<description><![CDATA[<p>\t\x1a</p>]]>\x01</description>")
		r := mustParse(t, []byte(src), Options{})
		if r.Show.Description != "" || !hasNote(r, "removed 2 control character(s) that XML does not allow (first: U+001A at 2:27)") {
			t.Errorf("description %q, notes %q", r.Show.Description, r.Notes)
		}
	})
	t.Run("missing guid", func(t *testing.T) {
		r := mustParse(t, []byte(rss(`<item><title>A</title><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate><enclosure url="https://x.example.com/a.mp3" length="1" type="audio/mpeg"/></item>`)), Options{})
		if g := r.Episodes[0].Def.GUID; g != "https://x.example.com/a.mp3" || !hasNote(r, "without a guid") {
			t.Errorf("guid %q, notes %q", g, r.Notes)
		}
	})
	t.Run("protocol-relative and relative urls", func(t *testing.T) {
		r := mustParse(t, []byte(rss(`<item><title>A</title><guid>a</guid><enclosure url="//cdn.example.com/a.mp3" length="1" type="audio/mpeg"/><link>/ep/a</link></item>`)), Options{Source: "http://feeds.example.com/show.xml"})
		d := r.Episodes[0].Def
		if d.Audio != "http://cdn.example.com/a.mp3" || d.Link != "http://feeds.example.com/ep/a" {
			t.Errorf("audio %q, link %q", d.Audio, d.Link)
		}
		if r.Show.FeedURL != "http://feeds.example.com/show.xml" {
			t.Errorf("feed_url %q", r.Show.FeedURL)
		}
	})
	t.Run("fetched with a fragment", func(t *testing.T) {
		for src, want := range map[string]string{
			"https://feeds.example.com/show.xml#latest": "https://feeds.example.com/show.xml",
			"https://feeds.example.com/show.xml?x=1":    "https://feeds.example.com/show.xml?x=1",
		} {
			r := mustParse(t, []byte(rss("")), Options{Source: src})
			if r.Show.FeedURL != want {
				t.Errorf("fetched from %s: feed_url %q, want %q", src, r.Show.FeedURL, want)
			}
		}
	})
	t.Run("durations and dates", func(t *testing.T) {
		r := mustParse(t, []byte(rss(`<item xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><title>A</title><guid>a</guid><pubDate>Wed, 01 May 2024 09:00:00 EST</pubDate><itunes:duration>95</itunes:duration><enclosure url="https://x/a.mp3" length="1" type="audio/mpeg"/></item>`)), Options{})
		d := r.Episodes[0].Def
		if d.Date != "2024-05-01T09:00:00-05:00" || d.Duration != "0:01:35" {
			t.Errorf("date %q, duration %q", d.Date, d.Duration)
		}
	})
	t.Run("plain-text notes", func(t *testing.T) {
		src := rss(`<description>Episode #3 with *guest*
second line

1. not a list &lt;3</description>`)
		r := mustParse(t, []byte(src), Options{})
		// Renders as the text: "\*guest*" is "*guest*", "&lt;3" is "<3".
		if want := "Episode #3 with \\*guest*\\\nsecond line\n\n1\\. not a list &lt;3"; r.Show.Description != want {
			t.Errorf("description %q, want %q", r.Show.Description, want)
		}
	})
	t.Run("undated item", func(t *testing.T) {
		src := `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><lastBuildDate>Sat, 10 Mar 2007 23:59:59 CST</lastBuildDate>` +
			`<item><title>A</title><guid>a</guid><pubDate>someday</pubDate><enclosure url="https://x.example.com/a.mp3" length="1" type="audio/mpeg"/></item></channel></rss>`
		r := mustParse(t, []byte(src), Options{})
		if d := r.Episodes[0].Def.Date; d != "2007-03-10T23:59:59-06:00" || !hasNote(r, "date that cannot be read") || !hasNote(r, "given the channel's date") {
			t.Errorf("date %q, notes %q", d, r.Notes)
		}
	})
	t.Run("categories", func(t *testing.T) {
		src := `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>` +
			`<itunes:category text="technology"/><itunes:category text="Games &amp; Hobbies"><itunes:category text="Video Games"/></itunes:category>` +
			`<itunes:category text="Business"><itunes:category text="Business News"/></itunes:category><itunes:category text="Made Up"/>` +
			`<itunes:category text="Technology"/></channel></rss>`
		r := mustParse(t, []byte(src), Options{})
		want := []string{"Technology", "Leisure > Video Games", "News > Business News"}
		if d := cmp.Diff(want, r.Show.Categories); d != "" || !hasNote(r, "Apple does not list: left out (first: Made Up)") {
			t.Errorf("categories (-want +got):\n%s\nnotes %q", d, r.Notes)
		}
	})
	t.Run("duplicate guid", func(t *testing.T) {
		items := strings.Join([]string{
			`<item><title>A</title><guid>same</guid><pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate><enclosure url="https://x.example.com/a.mp3" length="1" type="audio/mpeg"/></item>`,
			`<item><title>A</title><guid>same</guid><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate><enclosure url="https://x.example.com/b.mp3" length="1" type="audio/mpeg"/></item>`,
		}, "")
		r := mustParse(t, []byte(rss(items)), Options{})
		got := []string{r.Episodes[0].File, r.Episodes[0].Def.GUID, r.Episodes[1].File, r.Episodes[1].Def.GUID}
		want := []string{"episodes/2024-05-01-a.md", "https://x.example.com/b.mp3", "episodes/2024-05-02-a.md", "same"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
	})
}

// TestStableNames checks that a newer episode never renames older ones.
func TestStableNames(t *testing.T) {
	old := `<item><title>Same</title><guid>1</guid><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate><enclosure url="https://x.example.com/1.mp3" length="1" type="audio/mpeg"/></item>` +
		`<item><title>Same</title><guid>2</guid><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate><enclosure url="https://x.example.com/2.mp3" length="1" type="audio/mpeg"/></item>`
	newer := `<item><title>Same</title><guid>3</guid><pubDate>Wed, 01 May 2024 11:00:00 GMT</pubDate><enclosure url="https://x.example.com/3.mp3" length="1" type="audio/mpeg"/></item>`
	names := func(r *Result) map[string]string {
		m := map[string]string{}
		for _, e := range r.Episodes {
			m[e.Def.GUID] = e.File
		}
		return m
	}
	before := names(mustParse(t, []byte(rss(old)), Options{}))
	after := names(mustParse(t, []byte(rss(newer+old)), Options{}))
	want := map[string]string{"1": "episodes/2024-05-01-same.md", "2": "episodes/2024-05-01-same-2.md"}
	if d := cmp.Diff(want, before); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
	for g, f := range before {
		if after[g] != f {
			t.Errorf("guid %s: was %s, is %s after a newer episode", g, f, after[g])
		}
	}
	if after["3"] != "episodes/2024-05-01-same-3.md" {
		t.Errorf("new episode file %q", after["3"])
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"empty", "  \n", 0, "empty document"},
		{"html", "<html><body>hi</body></html>", 0, "this is an HTML page, not a podcast feed"},
		{"html with a doctype", "\n<!DOCTYPE html>\n<html><body><p>hi<br></body></html>", 0, "this is an HTML page, not a podcast feed"},
		{"xhtml", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", 0, "this is an HTML page, not a podcast feed"},
		{"json feed", "  {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", 0, "this is JSON, not an RSS or Atom podcast feed"},
		{"json list", "[1, 2]", 0, "this is JSON"},
		{"other xml", "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>", 2, "root element <opml>, not a podcast feed"},
		{"text before the root", "Saved from the web\n<rss><channel><title>x</title></channel></rss>", 1, "text before the root element (\"Saved from the web\")"},
		{"a browser's copy", "This XML file does not appear to have any style information associated with it. The document tree is shown below.\n<rss><channel/></rss>", 1, "a copy of what a browser shows for a feed"},
		{"a blog's rss", rss(`<item><title>Post</title><link>https://b.example.com/1</link></item><item><title>Post 2</title></item>`), 0, "not a podcast feed: none of its 2 items has an enclosure"},
		{"a blog's atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry><id>1</id><title>Post</title><link href="https://b.example.com/1"/></entry></feed>`, 0, "not a podcast feed: its one entry has no enclosure"},
		{"a second root after the feed", "<rss><channel><title>x</title></channel></rss>\n<rss><channel/></rss>", 2, "a second root element <rss> after the feed ended"},
		{"truncated", "<rss>\n<channel>\n<title>x</title>\n", 4, "cut off"},
		{"mismatched", "<rss>\n<channel>\n</rss>", 3, "closed by"},
		{"unbound unknown prefix on the root", "<?xml version=\"1.0\"?>\n<foo:rss><channel><title>x</title></channel></foo:rss>", 2, "no xmlns:foo"},
		{"truncated after blank lines before declaration", "\n\n<?xml version=\"1.0\"?>\n<rss>\n<channel>\n<title>x</title>\n", 7, "cut off"},
		{"truncated without declaration for itunes", "<rss>\n<channel>\n<itunes:author>x</itunes:author>\n<item>", 4, "cut off"},
		{"mismatched after bom", "\xef\xbb\xbf<rss>\n<channel>\n<title>x</titel></channel></rss>", 3, "closed by"},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>", 1, "unknown character encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), Options{})
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Parse = %v, want a *ReadError", err)
			}
			if re.Line != tt.line || !strings.Contains(re.Msg, tt.msg) {
				t.Errorf("Parse = %v, want line %d and %q", err, tt.line, tt.msg)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Path: "podcast.yaml", Data: []byte("title: x\n")}, {Path: "episodes/a.md", Data: []byte("---\n---\n")}}
	if err := Write(dir, files, false); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, files, false); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second Write = %v, want ErrNotEmpty", err)
	}
	files[0].Data = []byte("title: y\n")
	if err := Write(dir, files, true); err != nil {
		t.Fatalf("Write with force: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "podcast.yaml"))
	if err != nil || string(got) != "title: y\n" {
		t.Errorf("podcast.yaml = %q, %v", got, err)
	}
	left, err := filepath.Glob(filepath.Join(dir, "*", ".import-*"))
	if err != nil || len(left) != 0 {
		t.Errorf("temporary files left behind: %v %v", left, err)
	}
}

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.xml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(rss(`<item><title>a &nbsp; &x; &</title></item>`)))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>`))
	refused, _ := filepath.Glob("testdata/refused/*.xml")
	for _, s := range refused {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\n \n<?xml version=\"1.0\"?><rss itunes:x=\"1\"/>"))
	f.Add([]byte(`<rss><channel><podcast:episode psc:a="1">1</podcast:episode><dc:x/></channel></rss>`))
	f.Add([]byte("<rss><channel><item><enclosure url=\"a\"/><author>a</author><category domain=\"d\">c</category><source url=\"u\">s</source></item></channel></rss>\n[]junk<rss/>"))
	f.Add([]byte("junk before <rss><channel>\x1a<title>\x01t</title></channel></rss>"))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data, Options{})
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Parse error %T is not a *ReadError: %v", err, err)
			}
			return
		}
		files, err := r.Files()
		if err != nil {
			t.Fatalf("Files: %v", err)
		}
		seen := map[string]bool{}
		for _, f := range files {
			if seen[f.Path] || strings.Contains(f.Path, "..") || strings.HasPrefix(f.Path, "/") {
				t.Fatalf("bad or repeated file name %q", f.Path)
			}
			seen[f.Path] = true
		}
	})
}

// BenchmarkParse measures reading and converting a feed (no writing):
// testdata/full.xml, and the largest corpus feed when PODFEED_CORPUS is set.
func BenchmarkParse(b *testing.B) {
	inputs := map[string]string{"full": "testdata/full.xml"}
	if root := os.Getenv("PODFEED_CORPUS"); root != "" {
		inputs["critical-role-455-items"] = filepath.Join(root, "feeds", "critrolesync_critical-role-2026-simplecast.xml")
	}
	for _, name := range sortedKeys(inputs) {
		data, err := os.ReadFile(inputs[name])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := Parse(data, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.Files(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestRefusedFixtures checks that the documents in testdata/refused, which
// the import must not read (half a feed would lose episodes silently), are
// refused with the place of the problem.
func TestRefusedFixtures(t *testing.T) {
	tests := []struct {
		file string
		want string // the whole error: line:col: message
	}{
		{"truncated.xml", "11:16: not well-formed: the file ends inside the document (was it cut off?)"},
		{"mismatched.xml", "8:15: not well-formed: element <item> closed by </channel>"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "refused", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(data, Options{})
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Parse = %v, %v; want a *ReadError", r, err)
			}
			if re.Error() != tt.want {
				t.Errorf("Parse error\n got %q\nwant %q", re.Error(), tt.want)
			}
		})
	}
}
