package artwork

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"strings"
	"testing"
)

func encodeJPEG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader returns the start of a PNG of the given size and IHDR colour
// type: enough for Sniff, which reads headers only.
func pngHeader(w, h uint32, colourType byte, chunks ...string) []byte {
	chunk := func(b []byte, typ string, data []byte) []byte {
		b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
		c := append([]byte(typ), data...)
		b = append(b, c...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(c))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, colourType, 0, 0, 0)
	b := chunk([]byte("\x89PNG\r\n\x1a\n"), "IHDR", ihdr)
	for _, c := range chunks {
		b = chunk(b, c, []byte{0, 0})
	}
	return chunk(b, "IDAT", nil)
}

// cmykJPEG returns the header of a baseline JPEG with four components
// and an Adobe marker (transform 0: CMYK), up to its first scan: what
// DecodeConfig reads.
func cmykJPEG(side uint16) []byte {
	b := []byte{0xFF, 0xD8}
	adobe := []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")
	b = append(b, 0xFF, 0xEE)
	b = binary.BigEndian.AppendUint16(b, uint16(2+len(adobe)))
	b = append(b, adobe...)
	sof := []byte{8}
	sof = binary.BigEndian.AppendUint16(sof, side)
	sof = binary.BigEndian.AppendUint16(sof, side)
	sof = append(sof, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0)
	b = append(b, 0xFF, 0xC0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(sof)+2))
	b = append(b, sof...)
	sos := []byte{4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0}
	b = append(b, 0xFF, 0xDA)
	b = binary.BigEndian.AppendUint16(b, uint16(len(sos)+2))
	b = append(b, sos...)
	return append(b, 0xFF, 0xD9)
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		want   Image
		hasErr bool
	}{
		{"jpeg rgb", encodeJPEG(t, image.NewRGBA(image.Rect(0, 0, 64, 48))), Image{Format: "jpeg", Width: 64, Height: 48, Colour: "rgb"}, false},
		{"jpeg gray", encodeJPEG(t, image.NewGray(image.Rect(0, 0, 32, 32))), Image{Format: "jpeg", Width: 32, Height: 32, Colour: "gray"}, false},
		{"jpeg cmyk", cmykJPEG(1400), Image{Format: "jpeg", Width: 1400, Height: 1400, Colour: "cmyk"}, false},
		{"png rgb", pngHeader(1400, 1400, 2), Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb"}, false},
		{"png rgba", pngHeader(1400, 1400, 6), Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb", Alpha: true}, false},
		{"png with tRNS", pngHeader(1400, 1400, 2, "tRNS"), Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb", Alpha: true}, false},
		{"png gray", pngHeader(1400, 1400, 0), Image{Format: "png", Width: 1400, Height: 1400, Colour: "gray"}, false},
		{"gif", []byte("GIF89a\x10\x00\x10\x00"), Image{Format: "gif"}, false},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), Image{Format: "webp"}, false},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), Image{Format: "heic"}, false},
		{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00"), Image{Format: "avif"}, false},
		{"mp4 is no image", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x00\x00"), Image{}, false},
		{"truncated jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00}, Image{Format: "jpeg"}, true},
		{"html", []byte("<html>"), Image{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sniff(tt.data)
			if (got.Err != nil) != tt.hasErr {
				t.Fatalf("Sniff error = %v, want error %v", got.Err, tt.hasErr)
			}
			got.Err = nil
			if got != tt.want {
				t.Errorf("Sniff = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	rgb := func(w, h int) Image { return Image{Format: "jpeg", Width: w, Height: h, Colour: "rgb"} }
	tests := []struct {
		name string
		im   Image
		size int64
		file string
		want []string // "E: …" or "W: …" prefixes, in order
	}{
		{"good JPEG", rgb(3000, 3000), 900 << 10, "art/cover.jpg", nil},
		{"good PNG with a capital extension", Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb"}, 1 << 20, "cover.PNG", nil},
		{"good JPEG as .jpeg in a URL with a query", rgb(1400, 1400), 1000, "https://cdn.example.org/a/cover.jpeg?v=3", nil},
		{"PNG named .jpg", Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb"}, 1000, "cover.jpg",
			[]string{`W: is PNG but its name ends in ".jpg"; rename it to cover.png`}},
		{"no extension", rgb(1400, 1400), 1000, "https://example.org/art", []string{"W: is JPEG but its name has no extension; name it art.jpg"}},
		{"not square", rgb(3000, 2000), 1000, "a.jpg", []string{"E: is 3000×2000 pixels; it must be square: crop or pad it to 3000×3000"}},
		{"too small", rgb(300, 300), 1000, "a.jpg", []string{"E: is 300×300 pixels, smaller than the 1400×1400 Apple needs"}},
		{"too large", rgb(4000, 4000), 1000, "a.jpg", []string{"E: is 4000×4000 pixels, larger than the 3000×3000 Apple takes"}},
		{"gray", Image{Format: "jpeg", Width: 1400, Height: 1400, Colour: "gray"}, 1000, "a.jpg", []string{"E: is grayscale; Apple needs the RGB colour space"}},
		{"cmyk", Image{Format: "jpeg", Width: 1400, Height: 1400, Colour: "cmyk"}, 1000, "a.jpg", []string{"E: is CMYK; Apple needs the RGB colour space"}},
		{"transparent", Image{Format: "png", Width: 1400, Height: 1400, Colour: "rgb", Alpha: true}, 1000, "a.png", []string{"W: has transparency"}},
		{"large file", rgb(3000, 3000), 3 << 20, "a.jpg", []string{"W: is 3.0 MB; apps download artwork often"}},
		{"WebP", Image{Format: "webp"}, 1000, "a.webp", []string{"E: is WEBP, not JPEG or PNG, the formats Apple takes"}},
		{"HEIC named .jpg", Image{Format: "heic"}, 1000, "a.jpg", []string{"E: is HEIC, not JPEG or PNG"}},
		{"not an image", Image{}, 1000, "a.jpg", []string{"E: is not a known image format, not JPEG or PNG"}},
		{"corrupt", Image{Format: "jpeg", Err: errCorrupt{}}, 1000, "a.jpg", []string{"E: does not decode as JPEG (corrupt); export it again"}},
		{"small, gray and misnamed", Image{Format: "png", Width: 600, Height: 600, Colour: "gray"}, 1000, "a.jpg",
			[]string{"W: is PNG but its name ends in", "E: is 600×600 pixels", "E: is grayscale"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.im, tt.size, tt.file)
			if len(got) != len(tt.want) {
				t.Fatalf("Check = %+v, want %d problems %q", got, len(tt.want), tt.want)
			}
			for i, p := range got {
				s := "E: " + p.Msg
				if p.Warning {
					s = "W: " + p.Msg
				}
				if !strings.HasPrefix(s, tt.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, s, tt.want[i])
				}
			}
		})
	}
}

type errCorrupt struct{}

func (errCorrupt) Error() string { return "corrupt" }

func FuzzSniff(f *testing.F) {
	f.Add(pngHeader(1400, 1400, 6))
	f.Add(cmykJPEG(3000))
	f.Add([]byte("\x00\x00\x00\x18ftypheic"))
	f.Fuzz(func(t *testing.T, b []byte) {
		im := Sniff(b)
		if im.Width < 0 || im.Height < 0 {
			t.Errorf("negative size %d×%d", im.Width, im.Height)
		}
		Check(im, int64(len(b)), "x.jpg")
	})
}
