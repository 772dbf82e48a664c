package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// embedChapters are the chapters most writer tests embed: the first at 0,
// a link, a title outside Latin-1.
var embedChapters = []Chapter{
	{Start: 0, Title: "Opening"},
	{Start: 1200 * time.Millisecond, Title: "Ça va — 日本語", URL: "https://example.org/a?b=1"},
	{Start: 1700 * time.Millisecond, Title: "Last one"},
}

func embedBytes(t testing.TB, in []byte, chs []Chapter, opt EmbedOptions) ([]byte, EmbedResult, error) {
	t.Helper()
	var out bytes.Buffer
	res, err := Embed(context.Background(), bytes.NewReader(in), int64(len(in)), &out, chs, opt)
	if err != nil {
		return nil, res, err
	}
	if int64(out.Len()) != res.Size {
		t.Fatalf("Embed wrote %d bytes, its result says %d", out.Len(), res.Size)
	}
	return out.Bytes(), res, nil
}

func probeBytes(t testing.TB, b []byte) Info {
	t.Helper()
	info, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("Probe(embedded file): %v", err)
	}
	return info
}

// wantChapters is chs with the ends a reader reports: the next start, or
// the duration for the last.
func wantChapters(chs []Chapter, dur time.Duration) []Chapter {
	out := append([]Chapter(nil), chs...)
	for i := range out {
		if out[i].End == 0 {
			if i+1 < len(out) {
				out[i].End = out[i+1].Start
			} else {
				out[i].End = dur
			}
		}
	}
	return out
}

// TestEmbedFixtures embeds chapters into every fixture format, reads them
// back, checks that the audio is where it was, that embedding again gives
// the same bytes and that new chapters replace old ones.
func TestEmbedFixtures(t *testing.T) {
	for _, name := range []string{
		"cbr.mp3", "cbr-info.mp3", "vbr-xing.mp3", "id3v23-chap.mp3", "id3v24-chap.mp3",
		"chapters.m4a", "faststart.m4a", "video.mp4", "video.mov",
		"opus.opus", "vorbis.ogg", "flac.flac",
	} {
		t.Run(name, func(t *testing.T) {
			in := readFixture(t, name)
			before := probeBytes(t, in)
			chs := embedChapters
			if before.Duration < 2*time.Second {
				t.Fatalf("fixture %s is too short (%v) for the test chapters", name, before.Duration)
			}
			out, res, err := embedBytes(t, in, chs, EmbedOptions{})
			if err != nil {
				t.Fatalf("Embed(%s): %v", name, err)
			}
			after := probeBytes(t, out)
			if diff := cmp.Diff(wantChapters(chs, before.Duration), after.Chapters); diff != "" {
				t.Errorf("chapters read back (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(res.Chapters, after.Chapters); diff != "" {
				t.Errorf("EmbedResult.Chapters differ from those read back (-result +read):\n%s", diff)
			}
			if after.Duration != before.Duration || after.Format != before.Format || after.MIME != before.MIME {
				t.Errorf("after embedding: %s %s %v, want %s %s %v", after.Format, after.MIME, after.Duration, before.Format, before.MIME, before.Duration)
			}
			if after.Title != before.Title || after.Artist != before.Artist || after.Artwork != before.Artwork {
				t.Errorf("tags after embedding: %q %q %v, want %q %q %v", after.Title, after.Artist, after.Artwork, before.Title, before.Artist, before.Artwork)
			}
			checkAudioKept(t, before.Format, in, out)

			again, _, err := embedBytes(t, out, chs, EmbedOptions{})
			if err != nil {
				t.Fatalf("Embed again: %v", err)
			}
			if !bytes.Equal(again, out) {
				t.Errorf("embedding the same chapters again changed the file (%d -> %d bytes)", len(out), len(again))
			}

			// New chapters replace the old ones: the same file as
			// embedding them into the original.
			other := []Chapter{{Start: 0, Title: "Only"}, {Start: 900 * time.Millisecond, Title: "Two"}}
			replaced, _, err := embedBytes(t, out, other, EmbedOptions{})
			if err != nil {
				t.Fatalf("Embed other chapters: %v", err)
			}
			direct, _, err := embedBytes(t, in, other, EmbedOptions{})
			if err != nil {
				t.Fatalf("Embed other chapters into the original: %v", err)
			}
			if !bytes.Equal(replaced, direct) {
				t.Errorf("replacing chapters left traces: %d bytes, embedding into the original gives %d", len(replaced), len(direct))
			}
			if diff := cmp.Diff(wantChapters(other, before.Duration), probeBytes(t, replaced).Chapters); diff != "" {
				t.Errorf("replaced chapters (-want +got):\n%s", diff)
			}

			// No chapters: the file keeps none.
			none, _, err := embedBytes(t, out, nil, EmbedOptions{})
			if err != nil {
				t.Fatalf("Embed no chapters: %v", err)
			}
			if got := probeBytes(t, none).Chapters; len(got) != 0 {
				t.Errorf("after embedding no chapters, %d remain", len(got))
			}
			checkAudioKept(t, before.Format, in, none)
		})
	}
}

// checkAudioKept checks that the media data of out is that of in.
func checkAudioKept(t *testing.T, f Format, in, out []byte) {
	t.Helper()
	switch f {
	case MP3:
		_, a, _, err := scanID3Tags(srcOf(in))
		if err != nil {
			t.Fatal(err)
		}
		_, b, _, err := scanID3Tags(srcOf(out))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(in[a:], out[b:]) {
			t.Errorf("the audio after the ID3v2 tag changed")
		}
	case MP4:
		checkMP4Chunks(t, in, out)
	case OggOpus, OggVorbis:
		a, b := oggAudioStart(t, in), oggAudioStart(t, out)
		if !bytes.Equal(in[a:], out[b:]) {
			t.Errorf("the ogg audio pages changed")
		}
	case FLAC:
		a, b := flacAudioStart(t, in), flacAudioStart(t, out)
		if !bytes.Equal(in[a:], out[b:]) {
			t.Errorf("the flac frames changed")
		}
	default:
		t.Fatalf("no audio check for %s", f)
	}
}

// oggAudioStart returns where the first page after the header packets
// starts.
func oggAudioStart(t *testing.T, b []byte) int64 {
	t.Helper()
	s := srcOf(b)
	first, err := readOggPageAt(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := 2
	if strings.Contains(string(b[first.hdr.hdrLen:first.end()]), "vorbis") {
		want = 3
	}
	packets := 0
	off := int64(0)
	for packets < want {
		pg, err := readOggPageAt(s, off)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range pg.hdr.lacing {
			if l < 255 {
				packets++
			}
		}
		off = pg.end()
	}
	return off
}

func flacAudioStart(t *testing.T, b []byte) int64 {
	t.Helper()
	pos := int64(4)
	for {
		last := b[pos]&0x80 != 0
		pos += 4 + (int64(b[pos+1])<<16 | int64(b[pos+2])<<8 | int64(b[pos+3]))
		if last {
			return pos
		}
	}
}

// mp4Tracks returns, for each track that is not a chapter track, its chunk
// offsets.
func mp4Tracks(t *testing.T, b []byte) map[uint32][]uint64 {
	t.Helper()
	s := srcOf(b)
	var moov *box
	if err := walkBoxes(s, 0, s.size, func(x box) (bool, error) {
		if x.typ == "moov" {
			moov = &x
		}
		return true, nil
	}); err != nil || moov == nil {
		t.Fatalf("no moov: %v", err)
	}
	kids, err := parseMBoxes(b[moov.body():moov.end()], 1)
	if err != nil {
		t.Fatal(err)
	}
	root := containerBox("moov", kids...)
	chap := map[uint32]bool{}
	var traks []trakInfo
	for _, k := range root.kids {
		if k.typ == "trak" {
			ti := readTrak(k)
			traks = append(traks, ti)
			for _, id := range ti.chaps {
				chap[id] = true
			}
		}
	}
	out := map[uint32][]uint64{}
	for _, ti := range traks {
		if chap[ti.id] {
			continue
		}
		tables, err := chunkTables(ti.box)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tables {
			n, _ := c.len()
			for i := range n {
				out[ti.id] = append(out[ti.id], c.get(i))
			}
		}
	}
	return out
}

// checkMP4Chunks checks that every chunk of every media track points at
// the same bytes in out as in in.
func checkMP4Chunks(t *testing.T, in, out []byte) {
	t.Helper()
	a, b := mp4Tracks(t, in), mp4Tracks(t, out)
	if len(a) != len(b) {
		t.Fatalf("%d media tracks before, %d after", len(a), len(b))
	}
	for id, offs := range a {
		got := b[id]
		if len(got) != len(offs) {
			t.Errorf("track %d: %d chunks before, %d after", id, len(offs), len(got))
			continue
		}
		for i := range offs {
			x := in[offs[i]:min(uint64(len(in)), offs[i]+256)]
			y := out[got[i]:min(uint64(len(out)), got[i]+uint64(len(x)))]
			if !bytes.Equal(x, y) {
				t.Errorf("track %d chunk %d: offset %d -> %d no longer points at the same bytes", id, i, offs[i], got[i])
				break
			}
		}
	}
}

func TestEmbedID3Versions(t *testing.T) {
	in := readFixture(t, "id3v23-chap.mp3")
	for _, v := range []int{3, 4} {
		out, res, err := embedBytes(t, in, embedChapters, EmbedOptions{ID3Version: v})
		if err != nil {
			t.Fatal(err)
		}
		if out[3] != byte(v) {
			t.Errorf("ID3Version %d wrote ID3v2.%d", v, out[3])
		}
		info := probeBytes(t, out)
		if info.Title != "Fixture Title" || info.Artist != "Fixture Artist" {
			t.Errorf("ID3v2.%d: title %q artist %q, want the fixture's", v, info.Title, info.Artist)
		}
		if diff := cmp.Diff(res.Chapters, info.Chapters); diff != "" {
			t.Errorf("ID3v2.%d chapters (-want +got):\n%s", v, diff)
		}
		checkAudioKept(t, MP3, in, out)
	}
	if _, _, err := embedBytes(t, in, embedChapters, EmbedOptions{ID3Version: 2}); err == nil {
		t.Error("ID3Version 2: no error")
	}
}

// TestEmbedID3Kept builds tags the way other tools write them and checks
// what is kept, converted or dropped.
func TestEmbedID3Kept(t *testing.T) {
	audio := readFixture(t, "cbr.mp3")
	_, start, _, err := scanID3Tags(srcOf(audio))
	if err != nil {
		t.Fatal(err)
	}
	audio = audio[start:]
	pic := append([]byte("\x00image/png\x00\x03\x00"), bytes.Repeat([]byte{0x89}, 3000)...)
	tests := []struct {
		name      string
		tag       []byte
		major     byte
		title     string
		artwork   bool
		wantNotes string
		keepsPic  bool
	}{
		{
			name:     "v2.3 frames kept byte for byte, old chapters replaced",
			tag:      buildID3(3, []id3Frame{{"TIT2", []byte("\x00Kept")}, {"APIC", pic}, chapFrame(3, "old", 0, 10, "Old", ""), ctocFrame("t", true, "old")}),
			major:    3,
			title:    "Kept",
			artwork:  true,
			keepsPic: true,
		},
		{
			name:      "v2.2 converted to v2.3",
			tag:       buildID3(2, []id3Frame{{"TT2", []byte("\x00Old style")}, {"PIC", append([]byte("\x00JPG\x03\x00"), 0xFF, 0xD8)}, {"XYZ", []byte("?")}}),
			major:     3,
			title:     "Old style",
			artwork:   true,
			wantNotes: "XYZ (no ID3v2.3 equivalent)",
		},
		{
			name:      "a frame that asks to be dropped when the tag changes",
			tag:       buildID3(4, []id3Frame{{"TIT2", []byte("\x03Kept")}, {"TXXX", []byte("\x00x\x00y")}}),
			major:     4,
			title:     "Kept",
			wantNotes: "",
		},
		{
			name:  "two tags in a row merge",
			tag:   append(buildID3(3, []id3Frame{{"TIT2", []byte("\x00First")}}), buildID3(3, []id3Frame{{"TIT2", []byte("\x00Second")}, {"TPE1", []byte("\x00Artist")}})...),
			major: 3,
			title: "First",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append(append([]byte(nil), tt.tag...), audio...)
			out, res, err := embedBytes(t, in, embedChapters, EmbedOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if out[3] != tt.major {
				t.Errorf("wrote ID3v2.%d, want ID3v2.%d", out[3], tt.major)
			}
			info := probeBytes(t, out)
			if info.Title != tt.title || info.Artwork != tt.artwork {
				t.Errorf("title %q artwork %v, want %q %v", info.Title, info.Artwork, tt.title, tt.artwork)
			}
			if diff := cmp.Diff(res.Chapters, info.Chapters); diff != "" {
				t.Errorf("chapters (-want +got):\n%s", diff)
			}
			notes := strings.Join(res.Notes, "\n")
			if tt.wantNotes != "" && !strings.Contains(notes, tt.wantNotes) {
				t.Errorf("notes %q, want one about %q", notes, tt.wantNotes)
			}
			if !bytes.HasSuffix(out, audio) {
				t.Error("the audio changed")
			}
			if tt.keepsPic && !bytes.Contains(out, pic) {
				t.Error("the APIC frame was not kept byte for byte")
			}
		})
	}

	// The tag alter preservation flag drops a frame (ID3v2.4: 0x40).
	tag := buildID3(4, []id3Frame{{"TIT2", []byte("\x03Kept")}, {"TXXX", []byte("\x00gone\x00y")}})
	i := bytes.Index(tag, []byte("TXXX"))
	tag[i+8] = 0x40
	out, res, err := embedBytes(t, append(tag, audio...), embedChapters, EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("gone")) {
		t.Error("a frame flagged to be discarded on tag change was kept")
	}
	if !strings.Contains(strings.Join(res.Notes, " "), "TXXX") {
		t.Errorf("notes %q do not name the dropped TXXX", res.Notes)
	}
}

// TestEmbedID3Picture embeds a chapter picture and finds it in the CHAP.
func TestEmbedID3Picture(t *testing.T) {
	in := readFixture(t, "cbr.mp3")
	img := append([]byte{0xFF, 0xD8, 0xFF}, bytes.Repeat([]byte("jpeg"), 100)...)
	out, _, err := embedBytes(t, in, embedChapters, EmbedOptions{Pictures: []*Picture{nil, {MIME: "image/jpeg", Data: img}}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, append([]byte("image/jpeg\x00\x00\x00"), img...)) {
		t.Error("the chapter picture is not in the tag")
	}
	tag, err := readID3v2(srcOf(out), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(tag.chapters) != 3 {
		t.Errorf("%d chapters, want 3", len(tag.chapters))
	}
	// Other formats say they left it out.
	_, res, err := embedBytes(t, readFixture(t, "opus.opus"), embedChapters, EmbedOptions{Pictures: []*Picture{{MIME: "image/jpeg", Data: img}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.Notes, " "), "pictures") {
		t.Errorf("notes %q say nothing of the picture left out", res.Notes)
	}
}

// TestEmbedBadChapters: chapters a file cannot take are errors naming the
// chapter, and nothing is written.
func TestEmbedBadChapters(t *testing.T) {
	many := func(n int) []Chapter {
		out := make([]Chapter, n)
		for i := range out {
			out[i] = Chapter{Start: time.Duration(i) * time.Millisecond, Title: fmt.Sprintf("c%d", i)}
		}
		return out
	}
	tests := []struct {
		name  string
		file  string
		chs   []Chapter
		index int
		msg   string
	}{
		{"past the end", "cbr.mp3", []Chapter{{Start: 0, Title: "a"}, {Start: time.Minute, Title: "late"}}, 1, "past the end"},
		{"at the very end", "opus.opus", []Chapter{{Start: 4200 * time.Millisecond, Title: "edge"}}, 0, "past the end"},
		{"overlap", "chapters.m4a", []Chapter{{Start: 0, End: 2 * time.Second, Title: "a"}, {Start: time.Second, Title: "b"}}, 0, "overlap"},
		{"backwards", "flac.flac", []Chapter{{Start: time.Second, Title: "a"}, {Start: 500 * time.Millisecond, Title: "b"}}, 1, "forward"},
		{"same start", "vorbis.ogg", []Chapter{{Start: time.Second, Title: "a"}, {Start: time.Second, Title: "b"}}, 1, "forward"},
		{"end before start", "cbr.mp3", []Chapter{{Start: time.Second, End: time.Second, Title: "a"}}, 0, "not after its start"},
		{"end past the end", "cbr.mp3", []Chapter{{Start: time.Second, End: time.Hour, Title: "a"}}, 0, "past the end"},
		{"256 in chpl", "chapters.m4a", many(256), 255, "255"},
		{"256 in CTOC", "cbr.mp3", many(256), 255, "255"},
		{"1000 in Vorbis comments", "flac.flac", many(1000), 999, "999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readFixture(t, tt.file)
			var out bytes.Buffer
			_, err := Embed(context.Background(), bytes.NewReader(in), int64(len(in)), &out, tt.chs, EmbedOptions{})
			var ce *ChapterError
			if !errors.As(err, &ce) {
				t.Fatalf("Embed error = %v, want a *ChapterError", err)
			}
			if ce.Index != tt.index || !strings.Contains(ce.Error(), tt.msg) || !strings.Contains(ce.Error(), fmt.Sprintf("chapter %d %q", tt.index+1, tt.chs[tt.index].Title)) {
				t.Errorf("error %q (index %d), want chapter %d and %q", ce, ce.Index, tt.index, tt.msg)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written despite the error", out.Len())
			}
		})
	}
	// 255 fit, 999 fit.
	for _, c := range []struct {
		file string
		n    int
	}{{"chapters.m4a", 255}, {"cbr.mp3", 255}, {"flac.flac", 999}} {
		out, _, err := embedBytes(t, readFixture(t, c.file), many(c.n), EmbedOptions{})
		if err != nil {
			t.Errorf("%d chapters in %s: %v", c.n, c.file, err)
			continue
		}
		if got := len(probeBytes(t, out).Chapters); got != c.n {
			t.Errorf("%d chapters in %s: %d read back", c.n, c.file, got)
		}
	}
}

// TestEmbedBadMedia: media that cannot be read or lies about itself gives
// a clear error, and nothing is written.
func TestEmbedBadMedia(t *testing.T) {
	mp4Moov := func(t *testing.T, b []byte) (int, int) {
		s := srcOf(b)
		var m box
		_ = walkBoxes(s, 0, s.size, func(x box) (bool, error) {
			if x.typ == "moov" {
				m = x
			}
			return true, nil
		})
		return int(m.off), int(m.size)
	}
	tests := []struct {
		name string
		make func(t *testing.T) []byte
		want error
	}{
		{"not media", func(*testing.T) []byte { return []byte("just some text, not audio at all") }, ErrUnknownFormat},
		{"empty", func(*testing.T) []byte { return nil }, ErrUnknownFormat},
		{"wav", func(t *testing.T) []byte { return readFixture(t, "wav.wav") }, ErrNotEmbeddable},
		{"id3 tag longer than the file", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "id3v23-chap.mp3"))
			copy(b[6:10], synchsafeBytes(1<<27))
			return b
		}, ErrCorrupt},
		{"id3 frame longer than its tag", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "id3v23-chap.mp3"))
			i := bytes.Index(b, []byte("TIT2"))
			binary.BigEndian.PutUint32(b[i+4:], 1<<20)
			return b
		}, ErrCorrupt},
		{"mp4 cut short in mdat", func(t *testing.T) []byte {
			return readFixture(t, "faststart.m4a")[:3000]
		}, ErrCorrupt},
		{"mp4 moov at the end cut short", func(t *testing.T) []byte {
			b := readFixture(t, "chapters.m4a")
			return b[:len(b)-100]
		}, ErrCorrupt},
		{"mp4 chunk offset past the end", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "faststart.m4a"))
			i := bytes.Index(b, []byte("stco"))
			binary.BigEndian.PutUint32(b[i+12:], 1<<30)
			return b
		}, ErrCorrupt},
		{"mp4 chunk offset inside moov", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "faststart.m4a"))
			off, _ := mp4Moov(t, b)
			i := bytes.Index(b, []byte("stco"))
			binary.BigEndian.PutUint32(b[i+12:], uint32(off+20))
			return b
		}, ErrCorrupt},
		{"mp4 stco count lies", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "faststart.m4a"))
			i := bytes.Index(b, []byte("stco"))
			binary.BigEndian.PutUint32(b[i+8:], 1<<30)
			return b
		}, ErrCorrupt},
		{"mp4 box inside moov lies", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "faststart.m4a"))
			i := bytes.Index(b, []byte("trak"))
			binary.BigEndian.PutUint32(b[i-4:], 1<<28)
			return b
		}, ErrCorrupt},
		{"ogg header page cut short", func(t *testing.T) []byte {
			return readFixture(t, "opus.opus")[:70]
		}, ErrCorrupt},
		{"ogg comment count lies", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "opus.opus"))
			i := bytes.Index(b, []byte("OpusTags"))
			vl := int(binary.LittleEndian.Uint32(b[i+8:]))
			binary.LittleEndian.PutUint32(b[i+12+vl:], 1<<30)
			return b
		}, ErrCorrupt},
		{"flac block longer than the file", func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "flac.flac"))
			b[4] &^= 0x80
			next := 4 + 4 + 34
			b[next], b[next+1], b[next+2], b[next+3] = 4, 0xFF, 0xFF, 0xFF
			return b[:next+100]
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.make(t)
			var out bytes.Buffer
			_, err := Embed(context.Background(), bytes.NewReader(in), int64(len(in)), &out, embedChapters[:1], EmbedOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Embed error = %v, want %v", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written despite the error", out.Len())
			}
		})
	}
}

// TestEmbedOggRenumber: a comment header that needs more pages than it
// had moves every later page's sequence number; the pages still check
// and the packets are those of the original.
func TestEmbedOggRenumber(t *testing.T) {
	for _, name := range []string{"opus.opus", "vorbis.ogg"} {
		t.Run(name, func(t *testing.T) {
			in := readFixture(t, name)
			long := []Chapter{}
			for i := range 400 {
				long = append(long, Chapter{Start: time.Duration(i) * 10 * time.Millisecond, Title: strings.Repeat("long title ", 20) + fmt.Sprint(i)})
			}
			out, res, err := embedBytes(t, in, long, EmbedOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(res.Notes, " "), "renumbered") {
				t.Fatalf("notes %q: the comment header was expected to grow past its page", res.Notes)
			}
			checkOggPages(t, out)
			if got := len(probeBytes(t, out).Chapters); got != len(long) {
				t.Errorf("%d chapters read back, want %d", got, len(long))
			}
			// Audio pages: same bodies and granules.
			a, b := oggPages(t, in[oggAudioStart(t, in):]), oggPages(t, out[oggAudioStart(t, out):])
			if len(a) != len(b) {
				t.Fatalf("%d audio pages before, %d after", len(a), len(b))
			}
			for i := range a {
				if !bytes.Equal(a[i][26:], b[i][26:]) || !bytes.Equal(a[i][:18], b[i][:18]) {
					t.Fatalf("audio page %d changed beyond its sequence number and checksum", i)
				}
			}
			// Back to a short list: the header keeps its pages (spread
			// thin) so that the audio pages need no renumbering.
			short, res, err := embedBytes(t, out, embedChapters, EmbedOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notes) != 0 {
				t.Errorf("notes %q, want none", res.Notes)
			}
			checkOggPages(t, short)
			if !bytes.Equal(short[oggAudioStart(t, short):], out[oggAudioStart(t, out):]) {
				t.Error("shrinking the comment header changed the audio pages")
			}
			if diff := cmp.Diff(wantChapters(embedChapters, probeBytes(t, in).Duration), probeBytes(t, short).Chapters); diff != "" {
				t.Errorf("chapters (-want +got):\n%s", diff)
			}
		})
	}
}

func oggPages(t *testing.T, b []byte) [][]byte {
	t.Helper()
	var out [][]byte
	s := srcOf(b)
	for off := int64(0); off < s.size; {
		pg, err := readOggPageAt(s, off)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b[off:pg.end()])
		off = pg.end()
	}
	return out
}

// checkOggPages checks every page's checksum and that each stream's
// sequence numbers go up by one.
func checkOggPages(t *testing.T, b []byte) {
	t.Helper()
	next := map[uint32]uint32{}
	for i, pg := range oggPages(t, b) {
		if !oggCRCOK(pg) {
			t.Fatalf("page %d: bad checksum", i)
		}
		serial, seq := binary.LittleEndian.Uint32(pg[14:]), binary.LittleEndian.Uint32(pg[18:])
		if want, ok := next[serial]; ok && seq != want {
			t.Fatalf("page %d: sequence %d, want %d", i, seq, want)
		}
		next[serial] = seq + 1
	}
}

// TestEmbedMP4Wide: chunk offsets that the bigger moov pushes past 4 GB
// turn stco into co64. The source is a fast-start file with a huge free
// box between its moov and its mdat, planned only (never copied).
func TestEmbedMP4Wide(t *testing.T) {
	in := readFixture(t, "faststart.m4a")
	s := srcOf(in)
	var moovEnd int64
	_ = walkBoxes(s, 0, s.size, func(x box) (bool, error) {
		if x.typ == "moov" {
			moovEnd = x.end()
		}
		return true, nil
	})
	head := bytes.Clone(in[:moovEnd])
	i := bytes.Index(head, []byte("stco"))
	n := int(binary.BigEndian.Uint32(head[i+8:]))
	last := uint64(binary.BigEndian.Uint32(head[i+12+4*(n-1):]))
	pad := int64(math.MaxUint32 - last - 16) // the last chunk ends up 16 bytes below 4 GB
	var orig []uint64
	for k := range n {
		v := binary.BigEndian.Uint32(head[i+12+4*k:])
		orig = append(orig, uint64(v))
		binary.BigEndian.PutUint32(head[i+12+4*k:], v+uint32(pad))
	}
	free := binary.BigEndian.AppendUint32(nil, 1)
	free = append(free, "free"...)
	free = binary.BigEndian.AppendUint64(free, uint64(pad))
	r := &sparseReader{parts: []sparsePart{{0, head}, {moovEnd, free}, {moovEnd + pad, in[moovEnd:]}}, size: int64(len(in)) + pad}

	p, err := PlanEmbed(context.Background(), r, r.size, embedChapters, EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var moov []byte
	for _, pc := range p.pieces {
		if !pc.fromSrc && len(pc.data) > 8 && string(pc.data[4:8]) == "moov" {
			moov = pc.data
		}
	}
	kids, err := parseMBoxes(moov[8:], 1)
	if err != nil {
		t.Fatal(err)
	}
	got := mp4TrackOffsets(t, containerBox("moov", kids...))
	if len(got) != 1 {
		t.Fatalf("%d media tracks, want 1", len(got))
	}
	for _, offs := range got {
		if len(offs.offsets) != n || offs.typ != "co64" {
			t.Fatalf("new chunk table is %s with %d offsets, want co64 with %d", offs.typ, len(offs.offsets), n)
		}
		grow := int64(offs.offsets[0]) - int64(orig[0]) - pad
		if grow <= 0 {
			t.Fatalf("offsets did not move: %d -> %d", orig[0], offs.offsets[0])
		}
		for k := range n {
			if int64(offs.offsets[k]) != int64(orig[k])+pad+grow {
				t.Errorf("chunk %d at %d, want %d", k, offs.offsets[k], int64(orig[k])+pad+grow)
			}
		}
		if offs.offsets[n-1] <= math.MaxUint32 {
			t.Errorf("last chunk at %d: the test needs it past 4 GB", offs.offsets[n-1])
		}
	}
}

type trackOffsets struct {
	typ     string
	offsets []uint64
}

// mp4TrackOffsets returns the chunk table of each track that is not a
// chapter track.
func mp4TrackOffsets(t *testing.T, root *mbox) map[uint32]trackOffsets {
	t.Helper()
	chap := map[uint32]bool{}
	var traks []trakInfo
	for _, k := range root.kids {
		if k.typ == "trak" {
			ti := readTrak(k)
			traks = append(traks, ti)
			for _, id := range ti.chaps {
				chap[id] = true
			}
		}
	}
	out := map[uint32]trackOffsets{}
	for _, ti := range traks {
		if chap[ti.id] {
			continue
		}
		tables, err := chunkTables(ti.box)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tables {
			to := trackOffsets{typ: c.box.typ}
			n, _ := c.len()
			for i := range n {
				to.offsets = append(to.offsets, c.get(i))
			}
			out[ti.id] = to
		}
	}
	return out
}

// sparseReader is a large file of zeros with a few parts filled in.
type sparseReader struct {
	parts []sparsePart
	size  int64
}

type sparsePart struct {
	off int64
	b   []byte
}

func (r *sparseReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.size {
		return 0, errEOF
	}
	n := len(p)
	if int64(n) > r.size-off {
		n = int(r.size - off)
	}
	clear(p[:n])
	for _, pt := range r.parts {
		lo, hi := max(off, pt.off), min(off+int64(n), pt.off+int64(len(pt.b)))
		if lo < hi {
			copy(p[lo-off:hi-off], pt.b[lo-pt.off:hi-pt.off])
		}
	}
	if n < len(p) {
		return n, errEOF
	}
	return n, nil
}

// TestEmbedID3Unsync: a tag with whole-tag unsynchronisation is written
// back without it, its frames decoded.
func TestEmbedID3Unsync(t *testing.T) {
	audio := readFixture(t, "cbr.mp3")
	_, start, _, err := scanID3Tags(srcOf(audio))
	if err != nil {
		t.Fatal(err)
	}
	audio = audio[start:]
	frames := encodeFrames(3, []id3Frame{{"TIT2", []byte("\x00Kept")}, {"PRIV", []byte("x\x00\xFF\xE0\xFF\x00data")}})
	body := bytes.ReplaceAll(frames, []byte{0xFF}, []byte{0xFF, 0x00})
	tag := append([]byte{'I', 'D', '3', 3, 0, 0x80}, synchsafeBytes(len(body))...)
	in := append(append(tag, body...), audio...)
	out, res, err := embedBytes(t, in, embedChapters, EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out[5]&0x80 != 0 {
		t.Error("the unsynchronisation flag is still set")
	}
	if !bytes.Contains(out, []byte("x\x00\xFF\xE0\xFF\x00data")) {
		t.Error("the PRIV frame was not kept, decoded")
	}
	info := probeBytes(t, out)
	if info.Title != "Kept" {
		t.Errorf("title %q, want Kept", info.Title)
	}
	if diff := cmp.Diff(res.Chapters, info.Chapters); diff != "" {
		t.Errorf("chapters (-want +got):\n%s", diff)
	}
	if !bytes.HasSuffix(out, audio) {
		t.Error("the audio changed")
	}
}
