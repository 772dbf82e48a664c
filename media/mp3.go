package media

import (
	"context"
	"encoding/binary"
	"time"
)

// mpegHeader is a decoded MPEG audio frame header.
type mpegHeader struct {
	version    int // 1, 2 or 25 (MPEG 2.5)
	layer      int // 1, 2 or 3
	bitrate    int // bits per second
	sampleRate int
	channels   int
	frameLen   int // bytes, header included
	samples    int // per frame
}

// Bitrates in kbit/s by [lsf][layer-1][index]; lsf is 1 for MPEG 2 and 2.5.
var mpegBitrates = [2][3][15]int{
	{
		{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
		{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
	},
	{
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
	},
}

var mpegRates = [3][3]int{{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}}

// parseMPEGHeader decodes the 4-byte frame header in b. Free-format
// bitrates are not supported.
func parseMPEGHeader(b []byte) (mpegHeader, bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return mpegHeader{}, false
	}
	var h mpegHeader
	var lsf, rateRow int
	switch (b[1] >> 3) & 3 {
	case 0:
		h.version, lsf, rateRow = 25, 1, 2
	case 2:
		h.version, lsf, rateRow = 2, 1, 1
	case 3:
		h.version, lsf, rateRow = 1, 0, 0
	default:
		return mpegHeader{}, false
	}
	switch (b[1] >> 1) & 3 {
	case 1:
		h.layer = 3
	case 2:
		h.layer = 2
	case 3:
		h.layer = 1
	default:
		return mpegHeader{}, false
	}
	bi, si := int(b[2]>>4), int(b[2]>>2)&3
	if bi == 0 || bi == 15 || si == 3 || b[3]&3 == 2 {
		return mpegHeader{}, false
	}
	h.bitrate = mpegBitrates[lsf][h.layer-1][bi] * 1000
	h.sampleRate = mpegRates[rateRow][si]
	pad := int(b[2]>>1) & 1
	h.channels = 2
	if b[3]>>6 == 3 {
		h.channels = 1
	}
	switch {
	case h.layer == 1:
		h.samples = 384
		h.frameLen = (12*h.bitrate/h.sampleRate + pad) * 4
	case h.layer == 2 || lsf == 0:
		h.samples = 1152
		h.frameLen = 144*h.bitrate/h.sampleRate + pad
	default:
		h.samples = 576
		h.frameLen = 72*h.bitrate/h.sampleRate + pad
	}
	return h, true
}

// sameStream reports whether two headers can belong to one stream.
func (h mpegHeader) sameStream(o mpegHeader) bool {
	return h.version == o.version && h.layer == o.layer && h.sampleRate == o.sampleRate
}

// findFrame returns the offset in buf of the first frame header at or after
// from whose successor, when it lies inside buf, is a matching header.
func findFrame(buf []byte, from int) (int, bool) {
	for i := from; i+4 <= len(buf); i++ {
		if buf[i] != 0xFF {
			continue
		}
		h, ok := parseMPEGHeader(buf[i:])
		if !ok {
			continue
		}
		next := i + h.frameLen
		if next+4 <= len(buf) {
			n, ok := parseMPEGHeader(buf[next:])
			if !ok || !n.sameStream(h) {
				continue
			}
		}
		return i, true
	}
	return 0, false
}

// audioEnd returns where MPEG audio ends: before an ID3v1 tag and an APE
// tag at the end of the file.
func audioEnd(s src) int64 {
	end := s.size
	if _, _, ok := readID3v1(s); ok {
		end -= 128
	}
	if end >= 32 {
		if f, err := s.read(end-32, 32); err == nil && string(f[:8]) == "APETAGEX" {
			n := int64(binary.LittleEndian.Uint32(f[12:16]))
			if binary.LittleEndian.Uint32(f[20:24])&0x80000000 != 0 {
				n += 32 // header present
			}
			if n <= end {
				end -= n
			}
		}
	}
	return end
}

const mp3HeadWindow = 64 << 10

func probeMP3(ctx context.Context, s src, tag *id3Tag) (Info, error) {
	start := int64(0)
	if tag != nil {
		start = tag.totalSize
	}
	buf, err := s.readUpTo(start, mp3HeadWindow)
	if err != nil {
		return Info{}, err
	}
	idx, ok := findFrame(buf, 0)
	if !ok {
		if tag == nil {
			return Info{}, ErrUnknownFormat
		}
		return Info{}, corrupt("no MPEG audio frame in the %d bytes after the ID3v2 tag", len(buf))
	}
	h, _ := parseMPEGHeader(buf[idx:])
	first := start + int64(idx)
	end := audioEnd(s)
	if end < first {
		end = s.size
	}
	info := Info{
		Format:     MP3,
		MIME:       "audio/mpeg",
		Codec:      [...]string{"", "mp1", "mp2", "mp3"}[h.layer],
		SampleRate: h.sampleRate,
		Channels:   h.channels,
	}
	tag.apply(&info)
	if info.Title == "" && info.Artist == "" {
		if t, a, ok := readID3v1(s); ok {
			info.Title, info.Artist = t, a
		}
	}

	frame := buf[idx:]
	if len(frame) > h.frameLen {
		frame = frame[:h.frameLen]
	}
	m := &mp3Measure{ctx: ctx, s: s, h: h, first: first, end: end}
	// A Xing header whose byte count disagrees with the file is trusted
	// only when the audio really stops where it says (what follows is
	// junk, reported); one cut short, or edited without updating the
	// header, is not: the frames themselves are measured instead.
	x, xok := parseXing(frame, h)
	stop := end
	if xok && x.bytes > 0 && !m.near(end-first, int64(x.bytes)) {
		if int64(x.bytes) > end-first {
			xok = false
		} else {
			stop, err = m.audioStop(first + int64(x.bytes))
			if err != nil {
				return Info{}, err
			}
			xok = m.near(stop-first, int64(x.bytes))
		}
	}
	if xok && x.frames > 0 {
		samples := uint64(x.frames) * uint64(h.samples)
		if trim := uint64(x.delay + x.padding); trim < samples {
			samples -= trim
		}
		info.Duration = samplesToDuration(samples, uint64(h.sampleRate))
		info.DurationSource = "xing"
		audio := stop - first - int64(h.frameLen)
		if x.bytes > 0 && int64(x.bytes) <= s.size {
			audio = int64(x.bytes)
		}
		info.Bitrate = bitrateOf(audio, info.Duration)
		info.Warnings = junkWarning(stop, end)
		return info, nil
	}
	if v, ok := parseVBRI(frame); ok && v.frames > 0 {
		info.Duration = samplesToDuration(uint64(v.frames)*uint64(h.samples), uint64(h.sampleRate))
		info.DurationSource = "vbri"
		info.Bitrate = bitrateOf(end-first-int64(h.frameLen), info.Duration)
		return info, nil
	}
	if isXingFrame(frame, h) {
		// A Xing/Info frame without a frame count: skip it, it is silence.
		m.first += int64(h.frameLen)
	}
	if err := m.measure(&info); err != nil {
		return Info{}, err
	}
	return info, nil
}

func bitrateOf(bytes int64, d time.Duration) int {
	if d <= 0 || bytes <= 0 {
		return 0
	}
	return int(float64(bytes) * 8 / d.Seconds())
}

type xingHeader struct {
	frames, bytes  uint32
	delay, padding int
}

func xingOffset(h mpegHeader) int {
	switch {
	case h.version == 1 && h.channels == 1:
		return 4 + 17
	case h.version == 1:
		return 4 + 32
	case h.channels == 1:
		return 4 + 9
	default:
		return 4 + 17
	}
}

func isXingFrame(frame []byte, h mpegHeader) bool {
	o := xingOffset(h)
	if len(frame) < o+8 {
		return false
	}
	id := string(frame[o : o+4])
	return id == "Xing" || id == "Info"
}

// parseXing reads a Xing/Info header and the LAME extension's encoder
// delay and padding from the first frame.
func parseXing(frame []byte, h mpegHeader) (xingHeader, bool) {
	if !isXingFrame(frame, h) {
		return xingHeader{}, false
	}
	o := xingOffset(h)
	flags := binary.BigEndian.Uint32(frame[o+4:])
	p := o + 8
	var x xingHeader
	if flags&1 != 0 {
		if len(frame) < p+4 {
			return xingHeader{}, false
		}
		x.frames = binary.BigEndian.Uint32(frame[p:])
		p += 4
	}
	if flags&2 != 0 {
		if len(frame) < p+4 {
			return x, true
		}
		x.bytes = binary.BigEndian.Uint32(frame[p:])
		p += 4
	}
	if flags&4 != 0 {
		p += 100
	}
	if flags&8 != 0 {
		p += 4
	}
	// LAME extension: 9-byte encoder string, then the delays at +21.
	if len(frame) >= p+24 {
		enc := string(frame[p : p+4])
		if enc == "LAME" || enc == "Lavf" || enc == "Lavc" || enc == "L3.9" {
			v := int(frame[p+21])<<16 | int(frame[p+22])<<8 | int(frame[p+23])
			x.delay, x.padding = v>>12, v&0xFFF
		}
	}
	return x, true
}

type vbriHeader struct {
	frames uint32
}

// parseVBRI reads a Fraunhofer VBRI header, 32 bytes after the frame header.
func parseVBRI(frame []byte) (vbriHeader, bool) {
	const o = 4 + 32
	if len(frame) < o+18 || string(frame[o:o+4]) != "VBRI" {
		return vbriHeader{}, false
	}
	return vbriHeader{frames: binary.BigEndian.Uint32(frame[o+14:])}, true
}
