package chapters

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Chapter is one chapter of an episode. Times are in milliseconds from the
// start of the media.
type Chapter struct {
	// Start is where the chapter begins, in milliseconds.
	Start int64
	// End is where the chapter ends, in milliseconds; 0 means unset.
	End int64
	// Title is the chapter's title; it may be empty for a silent chapter.
	Title string
	// URL is a link shown with the chapter.
	URL string
	// Image is the URL of the chapter's artwork.
	Image string
	// TOC is the Podcasting 2.0 toc flag; nil means unset (listed).
	TOC *bool
	// Location is the Podcasting 2.0 location of the chapter, if any.
	Location *Location
}

// Location is the place a chapter is about (Podcasting 2.0 chapters).
type Location struct {
	// Name is a human-readable name for the place.
	Name string
	// Geo is an RFC 5870 geo: URI.
	Geo string
	// OSM is an OpenStreetMap identifier, optional.
	OSM string
}

// Listed reports whether the chapter appears in a table of contents
// (toc is unset or true).
func (c Chapter) Listed() bool { return c.TOC == nil || *c.TOC }

// Format names a chapter file format.
type Format string

// The supported formats. FormatCUE is read only.
const (
	FormatPodloveJSON Format = "podlove-json"
	FormatPodcastJSON Format = "podcast-json"
	FormatPSC         Format = "psc"
	FormatMP4Chaps    Format = "mp4chaps"
	FormatWebVTT      Format = "webvtt"
	FormatAudacity    Format = "audacity"
	FormatCUE         Format = "cue"
)

// Formats returns every supported format, in a stable order.
func Formats() []Format {
	return []Format{FormatPodloveJSON, FormatPodcastJSON, FormatPSC, FormatMP4Chaps, FormatWebVTT, FormatAudacity, FormatCUE}
}

// Writable reports whether [Encode] can write f.
func (f Format) Writable() bool {
	switch f {
	case FormatPodloveJSON, FormatPodcastJSON, FormatPSC, FormatMP4Chaps, FormatWebVTT, FormatAudacity:
		return true
	}
	return false
}

// ErrUnknownFormat is returned for a format name or content that is not a
// supported chapter format.
var ErrUnknownFormat = errors.New("unknown chapter format")

// ParseFormat turns a user-given format name into a Format. It accepts the
// canonical names and a few common aliases (json, pci, vtt, txt, labels).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "podlove-json", "podlove", "podlovejson":
		return FormatPodloveJSON, nil
	case "podcast-json", "json", "pci", "pijson", "podcasting2", "podcasting20", "p20":
		return FormatPodcastJSON, nil
	case "psc", "simple-chapters", "xml":
		return FormatPSC, nil
	case "mp4chaps", "txt", "text":
		return FormatMP4Chaps, nil
	case "webvtt", "vtt":
		return FormatWebVTT, nil
	case "audacity", "labels":
		return FormatAudacity, nil
	case "cue":
		return FormatCUE, nil
	}
	return "", fmt.Errorf("%w %q (want one of podlove-json, podcast-json, psc, mp4chaps, webvtt, audacity, cue)", ErrUnknownFormat, s)
}

// Position is a place in an input: 1-based line and column (in bytes).
type Position struct {
	Line, Col int
}

// SyntaxError is one problem found while reading a chapter file, with its
// position.
type SyntaxError struct {
	Pos Position
	Msg string
}

// Error returns the problem as line:col: message.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is every problem found in one pass over an input. Its Error
// method prints one problem per line.
type ErrorList []*SyntaxError

// Error returns the problems one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// errs collects SyntaxErrors while a reader runs.
type errs struct {
	data []byte
	list ErrorList
}

// at records a problem at byte offset off of the input.
func (e *errs) at(off int, format string, args ...any) {
	e.list = append(e.list, &SyntaxError{Pos: posOf(e.data, off), Msg: fmt.Sprintf(format, args...)})
}

// atPos records a problem at a known position.
func (e *errs) atPos(p Position, format string, args ...any) {
	e.list = append(e.list, &SyntaxError{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	return e.list
}

// posOf turns a byte offset into a 1-based line and column.
func posOf(data []byte, off int) Position {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Position{Line: line, Col: off - start + 1}
}

// MaxInput is the largest input, in bytes, that the readers accept.
const MaxInput = 16 << 20

// MaxChapters is the largest number of chapters a reader returns.
const MaxChapters = 10000

// Decode detects the format of data and reads its chapters.
func Decode(data []byte) ([]Chapter, Format, error) {
	f, err := Detect(data)
	if err != nil {
		return nil, "", err
	}
	chs, err := DecodeFormat(data, f)
	return chs, f, err
}

// DecodeFormat reads chapters in format f from data. Errors are an
// [ErrorList] that names the line and column of each problem.
func DecodeFormat(data []byte, f Format) ([]Chapter, error) {
	if len(data) > MaxInput {
		return nil, ErrorList{{Pos: Position{1, 1}, Msg: fmt.Sprintf("input is %d bytes, more than the limit of %d", len(data), MaxInput)}}
	}
	switch f {
	case FormatPodloveJSON:
		return decodePodloveJSON(data)
	case FormatPodcastJSON:
		return decodePodcastJSON(data)
	case FormatPSC:
		return decodePSC(data)
	case FormatMP4Chaps:
		return decodeMP4Chaps(data)
	case FormatWebVTT:
		return decodeWebVTT(data)
	case FormatAudacity:
		return decodeAudacity(data)
	case FormatCUE:
		return decodeCUE(data)
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownFormat, f)
}

// EncodeOptions tunes [Encode].
type EncodeOptions struct {
	// Duration is the media's duration in milliseconds; 0 means unknown.
	// WebVTT needs it (or an End on the last chapter) for the last cue.
	Duration int64
}

// ErrNeedDuration is returned when a format needs the media duration to
// end the last chapter and neither the options nor the chapter give it.
var ErrNeedDuration = errors.New("the last chapter needs an end: give the media duration")

// Encode writes chs to w in format f. Chapters are written in the order
// given. Output is deterministic and ends with a newline.
func Encode(w io.Writer, f Format, chs []Chapter, opt EncodeOptions) error {
	var b bytes.Buffer
	var err error
	switch f {
	case FormatPodloveJSON:
		err = encodePodloveJSON(&b, chs)
	case FormatPodcastJSON:
		err = encodePodcastJSON(&b, chs)
	case FormatPSC:
		encodePSC(&b, chs)
	case FormatMP4Chaps:
		encodeMP4Chaps(&b, chs)
	case FormatWebVTT:
		err = encodeWebVTT(&b, chs, opt)
	case FormatAudacity:
		encodeAudacity(&b, chs)
	case FormatCUE:
		return fmt.Errorf("encode %s: the format is read only", f)
	default:
		return fmt.Errorf("encode: %w %q", ErrUnknownFormat, f)
	}
	if err != nil {
		return fmt.Errorf("encode %s: %w", f, err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// Dropped names the fields of chs that format f cannot hold, so a caller
// can warn that a conversion loses them. It returns nil when nothing is lost.
func Dropped(f Format, chs []Chapter) []string {
	var url, img, toc, loc, end bool
	for i, c := range chs {
		url = url || c.URL != ""
		img = img || c.Image != ""
		toc = toc || c.TOC != nil
		loc = loc || c.Location != nil
		// An end that only repeats the next start is implied by every format.
		if c.End != 0 && (i+1 >= len(chs) || c.End != chs[i+1].Start) {
			end = true
		}
	}
	var out []string
	add := func(cond bool, name string) {
		if cond {
			out = append(out, name)
		}
	}
	switch f {
	case FormatPodcastJSON:
	case FormatPodloveJSON, FormatPSC:
		add(toc, "toc")
		add(end, "end")
		add(loc, "location")
	case FormatMP4Chaps:
		add(img, "image")
		add(toc, "toc")
		add(end, "end")
		add(loc, "location")
	case FormatWebVTT, FormatAudacity:
		add(url, "url")
		add(img, "image")
		add(toc, "toc")
		add(loc, "location")
	}
	return out
}
