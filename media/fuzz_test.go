package media

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
