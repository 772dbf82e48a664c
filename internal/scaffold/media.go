package scaffold

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// SilentMP3 returns an MP3 of the given number of seconds of silence:
// MPEG-1 Layer III frames, 44.1 kHz mono at 32 kbit/s, whose side
// information and main data are all zero (every granule decodes to
// silence). It is the example episode's audio, small enough (4 KB a
// second) to ship in a new show and real enough for any player.
func SilentMP3(seconds int) []byte {
	const (
		sampleRate = 44100
		bitrate    = 32000
		perFrame   = 1152 // samples per MPEG-1 Layer III frame
	)
	frames := (seconds*sampleRate + perFrame - 1) / perFrame
	var b bytes.Buffer
	rest := 0 // the frame length's fraction, carried as padding bytes
	for range frames {
		// 144 × bitrate / sample rate = 104.49 bytes: frames of 104, and of
		// 105 (padding bit set) often enough to keep the rate exact.
		rest += 144 * bitrate % sampleRate
		size, pad := 144*bitrate/sampleRate, byte(0)
		if rest >= sampleRate {
			rest -= sampleRate
			size, pad = size+1, 0x02
		}
		// Sync, MPEG-1, Layer III, no CRC; 32 kbit/s, 44.1 kHz; mono.
		b.Write([]byte{0xFF, 0xFB, 0x10 | pad, 0xC0})
		b.Write(make([]byte, size-4))
	}
	return b.Bytes()
}

// Cover returns a square JPEG of side pixels to stand in for a show's
// artwork until its own is there: a colour drawn from the title, and
// rings like a sound wave. It meets Apple's rules (RGB, square, 1400 to
// 3000 px), so a new show builds and validates as it is.
func Cover(title string, side int) ([]byte, error) {
	h := fnv.New32a()
	h.Write([]byte(title))
	hue := float64(h.Sum32()%360) / 360
	dark := hsl(hue, 0.55, 0.18)
	light := hsl(hue, 0.60, 0.42)
	ring := hsl(math.Mod(hue+0.08, 1), 0.70, 0.72)

	img := image.NewRGBA(image.Rect(0, 0, side, side))
	s := float64(side)
	cx, cy := s/2, s*0.56
	radii := []float64{s * 0.19, s * 0.27, s * 0.35}
	halfWidth := s * 0.009
	for y := 0; y < side; y++ {
		fy := float64(y) + 0.5
		bg := mix(dark, light, fy/s) // a vertical gradient
		row := img.Pix[y*img.Stride : y*img.Stride+4*side]
		for x := 0; x < side; x++ {
			d := math.Hypot(float64(x)+0.5-cx, fy-cy)
			// A disc, then rings around it in the upper half, fading out.
			c := mix(bg, ring, coverage(s*0.11-d, 1))
			if fy < cy+s*0.02 {
				for i, r := range radii {
					if a := coverage(halfWidth-math.Abs(d-r), 1); a > 0 {
						c = mix(c, ring, a*(1-float64(i)*0.25))
					}
				}
			}
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = c.R, c.G, c.B, 255
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 88}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// coverage turns a signed distance (positive inside) into an
// anti-aliased opacity over a pixel of width px.
func coverage(dist, px float64) float64 {
	return math.Max(0, math.Min(1, dist/px+0.5))
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

// hsl converts hue, saturation and lightness (all 0–1) to RGB.
func hsl(h, s, l float64) color.RGBA {
	q := l + s - l*s
	if l < 0.5 {
		q = l * (1 + s)
	}
	p := 2*l - q
	ch := func(t float64) uint8 {
		t = math.Mod(t+1, 1)
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(v*255 + 0.5)
	}
	return color.RGBA{ch(h + 1.0/3), ch(h), ch(h - 1.0/3), 255}
}
