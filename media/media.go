package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// Format names a container and codec family that Probe recognises.
type Format string

// The formats Probe recognises.
const (
	MP3       Format = "mp3"
	MP4       Format = "mp4"
	OggOpus   Format = "ogg-opus"
	OggVorbis Format = "ogg-vorbis"
	FLAC      Format = "flac"
	WAV       Format = "wav"
)

// Info is what Probe learnt about a media file.
type Info struct {
	// Format is the container family.
	Format Format `json:"format"`
	// MIME is the type to put in an enclosure, chosen from the content.
	MIME string `json:"mime"`
	// Codec names the audio codec when known ("mp3", "aac", "opus", ...).
	Codec string `json:"codec,omitempty"`
	// Size is the byte length of the file.
	Size int64 `json:"size"`
	// Duration is the playing time, truncated to whole milliseconds.
	Duration time.Duration `json:"duration"`
	// DurationSource says how the duration was found: "xing", "vbri",
	// "cbr", "scan", "mvhd", "granule", "streaminfo" or "wav".
	DurationSource string `json:"durationSource,omitempty"`
	// Bitrate is the average bitrate in bits per second.
	Bitrate int `json:"bitrate,omitempty"`
	// SampleRate is the audio sample rate in Hz.
	SampleRate int `json:"sampleRate,omitempty"`
	// Channels is the number of audio channels.
	Channels int `json:"channels,omitempty"`
	// Video is true when the file has a video track (other than cover art).
	Video bool `json:"video,omitempty"`
	// Title is the title tag, if any.
	Title string `json:"title,omitempty"`
	// Artist is the artist tag, if any.
	Artist string `json:"artist,omitempty"`
	// Artwork is true when the file embeds a picture.
	Artwork bool `json:"artwork,omitempty"`
	// Chapters are the chapters embedded in the file, in playing order.
	Chapters []Chapter `json:"chapters,omitempty"`
	// Warnings are things about the file a publisher should know that did
	// not stop the probe: data after the audio that is not audio, a
	// duration estimated rather than measured, a metadata block skipped.
	Warnings []string `json:"warnings,omitempty"`
}

// Chapter is one embedded chapter. Start and End are whole milliseconds
// from the start of the media; End is never before Start.
type Chapter struct {
	Start time.Duration `json:"start"`
	End   time.Duration `json:"end"`
	Title string        `json:"title,omitempty"`
	URL   string        `json:"url,omitempty"`
}

// ErrUnknownFormat is returned by Probe for content it does not recognise.
var ErrUnknownFormat = errors.New("unknown media format")

// ErrCorrupt is wrapped by every error about a file whose structure is
// broken, truncated or lies about its sizes or counts.
var ErrCorrupt = errors.New("corrupt media")

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
}

// maxAlloc bounds any single buffer a parser allocates from a size it read
// from the file.
const maxAlloc = 16 << 20

// src is a bounded view of the input.
type src struct {
	r    io.ReaderAt
	size int64
}

// read returns exactly n bytes at off, failing when they are not all there.
func (s src) read(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || n > maxAlloc || off > s.size || int64(n) > s.size-off {
		return nil, corrupt("%d bytes at offset %d lie outside the %d-byte file", n, off, s.size)
	}
	b := make([]byte, n)
	if n == 0 {
		return b, nil
	}
	if m, err := s.r.ReadAt(b, off); m < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read %d bytes at offset %d: %w", n, off, err)
	}
	return b, nil
}

// readInto fills p with the bytes at off, failing when they are not all
// there; unlike read it allocates nothing.
func (s src) readInto(p []byte, off int64) error {
	n := len(p)
	if off < 0 || off > s.size || int64(n) > s.size-off {
		return corrupt("%d bytes at offset %d lie outside the %d-byte file", n, off, s.size)
	}
	if m, err := s.r.ReadAt(p, off); m < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("read %d bytes at offset %d: %w", n, off, err)
	}
	return nil
}

// readUpTo returns up to n bytes at off, fewer at the end of the file.
func (s src) readUpTo(off int64, n int) ([]byte, error) {
	if off >= s.size || off < 0 {
		return nil, nil
	}
	if int64(n) > s.size-off {
		n = int(s.size - off)
	}
	return s.read(off, n)
}

// Probe reads the media file r of size bytes and reports what it is. The
// MIME type and format come from the content, never from a file name. It
// reads only the parts of the file it needs. Errors wrap ErrUnknownFormat
// for content it does not recognise and ErrCorrupt for broken files.
func Probe(ctx context.Context, r io.ReaderAt, size int64) (Info, error) {
	if err := ctx.Err(); err != nil {
		return Info{}, err
	}
	s := src{r: r, size: size}
	head, err := s.readUpTo(0, 12)
	if err != nil {
		return Info{}, err
	}
	var info Info
	switch {
	case len(head) >= 4 && string(head[:4]) == "fLaC":
		info, err = probeFLAC(s, 0)
	case len(head) >= 4 && string(head[:4]) == "OggS":
		info, err = probeOgg(ctx, s)
	case len(head) >= 12 && (string(head[:4]) == "RIFF" || string(head[:4]) == "RF64") && string(head[8:12]) == "WAVE":
		info, err = probeWAV(s)
	case len(head) >= 8 && isMP4Box(head[4:8]):
		info, err = probeMP4(ctx, s)
	case len(head) >= 3 && string(head[:3]) == "ID3":
		// An ID3v2 tag may precede MPEG audio, and (rarely) FLAC.
		var tag *id3Tag
		tag, err = readID3v2(s, 0)
		if err != nil {
			return Info{}, err
		}
		after := int64(tag.totalSize)
		if b, _ := s.readUpTo(after, 4); len(b) == 4 && string(b) == "fLaC" {
			info, err = probeFLAC(s, after)
			if err == nil {
				tag.apply(&info)
			}
		} else {
			info, err = probeMP3(ctx, s, tag)
		}
	case len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0:
		info, err = probeMP3(ctx, s, nil)
	default:
		info, err = probeMP3Sniff(ctx, s, head)
	}
	if err != nil {
		return Info{}, err
	}
	info.Size = size
	info.Duration = info.Duration.Truncate(time.Millisecond)
	if info.Bitrate == 0 && info.Duration > 0 {
		info.Bitrate = int(float64(size) * 8 / info.Duration.Seconds())
	}
	info.Chapters = finishChapters(info.Chapters, info.Duration)
	return info, nil
}

// probeMP3Sniff accepts MPEG audio that starts with a little junk (up to a
// few KB, as some encoders write) and rejects everything else.
func probeMP3Sniff(ctx context.Context, s src, head []byte) (Info, error) {
	buf, err := s.readUpTo(0, 4096)
	if err != nil {
		return Info{}, err
	}
	if _, ok := findFrame(buf, 0); !ok || bytes.HasPrefix(buf, []byte("<")) {
		return Info{}, ErrUnknownFormat
	}
	return probeMP3(ctx, s, nil)
}

// finishChapters sorts chapters by start, fills missing end times with the
// next chapter's start (or the duration) and truncates times to whole
// milliseconds.
func finishChapters(ch []Chapter, dur time.Duration) []Chapter {
	if len(ch) == 0 {
		return nil
	}
	sort.SliceStable(ch, func(i, j int) bool { return ch[i].Start < ch[j].Start })
	for i := range ch {
		c := &ch[i]
		c.Start = c.Start.Truncate(time.Millisecond)
		c.End = c.End.Truncate(time.Millisecond)
		if c.End <= c.Start {
			switch {
			case i+1 < len(ch):
				c.End = ch[i+1].Start.Truncate(time.Millisecond)
			case dur > c.Start:
				c.End = dur
			}
			if c.End < c.Start {
				c.End = c.Start
			}
		}
	}
	return ch
}

// samplesToDuration converts a sample count at rate Hz to a duration
// without overflow for any 64-bit count.
func samplesToDuration(samples uint64, rate uint64) time.Duration {
	if rate == 0 {
		return 0
	}
	sec := samples / rate
	rem := samples % rate
	if sec > uint64(1<<63-1)/uint64(time.Second) {
		return 0
	}
	return time.Duration(sec)*time.Second + time.Duration(rem*uint64(time.Second)/rate)
}
