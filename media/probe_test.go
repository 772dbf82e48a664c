package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixtureChapters are the chapters make-fixtures.sh writes.
var fixtureChapters = []Chapter{
	{Start: 0, End: 1500 * time.Millisecond, Title: "Intro"},
	{Start: 1500 * time.Millisecond, End: 3200 * time.Millisecond, Title: "Middle part"},
	{Start: 3200 * time.Millisecond, End: 5000 * time.Millisecond, Title: "Ünïcode end"},
}

// TestProbeFixtures checks every fixture against the duration a full
// decode gives (decodedMS, recorded by testdata/make-fixtures.sh with
// ffmpeg), within 50 ms.
func TestProbeFixtures(t *testing.T) {
	tests := []struct {
		file       string
		format     Format
		mime       string
		codec      string
		source     string
		decodedMS  int64
		sampleRate int
		channels   int
		video      bool
		title      string
		chapters   []Chapter
	}{
		{"cbr.mp3", MP3, "audio/mpeg", "mp3", "cbr", 5328, 44100, 1, false, "", nil},
		{"cbr-mpeg2.mp3", MP3, "audio/mpeg", "mp3", "cbr", 6164, 22050, 1, false, "", nil},
		{"cbr-info.mp3", MP3, "audio/mpeg", "mp3", "xing", 5300, 44100, 1, false, "", nil},
		{"vbr-xing.mp3", MP3, "audio/mpeg", "mp3", "xing", 4700, 44100, 1, false, "", nil},
		// ffprobe's quick estimate for this file is 6.481 s; the decode gives 4.728 s.
		{"vbr-noxing.mp3", MP3, "audio/mpeg", "mp3", "scan", 4728, 44100, 1, false, "", nil},
		{"id3v23-chap.mp3", MP3, "audio/mpeg", "mp3", "xing", 5000, 44100, 1, false, "Fixture Title", fixtureChapters},
		{"id3v24-chap.mp3", MP3, "audio/mpeg", "mp3", "xing", 5000, 44100, 1, false, "Fixture Title", fixtureChapters},
		{"chapters.m4a", MP4, "audio/x-m4a", "aac", "mvhd", 5015, 44100, 1, false, "Fixture Title", fixtureChapters},
		{"opus.opus", OggOpus, "audio/ogg", "opus", "granule", 4200, 48000, 1, false, "", nil},
		{"vorbis.ogg", OggVorbis, "audio/ogg", "vorbis", "granule", 4400, 44100, 1, false, "Fixture Title", nil},
		{"flac.flac", FLAC, "audio/flac", "flac", "streaminfo", 3300, 8000, 1, false, "", nil},
		{"wav.wav", WAV, "audio/wav", "pcm", "wav", 2700, 8000, 1, false, "", nil},
		{"video.mp4", MP4, "video/mp4", "aac", "mvhd", 3018, 22050, 1, true, "", nil},
		// QuickTime: a data handler (hdlr in minf) must not hide the media type.
		{"video.mov", MP4, "video/quicktime", "aac", "mvhd", 2043, 22050, 1, true, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > 100<<10 {
				t.Errorf("fixture is %d bytes, over the 100 KB limit", len(b))
			}
			got, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatalf("Probe(%s) error: %v", tt.file, err)
			}
			want := time.Duration(tt.decodedMS) * time.Millisecond
			if diff := got.Duration - want; diff > 50*time.Millisecond || diff < -50*time.Millisecond {
				t.Errorf("Probe(%s).Duration = %v, want %v ±50ms (full decode)", tt.file, got.Duration, want)
			}
			if got.Duration%time.Millisecond != 0 {
				t.Errorf("Probe(%s).Duration = %v, not whole milliseconds", tt.file, got.Duration)
			}
			if got.Format != tt.format || got.MIME != tt.mime || got.Codec != tt.codec || got.DurationSource != tt.source {
				t.Errorf("Probe(%s) = format %q mime %q codec %q source %q, want %q %q %q %q",
					tt.file, got.Format, got.MIME, got.Codec, got.DurationSource, tt.format, tt.mime, tt.codec, tt.source)
			}
			if got.Size != int64(len(b)) {
				t.Errorf("Probe(%s).Size = %d, want %d", tt.file, got.Size, len(b))
			}
			if got.SampleRate != tt.sampleRate || got.Channels != tt.channels || got.Video != tt.video {
				t.Errorf("Probe(%s) = rate %d channels %d video %v, want %d %d %v",
					tt.file, got.SampleRate, got.Channels, got.Video, tt.sampleRate, tt.channels, tt.video)
			}
			if got.Bitrate <= 0 {
				t.Errorf("Probe(%s).Bitrate = %d, want > 0", tt.file, got.Bitrate)
			}
			if got.Title != tt.title {
				t.Errorf("Probe(%s).Title = %q, want %q", tt.file, got.Title, tt.title)
			}
			if tt.title != "" && got.Artist != "Fixture Artist" {
				t.Errorf("Probe(%s).Artist = %q, want %q", tt.file, got.Artist, "Fixture Artist")
			}
			if diff := cmp.Diff(tt.chapters, got.Chapters); diff != "" {
				t.Errorf("Probe(%s).Chapters mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestProbeUnknown(t *testing.T) {
	for _, in := range []string{"", "hello, world", "<?xml version=\"1.0\"?><rss/>", "\x00\x00\x00\x00\x00"} {
		_, err := Probe(context.Background(), bytes.NewReader([]byte(in)), int64(len(in)))
		if !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("Probe(%q) error = %v, want ErrUnknownFormat", in, err)
		}
	}
}

func TestProbeCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := []byte("ID3")
	if _, err := Probe(ctx, bytes.NewReader(b), 3); !errors.Is(err, context.Canceled) {
		t.Errorf("Probe(canceled ctx) error = %v, want context.Canceled", err)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r interface {
		ReadAt([]byte, int64) (int, error)
	}
	bytes atomic.Int64
	calls atomic.Int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.bytes.Add(int64(n))
	c.calls.Add(1)
	return n, err
}

// mp3Frame128 is the header of a MPEG-1 layer III frame, 128 kbit/s,
// 44.1 kHz, mono, no padding: 417 bytes long.
var mp3Frame128 = [4]byte{0xFF, 0xFB, 0x90, 0xC4}

const mp3Frame128Len = 417

// syntheticMP3 is a ReaderAt over a huge MP3: head bytes, then CBR frames
// (a header and zeros) up to size.
type syntheticMP3 struct {
	head []byte
	size int64
}

func (s *syntheticMP3) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		o := off + int64(n)
		if o >= s.size {
			return n, errEOF
		}
		switch {
		case o < int64(len(s.head)):
			p[n] = s.head[o]
		default:
			rel := (o - int64(len(s.head))) % mp3Frame128Len
			if rel < 4 {
				p[n] = mp3Frame128[rel]
			} else {
				p[n] = 0
			}
		}
		n++
	}
	return n, nil
}

var errEOF = errors.New("EOF")

// xingFrame builds a 417-byte first frame carrying a Xing header with the
// given frame count and a LAME tag with the given delay and padding.
func xingFrame(tag string, frames uint32, delay, padding int) []byte {
	f := make([]byte, mp3Frame128Len)
	copy(f, mp3Frame128[:])
	o := 4 + 17
	copy(f[o:], tag)
	binary.BigEndian.PutUint32(f[o+4:], 1) // frames present
	binary.BigEndian.PutUint32(f[o+8:], frames)
	p := o + 12
	copy(f[p:], "LAME3.100")
	v := delay<<12 | padding
	f[p+21], f[p+22], f[p+23] = byte(v>>16), byte(v>>8), byte(v)
	return f
}

// TestProbeCostDoesNotGrow probes a 1 GB MP3 with a Xing header (and a
// 200 KB picture in its ID3v2 tag) and counts the bytes read.
func TestProbeCostDoesNotGrow(t *testing.T) {
	const size = 1 << 30
	tag := buildID3(3, []id3Frame{
		{"TIT2", append([]byte{3}, "Big episode"...)},
		{"APIC", make([]byte, 200<<10)},
	})
	frames := uint32((size - len(tag)) / mp3Frame128Len)
	head := append(tag, xingFrame("Xing", frames-1, 576, 1000)...)
	r := &countingReader{r: &syntheticMP3{head: head, size: size}}
	info, err := Probe(context.Background(), r, size)
	if err != nil {
		t.Fatal(err)
	}
	want := samplesToDuration(uint64(frames-1)*1152-1576, 44100).Truncate(time.Millisecond)
	if info.Duration != want || info.DurationSource != "xing" {
		t.Errorf("Probe(1 GB) = %v from %q, want %v from xing", info.Duration, info.DurationSource, want)
	}
	if !info.Artwork || info.Title != "Big episode" {
		t.Errorf("Probe(1 GB) artwork %v title %q, want true %q", info.Artwork, info.Title, "Big episode")
	}
	if got := r.bytes.Load(); got > 256<<10 {
		t.Errorf("Probe(1 GB MP3 with Xing) read %d bytes, want at most %d", got, 256<<10)
	} else {
		t.Logf("Probe(1 GB MP3 with Xing) read %d bytes in %d calls", got, r.calls.Load())
	}
}

// TestProbeCBRCost probes a 1 GB CBR MP3 without a Xing header.
func TestProbeCBRCost(t *testing.T) {
	const size = 1 << 30
	r := &countingReader{r: &syntheticMP3{size: size}}
	info, err := Probe(context.Background(), r, size)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Duration(float64(size) * 8 / 128000 * float64(time.Second)).Truncate(time.Millisecond)
	if info.Duration != want || info.DurationSource != "cbr" || info.Bitrate != 128000 {
		t.Errorf("Probe(1 GB CBR) = %v from %q at %d bit/s, want %v from cbr at 128000", info.Duration, info.DurationSource, info.Bitrate, want)
	}
	if got := r.bytes.Load(); got > 256<<10 {
		t.Errorf("Probe(1 GB CBR MP3) read %d bytes, want at most %d", got, 256<<10)
	}
}

func TestProbeVBRI(t *testing.T) {
	f := make([]byte, mp3Frame128Len)
	copy(f, mp3Frame128[:])
	copy(f[36:], "VBRI")
	binary.BigEndian.PutUint32(f[36+14:], 1000)
	s := &syntheticMP3{head: f, size: int64(len(f)) + 1000*mp3Frame128Len}
	info, err := Probe(context.Background(), s, s.size)
	if err != nil {
		t.Fatal(err)
	}
	want := samplesToDuration(1000*1152, 44100).Truncate(time.Millisecond)
	if info.Duration != want || info.DurationSource != "vbri" {
		t.Errorf("Probe(VBRI) = %v from %q, want %v from vbri", info.Duration, info.DurationSource, want)
	}
}
