package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkimage is the testscript command "mkimage FILE WxH jpeg|png
// [gray|rgba|cmyk|noise]": it writes a real image of that size, format and
// colour model to FILE (whatever FILE's extension says), for the artwork
// checks. noise fills it with pseudo-random colours, which compress
// badly (a large file). cmyk is a JPEG only (Adobe's four-component kind, which
// image/jpeg decodes but does not write: cmykJPEG writes it).
func cmdMkimage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: mkimage FILE WxH jpeg|png [gray|rgba]")
	}
	var w, h int
	if _, err := fmt.Sscanf(args[1], "%dx%d", &w, &h); err != nil {
		ts.Fatalf("mkimage: size %q: %v", args[1], err)
	}
	model := ""
	if len(args) == 4 {
		model = args[3]
	}
	if model == "cmyk" {
		if args[2] != "jpeg" {
			ts.Fatalf("mkimage: cmyk is a JPEG")
		}
		ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o755))
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), cmykJPEG(w, h), 0o666))
		return
	}
	var m image.Image
	switch model {
	case "gray":
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = byte(i)
		}
		m = g
	case "rgba":
		a := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a.Set(x, y, color.NRGBA{R: byte(x), G: byte(y), B: 90, A: byte(x + y)})
			}
		}
		m = a
	case "noise":
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		x := uint32(2463534242)
		for i := range c.Pix {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			c.Pix[i] = byte(x)
			if i%4 == 3 {
				c.Pix[i] = 255
			}
		}
		m = c
	case "":
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c.Set(x, y, color.RGBA{R: byte(x), G: byte(y), B: 90, A: 255})
			}
		}
		m = c
	default:
		ts.Fatalf("mkimage: colour %q: want gray, rgba, cmyk or noise", model)
	}
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o755))
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	switch args[2] {
	case "jpeg":
		ts.Check(jpeg.Encode(f, m, &jpeg.Options{Quality: 80}))
	case "png":
		ts.Check(png.Encode(f, m))
	default:
		ts.Fatalf("mkimage: format %q: want jpeg or png", args[2])
	}
	ts.Check(f.Close())
}

// cmykJPEG encodes a complete baseline JPEG of w×h pixels in Adobe CMYK
// (four components, an APP14 marker with transform 0), every 8×8 block
// the same colour: Huffman tables of one code each, "0" for a DC
// difference of 0 and "0" for the end of block, so each block is two
// bits.
func cmykJPEG(w, h int) []byte {
	seg := func(b []byte, marker byte, body ...byte) []byte {
		b = append(b, 0xFF, marker)
		b = binary.BigEndian.AppendUint16(b, uint16(2+len(body)))
		return append(b, body...)
	}
	b := []byte{0xFF, 0xD8}
	b = seg(b, 0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")...)
	q := make([]byte, 65) // table 0, all ones
	for i := 1; i < len(q); i++ {
		q[i] = 1
	}
	b = seg(b, 0xDB, q...)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for c := byte(1); c <= 4; c++ {
		sof = append(sof, c, 0x11, 0)
	}
	b = seg(b, 0xC0, sof...)
	one := append([]byte{1}, make([]byte, 15)...)                // one code of length 1
	b = seg(b, 0xC4, append(append([]byte{0x00}, one...), 0)...) // DC table 0: symbol 0 (difference 0)
	b = seg(b, 0xC4, append(append([]byte{0x10}, one...), 0)...) // AC table 0: symbol 0 (end of block)
	b = seg(b, 0xDA, 4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0)
	blocks := ((w + 7) / 8) * ((h + 7) / 8) * 4
	bits := blocks * 2
	data := make([]byte, (bits+7)/8)
	if r := bits % 8; r != 0 {
		data[len(data)-1] = byte(1<<(8-r) - 1) // padded with ones
	}
	b = append(b, data...)
	return append(b, 0xFF, 0xD9)
}

// The CMYK image mkimage writes is a whole JPEG that decodes as CMYK, not
// a header alone.
func TestCMYKJPEGDecodes(t *testing.T) {
	m, err := jpeg.Decode(bytes.NewReader(cmykJPEG(1400, 1400)))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*image.CMYK); !ok || m.Bounds().Dx() != 1400 || m.Bounds().Dy() != 1400 {
		t.Fatalf("decodes as %T of %v, want CMYK 1400×1400", m, m.Bounds())
	}
}
