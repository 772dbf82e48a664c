package media

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fuzzChapters makes a chapter list from fuzz input: each byte moves the
// next start on and its bits pick a title and a link.
func fuzzChapters(seed []byte, dur time.Duration) []Chapter {
	var out []Chapter
	start := time.Duration(0)
	for i, b := range seed {
		if i >= 40 {
			break
		}
		c := Chapter{Start: start, Title: string(seed[i:min(len(seed), i+int(b%24))])}
		if b&0x40 != 0 {
			c.URL = "https://example.org/" + string(seed[:min(len(seed), int(b%9))])
		}
		out = append(out, c)
		start += time.Duration(int(b)+1) * time.Millisecond * 7
		if dur > 0 && start >= dur {
			break
		}
	}
	return out
}

// embedErrorOK reports whether err is one Embed may give for bad input.
func embedErrorOK(err error) bool {
	var ce *ChapterError
	return errors.Is(err, ErrCorrupt) || errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrNotEmbeddable) || errors.As(err, &ce)
}

// FuzzEmbedID3 writes chapters into an MP3 whose ID3v2 tag is fuzzed,
// reads them back and checks the audio and the round trip.
//
//	go test -run '^$' -fuzz FuzzEmbedID3 ./media
func FuzzEmbedID3(f *testing.F) {
	for _, name := range []string{"id3v23-chap.mp3", "id3v24-chap.mp3"} {
		b := fuzzFixture(f, name)
		_, audio, _, err := scanID3Tags(srcOf(b))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:audio], []byte("\x10\x20hello\x50world"))
	}
	f.Add(buildID3(2, []id3Frame{{"TT2", []byte("\x00x")}, {"PIC", []byte("\x00PNG\x00\x00data")}}), []byte{1, 2, 3})
	f.Add(buildID3(4, []id3Frame{chapFrame(4, "a", 0, 10, "t", "u"), ctocFrame("t", true, "a"), {"TXXX", []byte("\x03d\x00v")}}), []byte("abc"))
	cbr := fuzzFixture(f, "cbr.mp3")
	_, start, _, err := scanID3Tags(srcOf(cbr))
	if err != nil {
		f.Fatal(err)
	}
	audio := cbr[start:]
	f.Fuzz(func(t *testing.T, tag, seed []byte) {
		in := append(append([]byte(nil), tag...), audio...)
		info, err := probeOrNil(in)
		if err != nil {
			return
		}
		chs := fuzzChapters(seed, info.Duration)
		out, res, err := embedBytes(t, in, chs, EmbedOptions{})
		if err != nil {
			if !embedErrorOK(err) {
				t.Fatalf("Embed error %v wraps none of the documented errors", err)
			}
			return
		}
		if info.Format != MP3 {
			return
		}
		got := probeBytes(t, out)
		if diff := cmp.Diff(res.Chapters, got.Chapters, cmpEmpty); diff != "" {
			t.Fatalf("chapters read back (-written +read):\n%s", diff)
		}
		_, a, _, err := scanID3Tags(srcOf(in))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(out, in[a:]) {
			t.Fatal("the audio after the tag changed")
		}
		again, _, err := embedBytes(t, out, chs, EmbedOptions{})
		if err != nil {
			t.Fatalf("Embed into its own output: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatal("embedding the same chapters again changed the file")
		}
	})
}

// FuzzEmbedMP4 writes chapters into fuzzed MP4 files, reads them back and
// checks that every chunk still points at its data and that embedding
// again changes nothing.
//
//	go test -run '^$' -fuzz FuzzEmbedMP4 ./media
func FuzzEmbedMP4(f *testing.F) {
	addFixtures(f, "*.m4a")
	addFixtures(f, "*.mp4")
	addFixtures(f, "*.mov")
	f.Fuzz(func(t *testing.T, in []byte) {
		info, err := probeOrNil(in)
		if err != nil || info.Format != MP4 {
			return
		}
		var chs []Chapter
		if d := info.Duration.Milliseconds(); d >= 3 {
			chs = []Chapter{{Start: 0, Title: "a"}, {Start: time.Duration(d/3) * time.Millisecond, Title: "b", URL: "https://example.org/b"}, {Start: time.Duration(2*d/3) * time.Millisecond, Title: "c"}}
		}
		out, res, err := embedBytes(t, in, chs, EmbedOptions{})
		if err != nil {
			if !embedErrorOK(err) {
				t.Fatalf("Embed error %v wraps none of the documented errors", err)
			}
			return
		}
		got := probeBytes(t, out)
		if len(chs) > 0 {
			if diff := cmp.Diff(res.Chapters, got.Chapters); diff != "" {
				t.Fatalf("chapters read back (-written +read):\n%s", diff)
			}
		}
		checkMP4Chunks(t, in, out)
		again, _, err := embedBytes(t, out, chs, EmbedOptions{})
		if err != nil {
			t.Fatalf("Embed into its own output: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatal("embedding the same chapters again changed the file")
		}
	})
}

// FuzzEmbedVorbis writes chapters into fuzzed Ogg and FLAC files.
//
//	go test -run '^$' -fuzz FuzzEmbedVorbis ./media
func FuzzEmbedVorbis(f *testing.F) {
	addFixtures(f, "*.opus")
	addFixtures(f, "*.ogg")
	addFixtures(f, "*.flac")
	f.Fuzz(func(t *testing.T, in []byte) {
		info, err := probeOrNil(in)
		if err != nil || (info.Format != OggOpus && info.Format != OggVorbis && info.Format != FLAC) {
			return
		}
		chs := fuzzChapters(in[:min(len(in), 30)], info.Duration)
		out, res, err := embedBytes(t, in, chs, EmbedOptions{})
		if err != nil {
			if !embedErrorOK(err) {
				t.Fatalf("Embed error %v wraps none of the documented errors", err)
			}
			return
		}
		got := probeBytes(t, out)
		want := wantChapters(res.Chapters, got.Duration)
		for i := range want {
			want[i].End = res.Chapters[i].End // Vorbis comments store starts only: ends are the reader's
			if i < len(got.Chapters) {
				got.Chapters[i].End = want[i].End
			}
		}
		if diff := cmp.Diff(want, got.Chapters, cmpEmpty); diff != "" {
			t.Fatalf("chapters read back (-written +read):\n%s", diff)
		}
	})
}

var cmpEmpty = cmpopts.EquateEmpty()

func probeOrNil(b []byte) (Info, error) {
	return Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
}

func fuzzFixture(f *testing.F, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}
