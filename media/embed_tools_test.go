package media

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests check the chapter writers against tools nobody here wrote:
// ffprobe/ffmpeg (Debian package ffmpeg) and mutagen (python3-mutagen).
// .ci/run installs both; where they are missing the tests skip and say so.

func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install ffmpeg; .ci/run installs it): skipped", name)
	}
	return p
}

// mutagenPython returns a python3 that can import mutagen.
func mutagenPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-c", "import mutagen").Run() == nil {
			return p
		}
	}
	t.Skip("python3 with mutagen is not installed (Debian: apt-get install python3-mutagen; .ci/run installs it): skipped")
	return ""
}

func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// makeMedia encodes a few seconds of tone with ffmpeg into dir/name, with
// a title, an artist and (where the format takes one) cover art.
// Arguments up to "--" in extra are more inputs; the rest are output
// options.
func makeMedia(t *testing.T, dir, name string, extra ...string) string {
	t.Helper()
	ffmpeg := needTool(t, "ffmpeg")
	out := filepath.Join(dir, name)
	args := []string{"-hide_banner", "-loglevel", "error", "-y", "-bitexact",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=6"}
	for i, a := range extra {
		if a == "--" {
			args = append(args, extra[:i]...)
			extra = extra[i+1:]
			break
		}
	}
	args = append(args, "-metadata", "title=Tool Test", "-metadata", "artist=Some Artist", "-ac", "1")
	args = append(append(args, extra...), out)
	run(t, ffmpeg, args...)
	return out
}

// decodedMD5 is ffmpeg's MD5 of the decoded audio.
func decodedMD5(t *testing.T, path string) string {
	t.Helper()
	return strings.TrimSpace(string(run(t, needTool(t, "ffmpeg"), "-v", "error", "-i", path, "-map", "0:a", "-f", "md5", "-")))
}

type ffChapter struct {
	Start, End float64
	Title      string
}

// ffprobeChapters lists the chapters ffprobe finds, and the file's tags
// (with "duration", ffprobe's idea of it).
func ffprobeChapters(t *testing.T, path string) ([]ffChapter, map[string]string) {
	t.Helper()
	out := run(t, needTool(t, "ffprobe"), "-v", "error", "-show_chapters", "-show_format", "-of", "json", path)
	var doc struct {
		Chapters []struct {
			StartTime string            `json:"start_time"`
			EndTime   string            `json:"end_time"`
			Tags      map[string]string `json:"tags"`
		} `json:"chapters"`
		Format struct {
			Duration string            `json:"duration"`
			Tags     map[string]string `json:"tags"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("ffprobe output: %v\n%s", err, out)
	}
	var chs []ffChapter
	for _, c := range doc.Chapters {
		s, _ := strconv.ParseFloat(c.StartTime, 64)
		e, _ := strconv.ParseFloat(c.EndTime, 64)
		chs = append(chs, ffChapter{s, e, c.Tags["title"]})
	}
	tags := map[string]string{}
	for k, v := range doc.Format.Tags {
		tags[strings.ToLower(k)] = v
	}
	tags["duration"] = doc.Format.Duration
	return chs, tags
}

func embedFile(t *testing.T, in, out string, chs []Chapter, opt EmbedOptions) EmbedResult {
	t.Helper()
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Embed(context.Background(), f, st.Size(), w, chs, opt)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("Embed(%s): %v", in, err)
	}
	return res
}

// toolChapters start at 0, have a link, and a title outside Latin-1.
var toolChapters = []Chapter{
	{Start: 0, Title: "Welcome"},
	{Start: 2*time.Second + 250*time.Millisecond, Title: "Zweites Kapitel — ünïcödé 日本", URL: "https://example.org/two"},
	{Start: 4 * time.Second, Title: "The end"},
}

// TestEmbedFFprobe: ffprobe lists the embedded chapters with their start,
// end and title, keeps the file's tags, and the decoded audio's MD5 is
// unchanged.
func TestEmbedFFprobe(t *testing.T) {
	needTool(t, "ffprobe")
	dir := t.TempDir()
	cover := filepath.Join(dir, "cover.png")
	run(t, needTool(t, "ffmpeg"), "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=16x16", "-frames:v", "1", cover)
	withCover := func(args ...string) []string {
		return append([]string{"-i", cover, "--", "-map", "0:a", "-map", "1:v", "-c:v", "copy", "-disposition:v", "attached_pic"}, args...)
	}
	files := map[string][]string{
		"v23.mp3":    withCover("-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3"),
		"v24.mp3":    {"-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "4"},
		"end.m4a":    {"-c:a", "aac", "-b:a", "48k"},
		"fast.m4a":   {"-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart"},
		"book.m4b":   {"-c:a", "aac", "-b:a", "48k", "-f", "ipod"},
		"voice.opus": {"-c:a", "libopus", "-b:a", "32k"},
		"old.ogg":    {"-c:a", "libvorbis", "-q:a", "1"},
		"pure.flac":  {"-c:a", "flac"},
	}
	for name, args := range files {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := makeMedia(t, dir, name, args...)
			out := filepath.Join(dir, "chapters-"+name)
			before := decodedMD5(t, in)
			_, tagsBefore := ffprobeChapters(t, in)
			res := embedFile(t, in, out, toolChapters, EmbedOptions{})
			got, tags := ffprobeChapters(t, out)
			if len(got) != len(res.Chapters) {
				t.Fatalf("ffprobe lists %d chapters, want %d: %+v", len(got), len(res.Chapters), got)
			}
			for i, c := range res.Chapters {
				g := got[i]
				if i == len(got)-1 && (res.Format == OggOpus || res.Format == OggVorbis || res.Format == FLAC) {
					// Vorbis comments store no ends: ffprobe ends the last
					// chapter at its own idea of the duration (for Opus it
					// counts the pre-skip).
					d, _ := strconv.ParseFloat(tags["duration"], 64)
					c.End = time.Duration(d * float64(time.Second)).Round(time.Millisecond)
				}
				if g.Title != c.Title || !near(g.Start, c.Start) || !near(g.End, c.End) {
					t.Errorf("ffprobe chapter %d = %.3f-%.3f %q, want %.3f-%.3f %q", i, g.Start, g.End, g.Title, c.Start.Seconds(), c.End.Seconds(), c.Title)
				}
			}
			for _, k := range []string{"title", "artist"} {
				if tags[k] != tagsBefore[k] {
					t.Errorf("tag %s = %q after embedding, %q before", k, tags[k], tagsBefore[k])
				}
			}
			if after := decodedMD5(t, out); after != before {
				t.Errorf("decoded audio changed: %s before, %s after", before, after)
			}
		})
	}
}

// near compares ffprobe's seconds with a duration, to the millisecond.
func near(sec float64, d time.Duration) bool {
	diff := sec - d.Seconds()
	return diff < 0.0015 && diff > -0.0015
}

// TestEmbedMutagen: mutagen reads the ID3 table of contents and chapter
// frames (in both ID3 versions) and the Nero chapter list of an M4A.
func TestEmbedMutagen(t *testing.T) {
	py := mutagenPython(t)
	dir := t.TempDir()
	script := `
import json, sys
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
out = {}
path = sys.argv[1]
if path.endswith(".mp3"):
    tag = ID3(path)
    out["version"] = list(tag.version)
    out["tocs"] = [{"id": f.element_id, "flags": int(f.flags), "children": f.child_element_ids} for f in tag.getall("CTOC")]
    out["chaps"] = [{"id": f.element_id, "start": f.start_time, "end": f.end_time,
                     "title": str(f.sub_frames["TIT2"]) if "TIT2" in f.sub_frames else None,
                     "urls": [w.url for w in f.sub_frames.getall("WXXX")],
                     "pictures": len(f.sub_frames.getall("APIC"))} for f in tag.getall("CHAP")]
    out["title"] = str(tag["TIT2"]) if "TIT2" in tag else None
else:
    m = MP4(path)
    out["chapters"] = [{"start": c.start, "title": c.title} for c in (m.chapters or [])]
json.dump(out, sys.stdout)
`
	pic := &Picture{MIME: "image/png", Data: []byte("\x89PNG\r\n\x1a\nnot really")}
	type chap struct {
		ID       string   `json:"id"`
		Start    int64    `json:"start"`
		End      int64    `json:"end"`
		Title    string   `json:"title"`
		URLs     []string `json:"urls"`
		Pictures int      `json:"pictures"`
	}
	for _, v := range []int{3, 4} {
		t.Run(fmt.Sprintf("id3v2.%d", v), func(t *testing.T) {
			in := makeMedia(t, dir, fmt.Sprintf("in%d.mp3", v), "-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", strconv.Itoa(v))
			out := filepath.Join(dir, fmt.Sprintf("out%d.mp3", v))
			res := embedFile(t, in, out, toolChapters, EmbedOptions{ID3Version: v, Pictures: []*Picture{nil, nil, pic}})
			var doc struct {
				Version []int `json:"version"`
				Tocs    []struct {
					ID       string   `json:"id"`
					Flags    int      `json:"flags"`
					Children []string `json:"children"`
				} `json:"tocs"`
				Chaps []chap `json:"chaps"`
				Title string `json:"title"`
			}
			if err := json.Unmarshal(run(t, py, "-c", script, out), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Version) < 2 || doc.Version[1] != v {
				t.Errorf("mutagen reads ID3 version %v, want 2.%d", doc.Version, v)
			}
			if doc.Title != "Tool Test" {
				t.Errorf("mutagen reads title %q, want the one ffmpeg wrote", doc.Title)
			}
			if len(doc.Tocs) != 1 || doc.Tocs[0].Flags&3 != 3 {
				t.Fatalf("mutagen reads tables of contents %+v, want one top-level ordered", doc.Tocs)
			}
			if len(doc.Chaps) != len(res.Chapters) || len(doc.Tocs[0].Children) != len(res.Chapters) {
				t.Fatalf("mutagen reads %d chapters, %d in the table of contents; want %d", len(doc.Chaps), len(doc.Tocs[0].Children), len(res.Chapters))
			}
			for i, c := range res.Chapters {
				g := doc.Chaps[i]
				want := chap{ID: doc.Tocs[0].Children[i], Start: c.Start.Milliseconds(), End: c.End.Milliseconds(), Title: c.Title, URLs: []string{}}
				if c.URL != "" {
					want.URLs = []string{c.URL}
				}
				if i == 2 {
					want.Pictures = 1
				}
				if g.URLs == nil {
					g.URLs = []string{}
				}
				if fmt.Sprint(g) != fmt.Sprint(want) {
					t.Errorf("mutagen chapter %d = %+v, want %+v", i, g, want)
				}
			}
		})
	}
	t.Run("m4a chpl", func(t *testing.T) {
		// mutagen scales chpl times by the movie timescale; ffmpeg writes
		// 1000, for which its reading is exact.
		in := makeMedia(t, dir, "in.m4a", "-c:a", "aac", "-b:a", "48k")
		out := filepath.Join(dir, "out.m4a")
		chs := append([]Chapter{{Start: 500 * time.Millisecond, Title: "Late start"}}, toolChapters[1:]...)
		res := embedFile(t, in, out, chs, EmbedOptions{})
		var doc struct {
			Chapters []struct {
				Start float64 `json:"start"`
				Title string  `json:"title"`
			} `json:"chapters"`
		}
		if err := json.Unmarshal(run(t, py, "-c", script, out), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Chapters) != len(res.Chapters) {
			t.Fatalf("mutagen reads %d Nero chapters, want %d", len(doc.Chapters), len(res.Chapters))
		}
		for i, c := range res.Chapters {
			g := doc.Chapters[i]
			if g.Title != c.Title || !near(g.Start, c.Start) {
				t.Errorf("mutagen Nero chapter %d = %.3f %q, want %.3f %q", i, g.Start, g.Title, c.Start.Seconds(), c.Title)
			}
		}
	})
}
