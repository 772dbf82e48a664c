// Package artwork tells what a cover image is from its bytes (format,
// pixel size, colour space, transparency) and judges it by what Apple
// Podcasts accepts, the strictest of the directories: a square JPEG or
// PNG in the RGB colour space, 1400×1400 to 3000×3000 pixels, with a name
// that matches its format. show checks local artwork with it when it
// builds, and remote artwork with --probe-remote; validate checks the
// artwork a feed names with --online.
//
// It imports the standard library only, and reads headers, never the
// pixels.
package artwork

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
	"image/png"
	"net/url"
	"path"
	"strings"
)

// Apple's artwork limits and the sizes podfeed works with.
const (
	MinSide  = 1400     // pixels, each side
	MaxSide  = 3000     // pixels, each side
	BigBytes = 1 << 20  // above this, artwork loads slowly in apps
	MaxBytes = 20 << 20 // the most podfeed reads of one artwork file
)

// Image is what an image file's header says.
type Image struct {
	Format        string // "jpeg", "png", "gif", "webp", "tiff", "bmp", "heic", "avif" or "" when unknown
	Width, Height int
	Colour        string // "rgb", "gray", "cmyk" or "" when unknown
	Alpha         bool   // an alpha channel or transparency (PNG)
	Err           error  // the header of a JPEG or PNG did not decode
}

// Sniff identifies an image by its magic bytes and, for JPEG and PNG,
// reads its size and colour model from the header (image.DecodeConfig
// for the size; the JPEG frame header, or the PNG colour type and tRNS
// chunk, for the colour).
func Sniff(b []byte) Image {
	var im Image
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		im.Format = "jpeg"
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			im.Err = err
			return im
		}
		im.Width, im.Height = cfg.Width, cfg.Height
		im.Colour = jpegColour(b)
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		im.Format = "png"
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			im.Err = err
			return im
		}
		im.Width, im.Height = cfg.Width, cfg.Height
		im.Colour, im.Alpha = pngColour(b)
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		im.Format = "gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		im.Format = "webp"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		im.Format = "tiff"
	case bytes.HasPrefix(b, []byte("BM")):
		im.Format = "bmp"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
			im.Format = "heic"
		case "avif", "avis":
			im.Format = "avif"
		}
	}
	return im
}

// jpegColour reads the component count of the first frame header: 1
// component is gray, 3 RGB (YCbCr or RGB), 4 CMYK (or YCCK, which is CMYK
// too).
func jpegColour(b []byte) string {
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return ""
		}
		marker := b[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7 {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return ""
		}
		seg := b[i+4 : i+2+n]
		switch {
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			if len(seg) < 6 {
				return ""
			}
			switch seg[5] {
			case 1:
				return "gray"
			case 3:
				return "rgb"
			case 4:
				return "cmyk"
			}
			return ""
		case marker == 0xDA: // start of scan before any frame header
			return ""
		}
		i += 2 + n
	}
	return ""
}

// pngColour reads the IHDR colour type and looks for a tRNS chunk.
func pngColour(b []byte) (colour string, alpha bool) {
	if len(b) < 26 {
		return "", false
	}
	switch b[25] {
	case 0:
		colour = "gray"
	case 4:
		colour, alpha = "gray", true
	case 2, 3:
		colour = "rgb"
	case 6:
		colour, alpha = "rgb", true
	}
	// A tRNS chunk before the image data adds transparency.
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		if typ == "tRNS" {
			alpha = true
		}
		if typ == "IDAT" || n < 0 || i+12+n > len(b) {
			break
		}
		i += 12 + n
	}
	return colour, alpha
}

// FormatOfName returns the image format the extension of a URL or a
// slash path names ("jpeg", "png", "gif", "webp", "tiff", "heic", "avif";
// "" for others) and the extension.
func FormatOfName(name string) (format, ext string) {
	p := name
	if strings.Contains(name, "://") {
		pu, err := url.Parse(name)
		if err != nil {
			return "", ""
		}
		p = pu.Path
	}
	ext = path.Ext(p)
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg":
		return "jpeg", ext
	case ".png":
		return "png", ext
	case ".gif":
		return "gif", ext
	case ".webp":
		return "webp", ext
	case ".tif", ".tiff":
		return "tiff", ext
	case ".heic", ".heif":
		return "heic", ext
	case ".avif":
		return "avif", ext
	}
	return "", ext
}

// FormatOfType returns the image format a media type names.
func FormatOfType(t string) string {
	switch t {
	case "image/jpeg", "image/jpg", "image/pjpeg":
		return "jpeg"
	case "image/png", "image/x-png":
		return "png"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	}
	return ""
}

// FormatName is the name of a format in messages.
func FormatName(f string) string {
	switch f {
	case "":
		return "not a known image format"
	case "jpeg", "png", "gif", "webp", "tiff", "bmp", "heic", "avif":
		return strings.ToUpper(f)
	}
	return f
}

// Problem is one way an artwork file falls short.
type Problem struct {
	Warning bool   // Apple may take it, but it should change; else Apple refuses it
	Msg     string // what is wrong and what to do, after the file's name
}

// Check judges an image (Sniff's reading of a file of size bytes, called
// name: a path or URL) by Apple's artwork requirements. Errors are what
// Apple refuses; warnings what it asks for or what slows apps down.
func Check(im Image, size int64, name string) []Problem {
	var out []Problem
	fail := func(format string, args ...any) { out = append(out, Problem{Msg: fmt.Sprintf(format, args...)}) }
	warn := func(format string, args ...any) {
		out = append(out, Problem{Warning: true, Msg: fmt.Sprintf(format, args...)})
	}
	if im.Format != "jpeg" && im.Format != "png" {
		fail("is %s, not JPEG or PNG, the formats Apple takes; export it as JPEG or PNG", FormatName(im.Format))
		return out
	}
	if f, ext := FormatOfName(name); f != im.Format {
		want := ".jpg"
		if im.Format == "png" {
			want = ".png"
		}
		base := baseName(name)
		fixed := strings.TrimSuffix(base, ext) + want
		if ext == "" {
			warn("is %s but its name has no extension; name it %s, as Apple asks and as servers need to send the right Content-Type", FormatName(im.Format), fixed)
		} else {
			warn("is %s but its name ends in %q; rename it to %s, as Apple asks and as servers need to send the right Content-Type", FormatName(im.Format), ext, fixed)
		}
	}
	if im.Err != nil {
		fail("does not decode as %s (%v); export it again", FormatName(im.Format), im.Err)
		return out
	}
	switch {
	case im.Width != im.Height:
		fail("is %d×%d pixels; it must be square: crop or pad it to %d×%d", im.Width, im.Height, min(max(im.Width, im.Height), MaxSide), min(max(im.Width, im.Height), MaxSide))
	case im.Width < MinSide:
		fail("is %d×%d pixels, smaller than the %d×%d Apple needs; export it at %d×%d to %d×%d", im.Width, im.Height, MinSide, MinSide, MinSide, MinSide, MaxSide, MaxSide)
	case im.Width > MaxSide:
		fail("is %d×%d pixels, larger than the %d×%d Apple takes; scale it down to %d×%d", im.Width, im.Height, MaxSide, MaxSide, MaxSide, MaxSide)
	}
	switch im.Colour {
	case "gray":
		fail("is grayscale; Apple needs the RGB colour space: convert it to RGB")
	case "cmyk":
		fail("is CMYK; Apple needs the RGB colour space: convert it to RGB (sRGB)")
	}
	if im.Alpha {
		warn("has transparency; Apple asks for artwork without an alpha channel: flatten it onto a background")
	}
	if size > BigBytes {
		warn("is %.1f MB; apps download artwork often and large files load slowly: keep it under 1 MB (a JPEG at quality 80 to 90 usually is)", float64(size)/(1<<20))
	}
	return out
}

// baseName is the last element of a slash path or of a URL's path.
func baseName(name string) string {
	p := name
	if strings.Contains(name, "://") {
		if u, err := url.Parse(name); err == nil {
			p = u.Path
		}
	}
	return path.Base(p)
}
