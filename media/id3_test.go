package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type id3Frame struct {
	id   string
	body []byte
}

func synchsafeBytes(n int) []byte {
	return []byte{byte(n >> 21 & 0x7F), byte(n >> 14 & 0x7F), byte(n >> 7 & 0x7F), byte(n & 0x7F)}
}

// encodeFrames writes frames in the layout of ID3v2.major.
func encodeFrames(major byte, frames []id3Frame) []byte {
	var b bytes.Buffer
	for _, f := range frames {
		switch major {
		case 2:
			n := len(f.body)
			b.WriteString(f.id)
			b.Write([]byte{byte(n >> 16), byte(n >> 8), byte(n)})
		case 3:
			b.WriteString(f.id)
			_ = binary.Write(&b, binary.BigEndian, uint32(len(f.body)))
			b.Write([]byte{0, 0})
		default:
			b.WriteString(f.id)
			b.Write(synchsafeBytes(len(f.body)))
			b.Write([]byte{0, 0})
		}
		b.Write(f.body)
	}
	return b.Bytes()
}

// buildID3 writes a whole ID3v2 tag with some padding.
func buildID3(major byte, frames []id3Frame) []byte {
	body := append(encodeFrames(major, frames), make([]byte, 16)...)
	return append(append([]byte{'I', 'D', '3', major, 0, 0}, synchsafeBytes(len(body))...), body...)
}

func chapFrame(major byte, id string, start, end uint32, title, url string) id3Frame {
	var b bytes.Buffer
	b.WriteString(id)
	b.WriteByte(0)
	_ = binary.Write(&b, binary.BigEndian, []uint32{start, end, 0xFFFFFFFF, 0xFFFFFFFF})
	sub := []id3Frame{{"TIT2", append([]byte{1, 0xFF, 0xFE}, utf16le(title)...)}}
	if url != "" {
		sub = append(sub, id3Frame{"WXXX", append([]byte{0, 'l', 'i', 'n', 'k', 0}, url...)})
	}
	b.Write(encodeFrames(major, sub))
	return id3Frame{"CHAP", b.Bytes()}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func ctocFrame(id string, top bool, children ...string) id3Frame {
	b := []byte(id)
	flags := byte(1)
	if top {
		flags |= 2
	}
	b = append(b, 0, flags, byte(len(children)))
	for _, c := range children {
		b = append(append(b, c...), 0)
	}
	return id3Frame{"CTOC", b}
}

func TestReadID3v2(t *testing.T) {
	tests := []struct {
		name   string
		tag    []byte
		title  string
		artist string
		art    bool
		chaps  []Chapter
	}{
		{
			name: "v2.2 text and picture",
			tag: buildID3(2, []id3Frame{
				{"TT2", append([]byte{0}, "Caf\xe9"...)},
				{"TP1", append([]byte{0}, "Me"...)},
				{"PIC", []byte{0, 'J', 'P', 'G', 3, 0, 1, 2}},
			}),
			title: "Café", artist: "Me", art: true,
		},
		{
			name: "v2.3 chapters ordered by CTOC, only those it lists, with URLs",
			tag: buildID3(3, []id3Frame{
				{"TIT2", append([]byte{1, 0xFE, 0xFF}, 0, 'A')},
				ctocFrame("toc", true, "c2", "c1"),
				chapFrame(3, "c1", 60000, 120000, "Second", "https://example.org/2"),
				chapFrame(3, "c2", 0, 60000, "First", ""),
				chapFrame(3, "orphan", 5000, 6000, "Not in the table", ""),
			}),
			title: "A",
			chaps: []Chapter{
				{Start: 0, End: time.Minute, Title: "First"},
				{Start: time.Minute, End: 2 * time.Minute, Title: "Second", URL: "https://example.org/2"},
			},
		},
		{
			name: "v2.4 chapters without a CTOC, end times missing",
			tag: buildID3(4, []id3Frame{
				{"TIT2", append([]byte{3}, "Titel\x00Second value"...)},
				chapFrame(4, "b", 90000, 0xFFFFFFFF, "Two", ""),
				chapFrame(4, "a", 0, 0, "One", ""),
			}),
			title: "Titel",
			chaps: []Chapter{
				{Start: 0, End: 90 * time.Second, Title: "One"},
				{Start: 90 * time.Second, End: 90 * time.Second, Title: "Two"},
			},
		},
		{
			name: "nested CTOC",
			tag: buildID3(3, []id3Frame{
				ctocFrame("toc", true, "sub", "x"),
				ctocFrame("sub", false, "y"),
				chapFrame(3, "x", 10000, 20000, "X", ""),
				chapFrame(3, "y", 0, 10000, "Y", ""),
			}),
			chaps: []Chapter{
				{Start: 0, End: 10 * time.Second, Title: "Y"},
				{Start: 10 * time.Second, End: 20 * time.Second, Title: "X"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := src{r: bytes.NewReader(tt.tag), size: int64(len(tt.tag))}
			tag, err := readID3v2(s, 0)
			if err != nil {
				t.Fatal(err)
			}
			if tag.title != tt.title || tag.artist != tt.artist || tag.artwork != tt.art {
				t.Errorf("readID3v2 = title %q artist %q artwork %v, want %q %q %v", tag.title, tag.artist, tag.artwork, tt.title, tt.artist, tt.art)
			}
			if tag.totalSize != int64(len(tt.tag)) {
				t.Errorf("readID3v2 size = %d, want %d", tag.totalSize, len(tt.tag))
			}
			got := finishChapters(tag.chapters, 0)
			if diff := cmp.Diff(tt.chaps, got); diff != "" {
				t.Errorf("chapters mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadID3v2Unsync(t *testing.T) {
	// A v2.3 tag with whole-tag unsynchronisation: 0xFF in the title is
	// followed by an inserted 0x00.
	frames := encodeFrames(3, []id3Frame{{"TIT2", append([]byte{0}, 'a', 0xFF, 0x00, 'b')}})
	body := append(frames, make([]byte, 8)...)
	tag := append([]byte{'I', 'D', '3', 3, 0, 0x80}, synchsafeBytes(len(body))...)
	tag = append(tag, body...)
	got, err := readID3v2(src{r: bytes.NewReader(tag), size: int64(len(tag))}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\u00ffb"; got.title != want {
		t.Errorf("title = %q, want %q", got.title, want)
	}
}

func TestReadID3v2Lies(t *testing.T) {
	tests := map[string][]byte{
		"tag larger than file": append([]byte{'I', 'D', '3', 3, 0, 0}, synchsafeBytes(1<<27)...),
		"frame larger than tag": func() []byte {
			b := buildID3(3, []id3Frame{{"TIT2", []byte{0, 'x'}}})
			binary.BigEndian.PutUint32(b[14:], 1<<30)
			return b
		}(),
		"not synchsafe": {'I', 'D', '3', 3, 0, 0, 0x80, 0, 0, 0},
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
			if err == nil {
				t.Errorf("Probe(%s) error = nil, want one", name)
			}
		})
	}
}
