package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"
)

// The files below are built on the fly by synthetic io.ReaderAt values
// (nothing of their size is ever on disk or in memory) from segments laid
// end to end.

// segment is len bytes whose content at a relative offset gen writes.
type segment struct {
	len int64
	gen func(p []byte, off int64)
}

// segments is an io.ReaderAt over segments laid end to end.
type segments []segment

func (s segments) size() int64 {
	var n int64
	for _, g := range s {
		n += g.len
	}
	return n
}

func (s segments) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	base := int64(0)
	for _, g := range s {
		if n == len(p) {
			break
		}
		o := off + int64(n)
		if o < base+g.len {
			k := int(min(int64(len(p)-n), base+g.len-o))
			g.gen(p[n:n+k], o-base)
			n += k
		}
		base += g.len
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// repeat is a segment of n bytes repeating pattern.
func repeat(pattern []byte, n int64) segment {
	return segment{n, func(p []byte, off int64) {
		for i := 0; i < len(p); {
			i += copy(p[i:], pattern[(off+int64(i))%int64(len(pattern)):])
		}
	}}
}

// fixed is a segment holding b.
func fixed(b []byte) segment {
	return segment{int64(len(b)), func(p []byte, off int64) { copy(p, b[off:]) }}
}

// junk is n bytes of hashed noise: now and then 0xFF and bytes that look
// like frame headers, never a run of frames.
func junk(n int64) segment { return repeat(junkBytes, n) }

// junkBytes is hashed noise of a prime length, repeated by junk.
var junkBytes = func() []byte {
	b := make([]byte, 65521)
	for i := range b {
		b[i] = byte(uint64(i) * 0x9E3779B97F4A7C15 >> 56)
	}
	return b
}()

// zeros is n zero bytes.
func zeros(n int64) segment {
	return segment{n, func(p []byte, off int64) { clear(p) }}
}

// cbrFrames is the pattern of one 128 kbit/s frame (header and silence).
func cbrFrames() []byte {
	f := make([]byte, mp3Frame128Len)
	copy(f, mp3Frame128[:])
	return f
}

// vbrRegion returns the MPEG frames of testdata/vbr-noxing.mp3 (silence,
// then noise, at varying bitrates; no Xing header): 181 frames, 4.728 s
// by a full decode.
func vbrRegion(t testing.TB) []byte {
	b := readFixture(t, "vbr-noxing.mp3")
	tag, err := readID3v2(srcOf(b), 0)
	if err != nil {
		t.Fatal(err)
	}
	return b[tag.totalSize:]
}

const vbrRegionSamples = 181 * 1152

// vbrParts splits vbrRegion into its first frames (silence, at a low
// bitrate) and the rest (noise, at a high one), each whole frames.
func vbrParts(t testing.TB) (quiet, loud []byte, quietFrames, loudFrames int64) {
	r := vbrRegion(t)
	pos, n := 0, 0
	for pos+4 <= len(r) {
		h, ok := parseMPEGHeader(r[pos:])
		if !ok {
			t.Fatalf("vbr-noxing.mp3: no frame at %d", pos)
		}
		if n == 60 { // 1.57 s: silence
			quiet, quietFrames = r[:pos], int64(n)
		}
		pos += h.frameLen
		n++
	}
	return quiet, r[len(quiet):], quietFrames, int64(n) - quietFrames
}

// xingHead is a first frame with a Xing header giving frames and bytes.
func xingHead(frames, bytes uint32) []byte {
	f := make([]byte, mp3Frame128Len)
	copy(f, mp3Frame128[:])
	o := 4 + 17
	copy(f[o:], "Xing")
	binary.BigEndian.PutUint32(f[o+4:], 3) // frames and bytes
	binary.BigEndian.PutUint32(f[o+8:], frames)
	binary.BigEndian.PutUint32(f[o+12:], bytes)
	return f
}

// flacWithComments is a FLAC file (testdata/flac.flac's STREAMINFO) whose
// metadata holds n VORBIS_COMMENT blocks of size bytes each, every one
// full of entries (TITLE first), then the rest of the fixture's audio.
func flacWithComments(t testing.TB, n int, size int64) segments {
	b := readFixture(t, "flac.flac")
	head := bytes.Clone(b[:4+4+34])
	head[4] &^= 0x80 // STREAMINFO is not the last block
	// The fixture's own blocks after STREAMINFO are dropped: its audio
	// frames follow the comment blocks.
	pos := int64(4 + 4 + 34)
	for {
		h := b[pos : pos+4]
		l := int64(h[1])<<16 | int64(h[2])<<8 | int64(h[3])
		pos += 4 + l
		if h[0]&0x80 != 0 {
			break
		}
	}
	audio := b[pos:]
	entry := []byte("COMMENT=" + strings.Repeat("x", 52)) // 60 bytes
	var body []byte
	body = binary.LittleEndian.AppendUint32(body, 0) // no vendor
	count := uint32((size - 8 - 4 - 12) / int64(4+len(entry)))
	body = binary.LittleEndian.AppendUint32(body, count+1)
	body = binary.LittleEndian.AppendUint32(body, 8)
	body = append(body, "TITLE=Hi"...)
	var rest []byte
	rest = binary.LittleEndian.AppendUint32(rest, uint32(len(entry)))
	rest = append(rest, entry...)
	filler := size - int64(len(body))
	segs := segments{fixed(head)}
	for i := range n {
		h := []byte{4, byte(size >> 16), byte(size >> 8), byte(size)}
		if i == n-1 {
			h[0] |= 0x80
		}
		segs = append(segs, fixed(h), fixed(body), repeat(rest, filler))
	}
	return append(segs, fixed(audio))
}

// id3Header is an ID3v2 tag header of version major with flags and a
// body of size bytes.
func id3Header(major, flags byte, size int64) []byte {
	return []byte{'I', 'D', '3', major, 0, flags, byte(size >> 21 & 0x7F), byte(size >> 14 & 0x7F), byte(size >> 7 & 0x7F), byte(size & 0x7F)}
}

// hostileCase is a file built to mislead, or its well-formed twin, with
// what Probe must find and the most it may read.
type hostileCase struct {
	name     string
	file     func(t testing.TB) segments
	source   string
	duration time.Duration
	tol      time.Duration
	warn     string // a substring of a warning; "" means no warning
	maxBytes int64
	maxCalls int64
	// maxAllocs bounds the allocations of a probe; 0 means 400.
	maxAllocs float64
}

func hostileCases(t testing.TB) []hostileCase {
	const gb = 1 << 30
	const mb = 1 << 20
	cbr := cbrFrames()
	cbrDur := func(n int64) time.Duration {
		return time.Duration(float64(n) * 8 / 128000 * float64(time.Second))
	}
	framesIn := func(n int64) uint32 { return uint32(n / mp3Frame128Len) }
	xingDur := func(frames uint32) time.Duration {
		return samplesToDuration(uint64(frames)*1152, 44100)
	}
	audio := int64(framesIn(100*mb)) * mp3Frame128Len // 100 MB of whole frames
	vbrLen := int64(len(vbrRegion(t)))
	quiet, loud, qf, lf := vbrParts(t)
	swingDur := samplesToDuration(uint64(100*((800<<10)/int64(len(quiet))*qf+(1200<<10)/int64(len(loud))*lf)*1152), 44100)
	vbrDur := func(n int64) time.Duration {
		return samplesToDuration(uint64(n/vbrLen)*vbrRegionSamples, 44100)
	}
	return []hostileCase{
		{
			name: "mp3 1 GB with a Xing header (well-formed)",
			file: func(testing.TB) segments {
				f := framesIn(gb)
				return segments{fixed(xingHead(f-1, f*mp3Frame128Len)), repeat(cbr, gb-mp3Frame128Len)}
			},
			source: "xing", duration: xingDur(framesIn(gb) - 1),
			maxBytes: 128 << 10, maxCalls: 8,
		},
		{
			name: "mp3 1 GB: a Xing header covering 100 MB, then 924 MB of junk",
			file: func(testing.TB) segments {
				f := framesIn(audio)
				return segments{fixed(xingHead(f-1, f*mp3Frame128Len)), repeat(cbr, audio-mp3Frame128Len), junk(gb - audio)}
			},
			source: "xing", duration: xingDur(framesIn(audio) - 1),
			warn:     "are not MPEG audio",
			maxBytes: 512 << 10, maxCalls: 64,
		},
		{
			name: "mp3 1 GB: a Xing header covering 100 MB, then 924 MB of zeros",
			file: func(testing.TB) segments {
				f := framesIn(audio)
				return segments{fixed(xingHead(f-1, f*mp3Frame128Len)), repeat(cbr, audio-mp3Frame128Len), zeros(gb - audio)}
			},
			source: "xing", duration: xingDur(framesIn(audio) - 1),
			warn:     "are not MPEG audio",
			maxBytes: 512 << 10, maxCalls: 64,
		},
		{
			name: "mp3 1 GB: a Xing header claiming 100 MB over 1 GB of audio (stale header)",
			file: func(testing.TB) segments {
				f := framesIn(audio)
				return segments{fixed(xingHead(f-1, f*mp3Frame128Len)), repeat(cbr, gb-mp3Frame128Len)}
			},
			source: "cbr", duration: cbrDur(gb - mp3Frame128Len), tol: 50 * time.Millisecond,
			maxBytes: 512 << 10, maxCalls: 64,
		},
		{
			name:   "mp3 1 GB CBR without a Xing header (well-formed)",
			file:   func(testing.TB) segments { return segments{repeat(cbr, gb)} },
			source: "cbr", duration: cbrDur(gb), tol: time.Millisecond,
			maxBytes: 256 << 10, maxCalls: 16,
		},
		{
			name:   "mp3 1 GB: 100 MB CBR without a Xing header, then 924 MB of junk",
			file:   func(testing.TB) segments { return segments{repeat(cbr, audio), junk(gb - audio)} },
			source: "cbr", duration: cbrDur(audio), tol: time.Millisecond,
			warn:     "are not MPEG audio",
			maxBytes: 768 << 10, maxCalls: 64,
		},
		{
			name: "mp3 200 MB VBR without a header (well-formed, estimated)",
			file: func(t testing.TB) segments {
				r := vbrRegion(t)
				n := 200 * mb / int64(len(r)) * int64(len(r))
				return segments{repeat(r, n)}
			},
			source: "estimate", duration: vbrDur(200 * mb), tol: -1, // 1 %
			warn:     "duration estimated",
			maxBytes: 5 << 20, maxCalls: 1100,
		},
		{
			name: "mp3 200 MB VBR without a header, its bitrate swinging every 2 MB (estimated)",
			file: func(t testing.TB) segments {
				quiet, loud, _, _ := vbrParts(t)
				qn := int64(len(quiet)) * (800 << 10 / int64(len(quiet)))
				ln := int64(len(loud)) * (1200 << 10 / int64(len(loud)))
				var segs segments
				for range 100 {
					segs = append(segs, repeat(quiet, qn), repeat(loud, ln))
				}
				return segs
			},
			source: "estimate", duration: swingDur, tol: -1,
			warn:     "duration estimated",
			maxBytes: 5 << 20, maxCalls: 1100,
		},
		{
			name: "mp3 1 GB: 200 MB VBR without a header, then 824 MB of junk",
			file: func(t testing.TB) segments {
				r := vbrRegion(t)
				n := 200 * mb / int64(len(r)) * int64(len(r))
				return segments{repeat(r, n), junk(gb - n)}
			},
			source: "estimate", duration: vbrDur(200 * mb), tol: -1,
			warn:     "are not MPEG audio",
			maxBytes: 5 << 20, maxCalls: 1100,
		},
		{
			name: "mp3 3 MB VBR without a header (well-formed, every frame walked)",
			file: func(t testing.TB) segments {
				r := vbrRegion(t)
				n := 3 * mb / int64(len(r)) * int64(len(r))
				return segments{repeat(r, n)}
			},
			source: "scan", duration: vbrDur(3 * mb), tol: time.Millisecond,
			maxBytes: 4 << 20, maxCalls: 128,
		},
		{
			name: "mp3 3 MB VBR: 1 MB of junk inside the audio",
			file: func(t testing.TB) segments {
				r := vbrRegion(t)
				n := mb / int64(len(r)) * int64(len(r))
				return segments{repeat(r, n), junk(mb), repeat(r, 2*n)}
			},
			source: "scan", duration: 3 * vbrDur(mb), tol: 30 * time.Millisecond,
			warn:     "inside the audio are not MPEG frames",
			maxBytes: 6 << 20, maxCalls: 512,
		},
		{
			name: "mp3 after a 256 MB ID3v2 tag of 26 million empty frames",
			file: func(testing.TB) segments {
				const size = 1<<28 - 6 // synchsafe maximum, a multiple of 10
				return segments{fixed(id3Header(3, 0, size)), repeat([]byte("TXXX\x00\x00\x00\x00\x00\x00"), size), repeat(cbr, 10*mb)}
			},
			source: "cbr", duration: cbrDur(10 * mb), tol: time.Millisecond,
			maxBytes: 1 << 20, maxCalls: 20_100,
			maxAllocs: 20_400, // a frame ID string per frame header, 20,000 at most
		},
		{
			name: "mp3 after a 256 MB ID3v2 tag of 1 MB title frames",
			file: func(testing.TB) segments {
				frame := append([]byte{'T', 'I', 'T', '2', 0, 0x10, 0, 0, 0, 0, 3}, bytes.Repeat([]byte("a"), 1<<20-1)...)
				size := int64(255 * len(frame))
				return segments{fixed(id3Header(3, 0, size)), repeat(frame, size), repeat(cbr, 10*mb)}
			},
			source: "cbr", duration: cbrDur(10 * mb), tol: time.Millisecond,
			maxBytes: 5 << 20, maxCalls: 512, maxAllocs: 800,
		},
		{
			name: "mp3 after 8 unsynchronised ID3v2 tags of 16 MB",
			file: func(testing.TB) segments {
				var segs segments
				const size = 16<<20 - 10
				for range 8 {
					segs = append(segs, fixed(id3Header(3, 0x80, size)), zeros(size))
				}
				return append(segs, repeat(cbr, 10*mb))
			},
			source: "cbr", duration: cbrDur(10 * mb), tol: time.Millisecond,
			maxBytes: 1 << 20, maxCalls: 128,
		},
		{
			name:   "flac with one small comment block (well-formed)",
			file:   func(t testing.TB) segments { return flacWithComments(t, 1, 4<<10) },
			source: "streaminfo", duration: 3300 * time.Millisecond, tol: 50 * time.Millisecond,
			maxBytes: 64 << 10, maxCalls: 16,
		},
		{
			name:   "flac with 1,023 comment blocks of 16 MiB (16 GiB of metadata)",
			file:   func(t testing.TB) segments { return flacWithComments(t, 1023, 1<<24-1) },
			source: "streaminfo", duration: 3300 * time.Millisecond, tol: 50 * time.Millisecond,
			warn:     "VORBIS_COMMENT blocks",
			maxBytes: 2 << 20, maxCalls: 2048,
		},
	}
}

// TestProbeHostileCost probes each file built to mislead beside its
// well-formed twin: the duration must be right (or its header's, when the
// audio stops where the header says), a warning must say what was odd, and
// the bytes read and the read calls must stay within a bound that does
// not grow with the file.
func TestProbeHostileCost(t *testing.T) {
	for _, tc := range hostileCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.file(t)
			r := &countingReader{r: f}
			info, err := Probe(context.Background(), r, f.size())
			if err != nil {
				t.Fatal(err)
			}
			want := tc.duration
			if want == 0 { // depends on the fixture
				t.Fatal("no duration to compare with")
			}
			tol := tc.tol
			if tol < 0 {
				tol = want / 100
			}
			if d := info.Duration - want; info.DurationSource != tc.source || d > tol+time.Millisecond || -d > tol+time.Millisecond {
				t.Errorf("Probe = %v from %q, want %v ±%v from %q", info.Duration, info.DurationSource, want, tol, tc.source)
			}
			warned := strings.Join(info.Warnings, "\n")
			switch {
			case tc.warn == "" && warned != "":
				t.Errorf("Probe warned %q, want no warning", warned)
			case tc.warn != "" && !strings.Contains(warned, tc.warn):
				t.Errorf("Probe warnings %q, want one containing %q", warned, tc.warn)
			}
			if got := r.bytes.Load(); got > tc.maxBytes {
				t.Errorf("Probe read %d bytes, want at most %d", got, tc.maxBytes)
			}
			if got := r.calls.Load(); got > tc.maxCalls {
				t.Errorf("Probe made %d read calls, want at most %d", got, tc.maxCalls)
			}
			t.Logf("%v from %s; read %d bytes in %d calls of a %d-byte file", info.Duration, info.DurationSource, r.bytes.Load(), r.calls.Load(), f.size())
		})
	}
}

// TestProbeHostileAllocs bounds the memory a probe of each hostile file
// allocates: the buffers are reused, nothing grows with the file.
func TestProbeHostileAllocs(t *testing.T) {
	for _, tc := range hostileCases(t) {
		f := tc.file(t)
		size := f.size()
		allocs := testing.AllocsPerRun(3, func() {
			if _, err := Probe(context.Background(), f, size); err != nil {
				t.Fatal(err)
			}
		})
		max := tc.maxAllocs
		if max == 0 {
			max = 400
		}
		if allocs > max {
			t.Errorf("%s: %.0f allocations per probe, want at most %.0f", tc.name, allocs, max)
		}
	}
}

// BenchmarkProbeHostile times the probe of each hostile file and its
// twin: go test ./media -run '^$' -bench ProbeHostile -benchmem
func BenchmarkProbeHostile(b *testing.B) {
	for _, tc := range hostileCases(b) {
		b.Run(strings.NewReplacer(" ", "_", ",", "").Replace(tc.name), func(b *testing.B) {
			f := tc.file(b)
			size := f.size()
			for b.Loop() {
				if _, err := Probe(context.Background(), f, size); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
