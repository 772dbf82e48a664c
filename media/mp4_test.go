package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mkbox(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

// mkbox64 writes a box with a 64-bit largesize header.
func mkbox64(typ string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, 1)
	b = append(b, typ...)
	b = binary.BigEndian.AppendUint64(b, uint64(16+len(body)))
	return append(b, body...)
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// mvhdV1 is a version-1 (64-bit) mvhd or mdhd body.
func timesV1(timescale uint32, duration uint64) []byte {
	return bytes.Join([][]byte{{1, 0, 0, 0}, u64(0), u64(0), u32(timescale), u64(duration), make([]byte, 80)}, nil)
}

func chplBody(chaps ...Chapter) []byte {
	b := []byte{1, 0, 0, 0, 0, 0, 0, 0, byte(len(chaps))}
	for _, c := range chaps {
		b = append(b, u64(uint64(c.Start/100))...)
		b = append(b, byte(len(c.Title)))
		b = append(b, c.Title...)
	}
	return b
}

func audioEntry(fourcc string, channels, rate uint16) []byte {
	e := bytes.Join([][]byte{make([]byte, 6), {0, 1}, make([]byte, 8), {byte(channels >> 8), byte(channels)}, {0, 16}, make([]byte, 4), {byte(rate >> 8), byte(rate), 0, 0}}, nil)
	return mkbox(fourcc, e)
}

func TestProbeMP4Synthetic(t *testing.T) {
	// Three hours at 1 kHz timescale, written with 64-bit boxes, a 64-bit
	// mdat, the moov after it and Nero chapters.
	const dur = 3 * 3600 * 1000
	trak := mkbox("trak",
		mkbox("tkhd", []byte{0, 0, 0, 1}, u32(0), u32(0), u32(1), make([]byte, 80)),
		mkbox("mdia",
			mkbox("mdhd", timesV1(48000, dur*48)),
			mkbox("hdlr", u32(0), u32(0), []byte("soun"), make([]byte, 13)),
			mkbox("minf", mkbox("stbl", mkbox("stsd", u32(0), u32(1), audioEntry("mp4a", 2, 48000))))),
	)
	chaps := []Chapter{{Start: 0, Title: "Cold open"}, {Start: 90 * time.Minute, Title: "Second half"}}
	moov := mkbox("moov", mkbox("mvhd", timesV1(1000, dur)), trak, mkbox("udta", mkbox("chpl", chplBody(chaps...))))
	file := bytes.Join([][]byte{mkbox("ftyp", []byte("M4A "), u32(0), []byte("M4A mp42isom")), mkbox64("mdat", make([]byte, 1000)), moov}, nil)

	info, err := Probe(context.Background(), bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration != 3*time.Hour || info.MIME != "audio/x-m4a" || info.Codec != "aac" || info.SampleRate != 48000 || info.Channels != 2 {
		t.Errorf("Probe(synthetic m4a) = %v %q %q %d Hz %d ch, want 3h audio/x-m4a aac 48000 Hz 2 ch",
			info.Duration, info.MIME, info.Codec, info.SampleRate, info.Channels)
	}
	want := []Chapter{
		{Start: 0, End: 90 * time.Minute, Title: "Cold open"},
		{Start: 90 * time.Minute, End: 3 * time.Hour, Title: "Second half"},
	}
	if diff := cmp.Diff(want, info.Chapters); diff != "" {
		t.Errorf("chapters mismatch (-want +got):\n%s", diff)
	}
}

func TestProbeMP4Lies(t *testing.T) {
	ftyp := mkbox("ftyp", []byte("isom"), u32(0))
	tests := map[string][]byte{
		"no moov":              ftyp,
		"box larger than file": append(ftyp, append(u32(1<<30), "moov"...)...),
		"child larger than moov": append(ftyp, mkbox("moov",
			append(u32(4096), "trak"...))...),
		"64-bit size overflow":     append(ftyp, append(append(u32(1), "mdat"...), u64(1<<63+5)...)...),
		"size smaller than header": append(ftyp, append(u32(3), "moov"...)...),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Probe(%s) error = %v, want ErrCorrupt", name, err)
			}
		})
	}
}

func TestParseChpl(t *testing.T) {
	// Version 0 has no reserved word before the count; a count larger than
	// the entries present stops at what is there.
	b := []byte{0, 0, 0, 0, 5}
	b = append(b, u64(10_000_000)...)
	b = append(b, 2, 'H', 'i')
	got := parseChpl(b)
	want := []Chapter{{Start: time.Second, Title: "Hi"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseChpl mismatch (-want +got):\n%s", diff)
	}
}

// TestProbeMP4Fragmented reads the duration of a fragmented file, whose
// mvhd duration is 0, from mvex/mehd.
func TestProbeMP4Fragmented(t *testing.T) {
	mvhd := bytes.Join([][]byte{{0, 0, 0, 0}, u32(0), u32(0), u32(600), u32(0), make([]byte, 80)}, nil)
	moov := mkbox("moov", mkbox("mvhd", mvhd), mkbox("mvex", mkbox("mehd", []byte{1, 0, 0, 0}, u64(600*75))))
	file := append(mkbox("ftyp", []byte("iso6"), u32(0)), moov...)
	info, err := Probe(context.Background(), bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration != 75*time.Second {
		t.Errorf("Probe(fragmented).Duration = %v, want 75s", info.Duration)
	}
}
