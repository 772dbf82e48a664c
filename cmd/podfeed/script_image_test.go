package main

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkimage is the testscript command "mkimage FILE WxH jpeg|png
// [gray|rgba]": it writes a real image of that size, format and colour
// model to FILE (whatever FILE's extension says), for the artwork checks.
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
	case "":
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c.Set(x, y, color.RGBA{R: byte(x), G: byte(y), B: 90, A: 255})
			}
		}
		m = c
	default:
		ts.Fatalf("mkimage: colour %q: want gray or rgba", model)
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
