package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestProbeLies feeds files whose sizes or counts lie: each must give an
// ErrCorrupt error, not a panic, a hang or a huge allocation.
func TestProbeLies(t *testing.T) {
	tests := map[string]func(t *testing.T) []byte{
		"ogg page longer than file": func(t *testing.T) []byte {
			return readFixture(t, "opus.opus")[:60]
		},
		"ogg without a final granule": func(t *testing.T) []byte {
			b := readFixture(t, "vorbis.ogg")
			// Only the header pages survive.
			p, _ := parseOggPage(b)
			return b[:p.hdrLen+p.bodyLen]
		},
		"flac block longer than file": func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "flac.flac"))
			b[4] &^= 0x80 // STREAMINFO is not the last block
			next := 4 + 4 + 34
			b[next], b[next+1], b[next+2], b[next+3] = 4, 0xFF, 0xFF, 0xFF
			return b[:next+100]
		},
		"flac STREAMINFO of the wrong size": func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "flac.flac"))
			b[7] = 200
			return b
		},
		"wav without data chunk": func(t *testing.T) []byte {
			return readFixture(t, "wav.wav")[:36]
		},
		"wav fmt chunk cut short": func(t *testing.T) []byte {
			b := bytes.Clone(readFixture(t, "wav.wav")[:44])
			binary.LittleEndian.PutUint32(b[16:20], 2)
			return b
		},
		"mp3 tag then nothing": func(t *testing.T) []byte {
			b := readFixture(t, "id3v23-chap.mp3")
			tag, err := readID3v2(srcOf(b), 0)
			if err != nil {
				t.Fatal(err)
			}
			return b[:tag.totalSize+3]
		},
	}
	for name, mk := range tests {
		t.Run(name, func(t *testing.T) {
			b := mk(t)
			_, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Probe(%s) error = %v, want ErrCorrupt", name, err)
			}
		})
	}
}

// TestProbeMP3CutShort probes the first half of an MP3 whose Xing header
// describes the whole file: the duration is that of the half present.
func TestProbeMP3CutShort(t *testing.T) {
	b := readFixture(t, "vbr-xing.mp3")
	b = b[:len(b)/2]
	info, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if info.DurationSource == "xing" || info.Duration > 3*time.Second {
		t.Errorf("Probe(half a file) = %v from %q, want less than the whole file's 4.7s, not from the Xing header", info.Duration, info.DurationSource)
	}
}

// TestProbeWAVStreamed accepts a WAV whose data size is unknown
// (0xFFFFFFFF, as streaming writers leave it): the rest of the file is data.
func TestProbeWAVStreamed(t *testing.T) {
	b := bytes.Clone(readFixture(t, "wav.wav"))
	i := bytes.Index(b, []byte("data"))
	binary.LittleEndian.PutUint32(b[i+4:], 0xFFFFFFFF)
	info, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if ms := info.Duration.Milliseconds(); ms < 2650 || ms > 2750 {
		t.Errorf("Probe(streamed wav).Duration = %v, want about 2.7s", info.Duration)
	}
}
