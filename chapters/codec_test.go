package chapters

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func boolp(b bool) *bool { return &b }

// sample is the spec's example episode, with milliseconds everywhere.
func sample() []Chapter {
	return []Chapter{
		{Start: 0, Title: "Intro"},
		{Start: 180250, Title: "Why habits are hard to change", URL: "https://example.org/empathy?a=1&b=2"},
		{Start: 754001, Title: `Listener "questions" & <answers>`, Image: "https://example.org/q.jpg"},
		{Start: 3725999, End: 3800000, Title: "Über-long tail — with ünïcode"},
	}
}

// keep reports the sample as format f can hold it.
func keep(f Format, chs []Chapter) []Chapter {
	out := make([]Chapter, len(chs))
	for i, c := range chs {
		switch f {
		case FormatPodloveJSON, FormatPSC:
			c.End, c.TOC, c.Location = 0, nil, nil
		case FormatMP4Chaps:
			c.End, c.TOC, c.Location, c.Image = 0, nil, nil, ""
		case FormatWebVTT, FormatAudacity:
			c.URL, c.Image, c.TOC, c.Location = "", "", nil, nil
		}
		out[i] = c
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for _, f := range Formats() {
		if !f.Writable() {
			continue
		}
		t.Run(string(f), func(t *testing.T) {
			in := sample()
			if f == FormatPodcastJSON {
				in = append(in, Chapter{Start: 3800000, Image: "https://example.org/map.jpg", TOC: boolp(false),
					Location: &Location{Name: "Eiffel Tower", Geo: "geo:48.8583,2.2945", OSM: "R7444"}})
			}
			var b bytes.Buffer
			if err := Encode(&b, f, in, EncodeOptions{Duration: 4000000}); err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
				t.Errorf("Encode output does not end with a newline")
			}
			got, gf, err := Decode(b.Bytes())
			if err != nil {
				t.Fatalf("Decode(%s output): %v\n%s", f, err, b.String())
			}
			if gf != f {
				t.Errorf("Decode detected %q, want %q", gf, f)
			}
			want := keep(f, in)
			if f == FormatWebVTT && want[len(want)-1].End == 0 {
				want[len(want)-1].End = 4000000
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip through %s (-want +got):\n%s", f, diff)
			}
			// Idempotence: encoding what was read gives the same bytes.
			var b2 bytes.Buffer
			if err := Encode(&b2, f, got, EncodeOptions{Duration: 4000000}); err != nil {
				t.Fatal(err)
			}
			if b.String() != b2.String() {
				t.Errorf("second encode differs:\n%s\n---\n%s", b.String(), b2.String())
			}
			golden.Assert(t, filepath.Join("testdata", "golden", "sample."+string(f)), b.Bytes(), *update)
		})
	}
}

// TestConvertMatrix moves the sample from every format to every other and
// back, checking that the times keep their milliseconds.
func TestConvertMatrix(t *testing.T) {
	for _, from := range Formats() {
		for _, to := range Formats() {
			if !from.Writable() || !to.Writable() {
				continue
			}
			var b bytes.Buffer
			if err := Encode(&b, from, sample(), EncodeOptions{Duration: 4000000}); err != nil {
				t.Fatal(err)
			}
			chs, _, err := Decode(b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			b.Reset()
			if err := Encode(&b, to, chs, EncodeOptions{Duration: 4000000}); err != nil {
				t.Fatalf("%s -> %s: %v", from, to, err)
			}
			got, err := DecodeFormat(b.Bytes(), to)
			if err != nil {
				t.Fatalf("%s -> %s: %v", from, to, err)
			}
			want := keep(to, keep(from, sample()))
			for i := range want {
				if got[i].Start != want[i].Start || got[i].Title != want[i].Title || got[i].URL != want[i].URL {
					t.Errorf("%s -> %s: chapter %d = %+v, want %+v", from, to, i, got[i], want[i])
				}
			}
		}
	}
}

func TestDecodeExamples(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Chapter
		format   Format
	}{
		{"podlove json with empty keys", `[{"start":"00:00:00","title":"A","href":"","image":""},{"start":"7:48","title":"B"},{"start":"05:12:03.5","title":"C"},{"start":"37","title":"D"}]`,
			[]Chapter{{Title: "A"}, {Start: 468000, Title: "B"}, {Start: 18723500, Title: "C"}, {Start: 37000, Title: "D"}}, FormatPodloveJSON},
		{"podcast json with p2 keys swapped", `{"chapters":[{"startTime":1.5,"title":"A","image":"i","href":"h"},{"startTime":3725.25,"endTime":3800,"title":"B"}],"version":"1.2.0"}`,
			[]Chapter{{Start: 1500, Title: "A", Image: "i", URL: "h"}, {Start: 3725250, End: 3800000, Title: "B"}}, FormatPodcastJSON},
		{"mp4chaps with comments and url", "# made by hand\n00:00:00.000 Intro\n00:03:00.5 Why <https://example.org/x>\n1:02:03.004\tTabbed title\n",
			[]Chapter{{Title: "Intro"}, {Start: 180500, Title: "Why", URL: "https://example.org/x"}, {Start: 3723004, Title: "Tabbed title"}}, FormatMP4Chaps},
		{"mp4chaps OGM style", "CHAPTER01=00:00:00.000\nCHAPTER01NAME=Intro\nCHAPTER02=00:01:00.000\nCHAPTER02NAME=Next\n",
			[]Chapter{{Title: "Intro"}, {Start: 60000, Title: "Next"}}, FormatMP4Chaps},
		{"webvtt with header text, ids and tags", "\uFEFFWEBVTT - Chapters\n\nNOTE a comment\n\nintro\n00:00.000 --> 03:00.000\n<b>Intro</b> &amp; more\n\n03:00.000 --> 01:00:00.000 align:start\nSecond\n",
			[]Chapter{{Title: "Intro & more"}, {Start: 180000, End: 3600000, Title: "Second"}}, FormatWebVTT},
		{"audacity with decimal comma and spectral line", "0,000000\t0,000000\tIntro\n\\\t100.0\t2000.0\n180.5\t200.25\tRegion label\n754 754 Spaced  label\n",
			[]Chapter{{Title: "Intro"}, {Start: 180500, End: 200250, Title: "Region label"}, {Start: 754000, Title: "Spaced  label"}}, FormatAudacity},
		{"cue sheet", "REM GENRE Podcast\nPERFORMER \"Show\"\nTITLE \"Album\"\nFILE \"ep7.mp3\" MP3\n  TRACK 01 AUDIO\n    TITLE \"Intro\"\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    PERFORMER \"Guest\"\n    INDEX 00 02:59:00\n    INDEX 01 03:00:37\n  track 03 audio\n    title \"Long\"\n    index 01 75:30:74\n",
			[]Chapter{{Title: "Intro"}, {Start: 180493, Title: "Guest"}, {Start: 4530987, Title: "Long"}}, FormatCUE},
		{"psc inside an atom feed", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><psc:chapters version="1.1" xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="00:00:00" title="W" image="i"/><psc:chapter start="12:42.345" title="R&amp;D" href="h"/></psc:chapters><psc:chapters xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="1" title="ignored"/></psc:chapters></entry></feed>`,
			[]Chapter{{Title: "W", Image: "i"}, {Start: 762345, Title: "R&D", URL: "h"}}, FormatPSC},
	}
	tests = append(tests, struct {
		name, in string
		want     []Chapter
		format   Format
	}{"psc in a latin-1 feed", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><item><psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\"><psc:chapter start=\"0\" title=\"Resum\xe9e \x93quoted\x94\"/></psc:chapters></item></rss>",
		[]Chapter{{Title: "Resumée “quoted”"}}, FormatPSC})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, f, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if f != tt.format {
				t.Errorf("format = %q, want %q", f, tt.format)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decode (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string // "line:col: substring"
	}{
		{"json syntax", FormatPodloveJSON, "[\n  {\"start\": \"00:00\", \"title\": \"A\"},\n  {\"start\": \"00:10\" \"title\": \"B\"}\n]", []string{"3:21: JSON: invalid character"}},
		{"podlove bad starts collected", FormatPodloveJSON, "[\n {\"start\":\"1:2:3:4\",\"title\":\"A\"},\n {\"title\":\"B\"},\n {\"start\":\"0:75\"}\n]", []string{`2:2: chapter 1: bad start "1:2:3:4"`, `3:2: chapter 2: missing "start"`, `4:2: chapter 3: bad start "0:75"`}},
		{"podlove not array", FormatPodloveJSON, ` {"a":1}`, []string{"1:2: a Podlove JSON chapter list must be a JSON array"}},
		{"podcast toc string", FormatPodcastJSON, "{\"version\":\"1.2.0\",\n\"chapters\":[{\"startTime\":0,\"toc\":\"false\"}]}", []string{`2:28: "toc" is a JSON string, want a boolean`}},
		{"podcast no chapters", FormatPodcastJSON, `{"version":"1.2.0"}`, []string{`1:1: missing "chapters" array`}},
		{"podcast bad start", FormatPodcastJSON, "{\"chapters\":[\n{\"startTime\":-1},{\"title\":\"x\"},{\"startTime\":\"0:00\",\"endTime\":true}]}", []string{`2:1: chapter 1: bad "startTime" -1`, `2:18: chapter 2: missing "startTime"`, `2:32: chapter 3: "startTime" is the string "0:00": want a number`, `2:32: chapter 3: "endTime" is true: want a number`}},
		{"psc xml error", FormatPSC, "<psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\">\n<psc:chapter start=\"0\" title=\"a\">\n</psc:chapters>", []string{"3:16: XML: element <chapter> closed by </chapters>"}},
		{"psc missing start", FormatPSC, "<psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\">\n  <psc:chapter title=\"a\"/>\n  <psc:chapter start=\"x\" title=\"b\"/>\n</psc:chapters>", []string{`2:3: <psc:chapter> 1 has no "start"`, `3:3: <psc:chapter> 2: bad start "x"`}},
		{"psc none", FormatPSC, "<rss/>", []string{"1:1: no <psc:chapters> element"}},
		{"mp4chaps bad time", FormatMP4Chaps, "00:00:00.000 A\n  00:61:00.000 B\n", []string{`2:3: bad time "00:61:00.000"`}},
		{"webvtt no header", FormatWebVTT, "00:00.000 --> 00:01.000\nA\n", []string{`1:1: a WebVTT file starts with "WEBVTT"`}},
		{"webvtt bad end", FormatWebVTT, "WEBVTT\n\n00:00.000 --> 00:xx.000\nA\n\nno timing\n", []string{`3:14: bad cue end "00:xx.000"`, "6:1: cue has no timing line"}},
		{"audacity bad", FormatAudacity, "0.0\t1.0\tA\nabc\tdef\tB\n", []string{`2:1: bad start "abc"`, `2:5: bad end "def"`}},
		{"cue bad index", FormatCUE, "FILE \"a.mp3\" MP3\nTRACK 01 AUDIO\n  INDEX 01 00:00:75\nTRACK 02 AUDIO\n", []string{`3:3: bad INDEX time "00:00:75"`, "4:1: TRACK has no INDEX 01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeFormat([]byte(tt.in), tt.format)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("DecodeFormat error = %v, want an ErrorList", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := list[i].Error(); !strings.HasPrefix(got, w) {
					t.Errorf("error %d = %q, want prefix %q", i, got, w)
				}
			}
		})
	}
}

func TestEncodeWebVTTNeedsDuration(t *testing.T) {
	err := Encode(&bytes.Buffer{}, FormatWebVTT, []Chapter{{Title: "A"}}, EncodeOptions{})
	if !errors.Is(err, ErrNeedDuration) {
		t.Errorf("Encode(webvtt) without a duration = %v, want ErrNeedDuration", err)
	}
	if err := Encode(&bytes.Buffer{}, FormatCUE, nil, EncodeOptions{}); err == nil {
		t.Errorf("Encode(cue) = nil, want an error (read only)")
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("srt"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat(srt) error = %v, want ErrUnknownFormat", err)
	}
}

func TestCorpus(t *testing.T) {
	for _, path := range corpus.Files(t, "chapters", "*") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			chs, f, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			// Each decoded file survives a trip through its own format.
			var b bytes.Buffer
			if err := Encode(&b, f, chs, EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			again, err := DecodeFormat(b.Bytes(), f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(chs, again); diff != "" {
				t.Errorf("re-encode changed the chapters (-first +second):\n%s", diff)
			}
			if strings.Contains(path, "empty") != (len(chs) == 0) {
				t.Errorf("got %d chapters", len(chs))
			}
			// What the fixtures' own tests (or INDEX.tsv) say they hold.
			switch filepath.Base(path) {
			case "feedparser_psc-rss2.0simplechapter.xml", "feedparser_psc-atomsimplechapter.xml":
				want := []int64{0, 187250, 506000, 762345}
				if len(chs) != len(want) || chs[0].Title != "Welcome" || chs[3].Title != "Resumée" {
					t.Fatalf("chapters = %+v", chs)
				}
				for i, w := range want {
					if chs[i].Start != w {
						t.Errorf("chapter %d starts at %d ms, want %d", i, chs[i].Start, w)
					}
				}
			case "podcast-namespace_exampleComplex.chapters.json":
				c := chs[7]
				if len(chs) != 11 || c.Start != 4826000 || c.Listed() || c.Location == nil || c.Location.Geo != "geo:42.3417649,-70.9661596" {
					t.Errorf("silent chapter = %+v (of %d)", c, len(chs))
				}
			case "chapters-js_relative-img-v1.0.0.chapters.json":
				if len(chs) != 26 || chs[0].Start != 6202 || chs[25].Image != "chapter_026.jpg" {
					t.Errorf("chapters = %d, first %+v", len(chs), chs[0])
				}
			case "rome_psc-rss.xml":
				if len(chs) != 3 || chs[0].URL != "http://example.org" || chs[0].Image != "http://example.org/cover" {
					t.Errorf("chapters = %+v", chs)
				}
			}
		})
	}
}
