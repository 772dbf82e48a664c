package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Picture is an image to embed with a chapter (an ID3v2 APIC sub-frame).
type Picture struct {
	MIME string // image/jpeg or image/png
	Data []byte
}

// EmbedOptions tunes Plan and Embed.
type EmbedOptions struct {
	// ID3Version is the ID3v2 major version (3 or 4) of the tag written
	// into an MP3. 0 keeps the version of the file's own ID3v2.3 or
	// ID3v2.4 tag, and writes ID3v2.3 (the version every player reads)
	// when the file has no tag or an ID3v2.2 one, which cannot hold
	// chapters.
	ID3Version int
	// Pictures holds a picture per chapter, by the chapter's index; nil
	// entries (and a short or nil slice) mean none. Only ID3v2 holds
	// chapter pictures; other formats leave them out with a note.
	Pictures []*Picture
}

// EmbedResult says what a Plan writes.
type EmbedResult struct {
	// Format is the container the chapters go into.
	Format Format
	// Size is the byte length of the file written.
	Size int64
	// Chapters are the chapters as written, with every end filled in.
	Chapters []Chapter
	// Layout says what holds the chapters, for the user: "ID3v2.3 CHAP
	// frames and a CTOC table of contents", and so on.
	Layout string
	// Notes are things the format could not hold as given (a title cut
	// to 255 bytes for Nero chapters, pictures left out), for the user.
	Notes []string
}

// ChapterError is an error about one of the chapters given to Plan: it
// names the chapter by its 1-based number, title and start.
type ChapterError struct {
	Index int // 0-based
	Title string
	Start time.Duration
	Msg   string
}

// Error returns the problem with the chapter's number, title and start.
func (e *ChapterError) Error() string {
	return fmt.Sprintf("chapter %d %q at %s: %s", e.Index+1, e.Title, clockString(e.Start), e.Msg)
}

// ErrNotEmbeddable is wrapped by the error for media whose format has no
// chapter standard podfeed writes (WAV).
var ErrNotEmbeddable = errors.New("this format cannot carry embedded chapters")

// Embeddable reports whether PlanEmbed writes chapters into media of
// format f.
func Embeddable(f Format) bool {
	switch f {
	case MP3, MP4, OggOpus, OggVorbis, FLAC:
		return true
	}
	return false
}

// clockString formats d as HH:MM:SS.mmm.
func clockString(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// Plan is a chapter embedding worked out for one media file: the new
// headers are built in memory, the audio is referred to by its place in
// the source and copied only by WriteTo.
type Plan struct {
	Result EmbedResult
	src    src
	pieces []piece
}

// piece is a run of the output: bytes built in memory, or a range of the
// source copied as it is.
type piece struct {
	data    []byte
	off, n  int64 // source range, when data is nil
	fromSrc bool
	// pages, when set, rewrites the Ogg pages of one logical stream in the
	// source range (new sequence numbers and CRCs) while copying it.
	pages *oggRenumber
}

func (p piece) size() int64 {
	if p.fromSrc {
		return p.n
	}
	return int64(len(p.data))
}

// Plan reads the media r of size bytes, checks chs against it and works
// out the file that holds chs as its chapters, replacing any it had:
// ID3v2 CHAP and CTOC frames for MP3, Nero chpl and a QuickTime chapter
// track for MP4, Vorbis-comment CHAPTERxxx entries for Ogg Opus, Ogg
// Vorbis and FLAC. Everything else in the file is kept, and the audio
// itself is never changed: it is copied as it is (for Ogg, only page
// sequence numbers and checksums may change). r must stay readable and
// unchanged until WriteTo returns.
//
// Errors wrap ErrUnknownFormat or ErrCorrupt for media that cannot be
// read, ErrNotEmbeddable for WAV, and are a *ChapterError for a chapter
// that starts at or past the end of the audio, overlaps the next one, or
// that the format cannot hold (more than 255 in an MP4 or an ID3 table of
// contents, more than 999 in Vorbis comments).
func PlanEmbed(ctx context.Context, r io.ReaderAt, size int64, chs []Chapter, opt EmbedOptions) (*Plan, error) {
	info, err := Probe(ctx, r, size)
	if err != nil {
		return nil, err
	}
	full, err := checkEmbedChapters(chs, info.Duration)
	if err != nil {
		return nil, err
	}
	s := src{r: r, size: size}
	p := &Plan{src: s, Result: EmbedResult{Format: info.Format, Chapters: full}}
	if !Embeddable(info.Format) {
		return nil, fmt.Errorf("%w (%s)", ErrNotEmbeddable, info.Format)
	}
	switch info.Format {
	case MP3:
		err = p.planID3(s, full, opt)
	case MP4:
		err = p.planMP4(s, full, opt, info.Duration)
	case OggOpus, OggVorbis:
		err = p.planOgg(s, full, opt, info.Format)
	case FLAC:
		err = p.planFLAC(s, full, opt)
	}
	if err != nil {
		return nil, err
	}
	for _, pc := range p.pieces {
		p.Result.Size += pc.size()
	}
	return p, nil
}

// Embed writes r with chs embedded to w; see PlanEmbed.
func Embed(ctx context.Context, r io.ReaderAt, size int64, w io.Writer, chs []Chapter, opt EmbedOptions) (EmbedResult, error) {
	p, err := PlanEmbed(ctx, r, size, chs, opt)
	if err != nil {
		return EmbedResult{}, err
	}
	if err := p.WriteTo(ctx, w); err != nil {
		return EmbedResult{}, err
	}
	return p.Result, nil
}

// WriteTo writes the planned file to w. The source is read once, front
// to back, and only where the output copies it. When the source and w are
// both *os.File the copy is left to the kernel (copy_file_range on Linux).
func (p *Plan) WriteTo(ctx context.Context, w io.Writer) error {
	var written int64
	for _, pc := range p.pieces {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case pc.pages != nil:
			err = pc.pages.copy(ctx, w, p.src, pc.off, pc.n)
		case pc.fromSrc:
			err = copyRange(ctx, w, p.src.r, pc.off, pc.n)
		default:
			_, err = w.Write(pc.data)
		}
		if err != nil {
			return fmt.Errorf("write at output offset %d: %w", written, err)
		}
		written += pc.size()
	}
	return nil
}

func (p *Plan) add(b []byte) {
	if len(b) > 0 {
		p.pieces = append(p.pieces, piece{data: b})
	}
}

func (p *Plan) copySrc(off, n int64) {
	if n <= 0 {
		return
	}
	if k := len(p.pieces); k > 0 {
		if last := &p.pieces[k-1]; last.fromSrc && last.pages == nil && last.off+last.n == off {
			last.n += n // one run of the source: one copy
			return
		}
	}
	p.pieces = append(p.pieces, piece{off: off, n: n, fromSrc: true})
}

// copyChunk is how much is copied between checks of the context.
const copyChunk = 64 << 20

// copyRange copies n bytes at off of r to w.
func copyRange(ctx context.Context, w io.Writer, r io.ReaderAt, off, n int64) error {
	if f, ok := r.(*os.File); ok {
		// Through the file offset, so that os.File.ReadFrom can hand the
		// copy to the kernel.
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			return err
		}
		for n > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			c := min(n, copyChunk)
			m, err := io.Copy(w, io.LimitReader(f, c))
			if err == nil && m < c {
				err = io.ErrUnexpectedEOF
			}
			if err != nil {
				return err
			}
			n -= c
		}
		return nil
	}
	buf := make([]byte, min(n, 1<<20))
	for n > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := min(n, copyChunk)
		m, err := io.CopyBuffer(w, io.NewSectionReader(r, off, c), buf)
		if err == nil && m < c {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		off += c
		n -= c
	}
	return nil
}

// cleanTitle makes a title storable alike in every format: valid UTF-8,
// control characters (line breaks, tabs, NUL) turned into spaces, no
// spaces at either end. Readers trim titles, so this is what they read.
func cleanTitle(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// checkEmbedChapters checks chs against the audio's duration and returns
// a copy with every end filled in: the chapter's own end, else the next
// chapter's start, else the duration.
func checkEmbedChapters(chs []Chapter, dur time.Duration) ([]Chapter, error) {
	out := make([]Chapter, len(chs))
	for i, c := range chs {
		c.Start = c.Start.Truncate(time.Millisecond)
		c.End = c.End.Truncate(time.Millisecond)
		c.Title = cleanTitle(c.Title)
		c.URL = strings.TrimSpace(string(latin1URL(strings.TrimSpace(c.URL))))
		fail := func(format string, args ...any) error {
			return &ChapterError{Index: i, Title: c.Title, Start: c.Start, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case c.Start < 0:
			return nil, fail("starts before the audio")
		case dur > 0 && c.Start >= dur:
			return nil, fail("starts at or past the end of the audio (%s)", clockString(dur))
		case i > 0 && c.Start <= out[i-1].Start:
			return nil, fail("starts at or before chapter %d %q (%s): chapters must go forward in time", i, out[i-1].Title, clockString(out[i-1].Start))
		case c.End != 0 && c.End <= c.Start:
			return nil, fail("ends at %s, not after its start", clockString(c.End))
		case c.End != 0 && dur > 0 && c.End > dur:
			return nil, fail("ends at %s, past the end of the audio (%s)", clockString(c.End), clockString(dur))
		case c.End != 0 && i+1 < len(chs) && c.End > chs[i+1].Start.Truncate(time.Millisecond):
			return nil, fail("ends at %s, after chapter %d %q starts (%s): chapters overlap", clockString(c.End), i+2, chs[i+1].Title, clockString(chs[i+1].Start))
		}
		out[i] = c
	}
	for i := range out {
		if out[i].End != 0 {
			continue
		}
		switch {
		case i+1 < len(out):
			out[i].End = out[i+1].Start
		case dur > 0:
			out[i].End = dur
		default:
			c := out[i]
			return nil, &ChapterError{Index: i, Title: c.Title, Start: c.Start, Msg: "the audio's duration is unknown, so the last chapter needs an end"}
		}
	}
	return out, nil
}
