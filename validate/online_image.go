package validate

import "github.com/podfeed/podfeed/artwork"

// netImage is what the header of an artwork file says (artwork.Sniff,
// which build's local artwork check reads with too).
type netImage struct {
	format        string // "jpeg", "png", "gif", "webp", "tiff", "bmp", "heic", "avif" or "" when unknown
	width, height int
	colour        string // "rgb", "gray", "cmyk" or "" when unknown
	alpha         bool   // PNG with an alpha channel or transparency
	err           error  // decoding the header failed
}

// netSniffImage identifies an image by its magic bytes and reads its size
// and colour model from the header.
func netSniffImage(b []byte) netImage {
	im := artwork.Sniff(b)
	return netImage{format: im.Format, width: im.Width, height: im.Height, colour: im.Colour, alpha: im.Alpha, err: im.Err}
}

// netImageFormatOfURL returns the image format a URL's extension names
// and the extension.
func netImageFormatOfURL(u string) (format, ext string) { return artwork.FormatOfName(u) }

// netImageFormatOfType returns the image format a media type names.
func netImageFormatOfType(t string) string { return artwork.FormatOfType(t) }

// netFormatName is the name of a format in messages.
func netFormatName(f string) string { return artwork.FormatName(f) }
