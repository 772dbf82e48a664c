package show

import (
	"context"
	"errors"
	"html"
	"strings"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/feed"
)

// Embedder writes an episode's chapters into its local audio file, for
// the chapter_formats id3 (MP3), mp4 (M4A, M4B, MP4) and vorbis (Ogg,
// FLAC). Build calls Embed from several goroutines at once.
type Embedder interface {
	// Embed prepares src (a slash path under the show folder) with chs as
	// its chapters: into a copy published in the output folder under the
	// same path, or, with inPlace, into src itself. Nothing is written
	// before the build writes its outputs. It returns the length of the
	// file that will be published.
	Embed(ctx context.Context, src string, chs []chapters.Chapter, inPlace bool) (Embedded, error)
}

// Embedded is what an Embedder prepared.
type Embedded struct {
	Length int64    // bytes of the audio file with its chapters
	Notes  []string // what the format could not hold as given
}

// EmbedError is an Embedder's error about one of the chapters it was
// given (Chapter is its index), or about the file (Chapter is -1).
type EmbedError struct {
	Chapter int
	Err     error
}

func (e *EmbedError) Error() string { return e.Err.Error() }
func (e *EmbedError) Unwrap() error { return e.Err }

// embedFamily names the chapter format (id3, mp4, vorbis) that fits
// audio of type mime, or "".
func embedFamily(mime string) string {
	switch strings.ToLower(mime) {
	case "audio/mpeg":
		return "id3"
	case "audio/x-m4a", "audio/mp4", "audio/m4a", "video/mp4", "video/x-m4v", "video/quicktime":
		return "mp4"
	case "audio/ogg", "audio/opus", "audio/flac", "audio/x-flac":
		return "vorbis"
	}
	return ""
}

// embedChapters embeds chs into the episode's audio when chapter_formats
// names the audio's kind (id3, mp4 or vorbis), and points the enclosure
// at the file with chapters.
func (b *builder) embedChapters(ep *Episode, w where, it *feed.Item, media MediaInfo, chs []chapters.Chapter, at []Pos, formats []string) {
	var want []string
	for _, f := range formats {
		if oneOf(f, "id3", "mp4", "vorbis") {
			want = append(want, f)
		}
	}
	if len(want) == 0 || it.Enclosure == nil {
		return
	}
	asked := "chapter_formats " + strings.Join(want, ", ")
	if looksLikeURL(ep.Audio) {
		b.warnAt(w, "audio", "%s: chapters are embedded only into local audio files; %s is a URL", asked, ep.Audio)
		return
	}
	family := embedFamily(media.Type)
	if !oneOf(family, want...) {
		if family == "" {
			b.warnAt(w, "audio", "%s: %s is %s, which podfeed cannot embed chapters into", asked, ep.Audio, media.Type)
		} else {
			b.warnAt(w, "audio", "%s: %s is %s; add %s to chapter_formats to embed its chapters", asked, ep.Audio, media.Type, family)
		}
		return
	}
	if b.opt.Embedder == nil {
		b.errAt(w, "audio", "%s: no chapter embedder is set up", asked)
		return
	}
	src, err := cleanLocalPath(ep.Audio)
	if err != nil {
		return // enclosure() reported it
	}
	inPlace := b.def.Show.EmbedInPlace
	url := ""
	if !inPlace {
		if url = b.outputURL(src); url == "" {
			b.errAt(w, "audio", "%s: the copy of %s with chapters is published beside the feed, at a URL podfeed takes from feed_url: set feed_url (or embed_in_place: true)", asked, ep.Audio)
			return
		}
	}
	// Silent chapters are no jump targets: they are not embedded.
	var listed []chapters.Chapter
	var orig []int
	for i, c := range chs {
		if c.Listed() {
			listed, orig = append(listed, c), append(orig, i)
		}
	}
	res, err := b.opt.Embedder.Embed(b.ctx, src, listed, inPlace)
	if err != nil {
		pos := Pos{}
		var ee *EmbedError
		if errors.As(err, &ee) && ee.Chapter >= 0 && ee.Chapter < len(orig) && orig[ee.Chapter] < len(at) {
			pos = at[orig[ee.Chapter]]
		}
		if pos.Line > 0 {
			b.errs.addf(w.File, pos.Line, pos.Col, "chapters: embed into %s: %v", ep.Audio, err)
		} else {
			b.errAt(w, "audio", "chapters: embed into %s: %v", ep.Audio, err)
		}
		return
	}
	for _, n := range res.Notes {
		b.warnAt(w, "audio", "chapters: %s: %s", ep.Audio, n)
	}
	it.Enclosure.Length = res.Length
	if !inPlace {
		it.Enclosure.URL = url
	}
}

// Markers around the chapter list podfeed adds to a description: a list
// between them is replaced on the next build, never added twice.
const (
	describeStart = "<!-- podfeed:chapters -->"
	describeEnd   = "<!-- /podfeed:chapters -->"
)

// describeChapters appends chs to the item's description (and
// content:encoded) as the timestamp list Spotify and Apple read, and
// warns about each of their rules the list does not meet.
func (b *builder) describeChapters(w where, it *feed.Item, chs []chapters.Chapter, at []Pos) {
	lines, problems := chapters.ForDescription(chs)
	for _, p := range problems {
		if p.Code == chapters.CodeTooFew || p.Code == chapters.CodeFirstNotZero {
			continue // chapters.Check said so already
		}
		pos := at[0]
		if p.Index >= 0 && p.Index < len(at) {
			pos = at[p.Index]
		}
		b.warns.addf(w.File, pos.Line, pos.Col, "chapters_in_description: %s", p.Message)
	}
	if len(lines) == 0 {
		return
	}
	var s strings.Builder
	s.WriteString(describeStart)
	s.WriteString("\n<p>")
	for i, l := range lines {
		if i > 0 {
			s.WriteString("<br>\n")
		}
		s.WriteString(html.EscapeString(l.String()))
	}
	s.WriteString("</p>\n")
	s.WriteString(describeEnd)
	block := s.String()
	it.Description = withChapterBlock(it.Description, block)
	if it.ContentEncoded != "" {
		it.ContentEncoded = withChapterBlock(it.ContentEncoded, block)
	}
}

// withoutChapterBlock blanks podfeed's own chapter list out of notes (it
// gets there when a feed podfeed built is imported, or pasted), keeping
// the line count, so that chapters are not read from it twice.
func withoutChapterBlock(notes string) string {
	i := strings.Index(notes, describeStart)
	if i < 0 {
		return notes
	}
	j := strings.Index(notes[i:], describeEnd)
	if j < 0 {
		return notes
	}
	end := i + j + len(describeEnd)
	blank := strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		return ' '
	}, notes[i:end])
	return notes[:i] + blank + withoutChapterBlock(notes[end:])
}

// withChapterBlock replaces the block between podfeed's markers in desc,
// or appends block when there is none.
func withChapterBlock(desc, block string) string {
	if i := strings.Index(desc, describeStart); i >= 0 {
		if j := strings.Index(desc[i:], describeEnd); j >= 0 {
			return desc[:i] + block + desc[i+j+len(describeEnd):]
		}
	}
	if desc == "" {
		return block
	}
	return strings.TrimRight(desc, "\n") + "\n" + block
}
