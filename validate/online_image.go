package validate

import (
	"bytes"
	"encoding/binary"
	"image/jpeg"
	"image/png"
	"net/url"
	"path"
	"strings"
)

// netImage is what the header of an artwork file says.
type netImage struct {
	format        string // "jpeg", "png", "gif", "webp", "tiff", "bmp" or "" when unknown
	width, height int
	colour        string // "rgb", "gray", "cmyk" or "" when unknown
	alpha         bool   // PNG with an alpha channel or transparency
	err           error  // decoding the header failed
}

// netSniffImage identifies an image by its magic bytes and reads its size
// and colour model from the header (image.DecodeConfig for the size; the
// JPEG frame header and Adobe marker, or the PNG colour type, for colour).
func netSniffImage(b []byte) netImage {
	var im netImage
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		im.format = "jpeg"
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			im.err = err
			return im
		}
		im.width, im.height = cfg.Width, cfg.Height
		im.colour = netJPEGColour(b)
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		im.format = "png"
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			im.err = err
			return im
		}
		im.width, im.height = cfg.Width, cfg.Height
		im.colour, im.alpha = netPNGColour(b)
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		im.format = "gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		im.format = "webp"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		im.format = "tiff"
	case bytes.HasPrefix(b, []byte("BM")):
		im.format = "bmp"
	}
	return im
}

// netJPEGColour reads the component count of the first frame header and
// the Adobe APP14 transform: 1 component is gray, 3 RGB (YCbCr or RGB),
// 4 CMYK (or YCCK, which is CMYK too).
func netJPEGColour(b []byte) string {
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

// netPNGColour reads the IHDR colour type and looks for a tRNS chunk.
func netPNGColour(b []byte) (colour string, alpha bool) {
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

// netImageFormatOfURL returns the image format a URL's extension names
// ("jpeg", "png", "gif", "webp"; "" for others) and the extension.
func netImageFormatOfURL(u string) (format, ext string) {
	pu, err := url.Parse(u)
	if err != nil {
		return "", ""
	}
	ext = path.Ext(pu.Path)
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg":
		return "jpeg", ext
	case ".png":
		return "png", ext
	case ".gif":
		return "gif", ext
	case ".webp":
		return "webp", ext
	}
	return "", ext
}

// netImageFormatOfType returns the image format a media type names.
func netImageFormatOfType(t string) string {
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

// netFormatName is the name of a format in messages.
func netFormatName(f string) string {
	switch f {
	case "":
		return "not a known image format"
	case "jpeg", "png", "gif", "webp", "tiff", "bmp":
		return strings.ToUpper(f)
	}
	return f
}
