package media

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// addFixtures seeds a fuzz target with the committed fixtures whose name
// matches pattern.
func addFixtures(f *testing.F, pattern string) {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func srcOf(b []byte) src { return src{r: bytes.NewReader(b), size: int64(len(b))} }

// checkInfo holds the invariants every successful probe keeps.
func checkInfo(t *testing.T, info Info, err error) {
	t.Helper()
	if err != nil {
		return
	}
	if info.Duration < 0 {
		t.Errorf("negative duration %v", info.Duration)
	}
	for i, c := range finishChapters(info.Chapters, info.Duration) {
		if c.End < c.Start {
			t.Errorf("chapter %d ends at %v before it starts at %v", i, c.End, c.Start)
		}
	}
}

func FuzzProbe(f *testing.F) {
	addFixtures(f, "*.*")
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
		checkInfo(t, info, err)
	})
}

func FuzzID3v2(f *testing.F) {
	addFixtures(f, "id3*.mp3")
	f.Add(buildID3(2, []id3Frame{{"TT2", []byte{0, 'x'}}, {"PIC", []byte{0}}}))
	f.Add(buildID3(4, []id3Frame{chapFrame(4, "a", 0, 10, "t", "u"), ctocFrame("t", true, "a")}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tag, err := readID3v2(srcOf(b), 0); err == nil {
			if tag.totalSize > int64(len(b)) {
				t.Errorf("tag size %d beyond input of %d bytes", tag.totalSize, len(b))
			}
		}
	})
}

func FuzzMP3(f *testing.F) {
	addFixtures(f, "*.mp3")
	f.Add(xingFrame("Xing", 10, 576, 100))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := probeMP3(context.Background(), srcOf(b), nil)
		checkInfo(t, info, err)
	})
}

func FuzzMP4(f *testing.F) {
	addFixtures(f, "*.m4a")
	addFixtures(f, "*.mp4")
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := probeMP4(context.Background(), srcOf(b))
		checkInfo(t, info, err)
	})
}

func FuzzOgg(f *testing.F) {
	addFixtures(f, "*.ogg")
	addFixtures(f, "*.opus")
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := probeOgg(context.Background(), srcOf(b))
		checkInfo(t, info, err)
	})
}

func FuzzFLAC(f *testing.F) {
	addFixtures(f, "*.flac")
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := probeFLAC(srcOf(b), 0)
		checkInfo(t, info, err)
	})
}

func FuzzWAV(f *testing.F) {
	addFixtures(f, "*.wav")
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := probeWAV(srcOf(b))
		checkInfo(t, info, err)
	})
}

func FuzzVorbisComments(f *testing.F) {
	f.Add([]byte("\x03\x00\x00\x00abc\x02\x00\x00\x00\x0c\x00\x00\x00CHAPTER001=1\x0f\x00\x00\x00CHAPTER001NAME=x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var info Info
		applyVorbisComments(&info, parseVorbisComments(b))
		checkInfo(t, info, nil)
	})
}

// FuzzVorbisCommentsInPlace checks the in-place reader FLAC uses against
// the in-memory parser Ogg uses: both must give the same title, artist,
// artwork and chapters.
func FuzzVorbisCommentsInPlace(f *testing.F) {
	f.Add(vorbisComments("v", "TITLE=x", "CHAPTER001=00:00:01.5", "chapter001name=One", "METADATA_BLOCK_PICTURE=AAAA", "other=y", "noequals"))
	f.Add([]byte("\x03\x00\x00\x00abc\x02\x00\x00\x00\x0c\x00\x00\x00CHAPTER001=1\x0f\x00\x00\x00CHAPTER001NAME=x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tags, _, err := readVorbisComments(srcOf(b), 0, int64(len(b)))
		if err != nil {
			t.Fatalf("readVorbisComments: %v", err)
		}
		var inPlace, inMemory Info
		applyVorbisComments(&inPlace, tags)
		applyVorbisComments(&inMemory, parseVorbisComments(b))
		if !reflect.DeepEqual(inPlace, inMemory) {
			t.Errorf("in place %+v, in memory %+v", inPlace, inMemory)
		}
	})
}

// FuzzProbeHuge probes a 1 GB file that starts with the input, repeats it
// for 100 MB and then holds junk: whatever the input, a probe must not
// panic and must read no more than its bound.
func FuzzProbeHuge(f *testing.F) {
	addFixtures(f, "*.mp3")
	addFixtures(f, "*.flac")
	f.Add(cbrFrames())
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		const gb = 1 << 30
		file := segments{fixed(b), repeat(b, 100<<20), junk(gb - 100<<20 - int64(len(b)))}
		r := &countingReader{r: file}
		info, err := Probe(context.Background(), r, gb)
		checkInfo(t, info, err)
		if n := r.bytes.Load(); n > 24<<20 {
			t.Errorf("Probe read %d bytes of a 1 GB file, want at most 24 MB", n)
		}
	})
}
