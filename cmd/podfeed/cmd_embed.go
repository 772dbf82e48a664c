package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/publish"
)

// embedCommand is `podfeed chapters embed AUDIO`: chapters written into
// the audio file itself.
func embedCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "embed",
		Usage:     "write chapters into an audio file (MP3, M4A/M4B/MP4, Ogg Opus/Vorbis, FLAC)",
		ArgsUsage: "AUDIO",
		Description: "Writes the chapters of --from (a chapter file in any format podfeed reads, show notes\n" +
			"with timestamps, or another audio file) into AUDIO: ID3v2 CHAP frames and a CTOC table of\n" +
			"contents in MP3, a Nero chapter list and a QuickTime chapter track in MP4, CHAPTERxxx\n" +
			"Vorbis comments in Ogg and FLAC. Chapters the file had are replaced; every other tag\n" +
			"is kept and the audio is copied untouched. Without --from, the file's own chapters are\n" +
			"written again (adding the CTOC or Nero list some players need).\n" +
			"The result goes to a new file (--out, default AUDIO's name with .chapters before the\n" +
			"extension), written atomically; --in-place replaces AUDIO itself, atomically too.\n" +
			"Exit codes: 0 written; 1 the audio or the chapters are unusable (nothing written);\n" +
			"2 usage or I/O error.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "the chapters: a chapter `FILE`, show notes (Markdown/HTML), an audio file, or - for stdin"},
			&cli.StringFlag{Name: "format", Usage: "the format of --from when detection is not wanted: notes, or a chapter format (podlove-json, podcast-json, psc, mp4chaps, webvtt, audacity, cue)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write the result to `FILE` (default: AUDIO with .chapters before its extension)"},
			&cli.BoolFlag{Name: "in-place", Usage: "replace AUDIO itself (atomically)"},
			&cli.IntFlag{Name: "id3v2", Usage: "ID3v2 `VERSION` for MP3: 3 or 4 (default: the file's own, else 3)"},
			&cli.BoolFlag{Name: "intro", Usage: "add an \"Intro\" chapter at 0:00 when the first chapter starts later"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError(fmt.Errorf("chapters embed takes one AUDIO file, got %d arguments (flags go before it)", c.NArg()))
			}
			opt := embedOpts{
				audio:   c.Args().First(),
				from:    c.String("from"),
				format:  c.String("format"),
				out:     c.String("out"),
				inPlace: c.Bool("in-place"),
				id3v2:   c.Int("id3v2"),
				intro:   c.Bool("intro"),
				quiet:   c.Bool("quiet"),
			}
			return runEmbed(c.Context, e, opt)
		},
	}
}

type embedOpts struct {
	audio, from, format, out string
	inPlace, intro, quiet    bool
	id3v2                    int
	// want, when set, is the container the audio must be (chapters
	// convert --to id3|mp4|vorbis).
	want []media.Format
}

// sourced is a chapter list and where each chapter came from, for
// messages.
type sourced struct {
	name string
	chs  []chapters.Chapter
	at   []string // "file:line:col" per chapter, or ""
	dir  string   // the folder relative image paths are read from
}

func (s sourced) where(i int) string {
	if i >= 0 && i < len(s.at) && s.at[i] != "" {
		return s.at[i]
	}
	return s.name
}

func runEmbed(ctx context.Context, e *env, o embedOpts) error {
	if o.id3v2 != 0 && o.id3v2 != 3 && o.id3v2 != 4 {
		return usageError(fmt.Errorf("--id3v2 %d: want 3 or 4", o.id3v2))
	}
	if o.inPlace && o.out != "" {
		return usageError(errors.New("--in-place and --out: give one of them"))
	}
	in, err := os.Open(o.audio)
	if err != nil {
		return fmt.Errorf("open audio: %w", err)
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return usageError(fmt.Errorf("%s is not a regular file", o.audio))
	}
	info, err := media.Probe(ctx, in, st.Size())
	if err != nil {
		return mediaError(o.audio, err)
	}
	if !media.Embeddable(info.Format) {
		return mediaError(o.audio, fmt.Errorf("%w (%s)", media.ErrNotEmbeddable, info.Format))
	}
	if len(o.want) > 0 && !formatIn(info.Format, o.want) {
		return usageError(fmt.Errorf("%s is %s audio, not %s", o.audio, info.Format, formatNames(o.want)))
	}

	var src sourced
	if o.from == "" {
		if len(info.Chapters) == 0 {
			return invalidInput(fmt.Errorf("%s has no chapters of its own: give them with --from (a chapter file, show notes or another audio file)", o.audio))
		}
		src = sourced{name: o.audio, chs: fromMedia(info.Chapters, info.Duration)}
	} else {
		src, err = readChapterSource(ctx, e, o.from, o.format)
		if err != nil {
			return err
		}
	}
	if o.intro {
		if added := chapters.AddIntro(src.chs); len(added) != len(src.chs) {
			src.chs = added
			src.at = append([]string{src.where(0)}, src.at...)
		}
	}
	// Problems with the list itself, at the place each chapter came from.
	problems := chapters.Check(src.chs, info.Duration.Milliseconds())
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s: %s: %s (%s)\n", src.where(p.Index), p.Severity, p.Message, p.Code)
	}
	if chapters.HasErrors(problems) {
		return invalidInput(fmt.Errorf("%s: the chapters have errors; nothing was written", src.name))
	}
	mchs, pics, orig, notes := toMedia(src)
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "podfeed: note: %s\n", n)
	}
	plan, err := media.PlanEmbed(ctx, in, st.Size(), mchs, media.EmbedOptions{ID3Version: o.id3v2, Pictures: pics})
	if err != nil {
		var ce *media.ChapterError
		if errors.As(err, &ce) {
			return invalidInput(fmt.Errorf("%s: %w (%s); nothing was written", src.where(orig[ce.Index]), err, o.audio))
		}
		return mediaError(o.audio, err)
	}
	if !o.quiet {
		for _, n := range plan.Result.Notes {
			fmt.Fprintf(e.stderr, "podfeed: note: %s\n", n)
		}
	}

	out := o.out
	switch {
	case o.inPlace:
		out = o.audio
	case out == "":
		ext := filepath.Ext(o.audio)
		out = strings.TrimSuffix(o.audio, ext) + ".chapters" + ext
	}
	if same, _ := sameFile(out, st); same && !o.inPlace {
		return usageError(fmt.Errorf("--out %s is AUDIO itself: use --in-place to replace it", out))
	}
	f := publish.File{
		Name:   filepath.Base(out),
		Mode:   st.Mode().Perm(),
		Stream: func(w io.Writer) error { return plan.WriteTo(ctx, w) },
	}
	if err := publish.Write(filepath.Dir(out), []publish.File{f}); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	if !o.quiet {
		fmt.Fprintf(e.stderr, "wrote %s: %s in %s, %d bytes\n", out, plural(len(mchs), "chapter"), plan.Result.Layout, plan.Result.Size)
	}
	return nil
}

func sameFile(name string, st os.FileInfo) (bool, error) {
	o, err := os.Stat(name)
	if err != nil {
		return false, err
	}
	return os.SameFile(o, st), nil
}

func formatIn(f media.Format, fs []media.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func formatNames(fs []media.Format) string {
	var s []string
	for _, f := range fs {
		s = append(s, string(f))
	}
	return strings.Join(s, " or ")
}

// mediaError reports media that cannot take chapters as invalid input
// (exit 1) and anything else as an I/O error.
func mediaError(name string, err error) error {
	if errors.Is(err, media.ErrUnknownFormat) || errors.Is(err, media.ErrCorrupt) || errors.Is(err, media.ErrNotEmbeddable) {
		return invalidInput(fmt.Errorf("%s: %w; nothing was written", name, err))
	}
	return fmt.Errorf("%s: %w", name, err)
}

// readChapterSource reads chapters from a chapter file, show notes or an
// audio file (format "" detects which).
func readChapterSource(ctx context.Context, e *env, name, format string) (sourced, error) {
	src := sourced{name: name, dir: filepath.Dir(name)}
	var data []byte
	var err error
	if name == "-" {
		src.name, src.dir = "<stdin>", "."
		data, err = io.ReadAll(io.LimitReader(e.stdin, chapters.MaxInput+1))
		if err != nil {
			return src, fmt.Errorf("read stdin: %w", err)
		}
	} else {
		f, err := os.Open(name)
		if err != nil {
			return src, fmt.Errorf("read chapters: %w", err)
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return src, err
		}
		if format == "" {
			if info, err := media.Probe(ctx, f, st.Size()); err == nil {
				if len(info.Chapters) == 0 {
					return src, invalidInput(fmt.Errorf("%s is %s audio without chapters", name, info.Format))
				}
				src.chs = fromMedia(info.Chapters, info.Duration)
				return src, nil
			}
		}
		data, err = io.ReadAll(io.LimitReader(f, chapters.MaxInput+1))
		if err != nil {
			return src, fmt.Errorf("read chapters: %w", err)
		}
	}
	if len(data) > chapters.MaxInput {
		return src, invalidInput(fmt.Errorf("%s is more than %d bytes: not a chapter file", src.name, chapters.MaxInput))
	}
	notes := format == "notes"
	if format == "" {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".md", ".markdown", ".html", ".htm":
			notes = true
		}
	}
	if !notes {
		f := chapters.Format("")
		if format != "" {
			if f, err = chapters.ParseFormat(format); err != nil {
				return src, usageError(fmt.Errorf("--format: %w (or notes)", err))
			}
		} else if f, err = chapters.Detect(data); err != nil {
			notes = true // not a chapter file: show notes, perhaps
		}
		if !notes {
			chs, err := chapters.DecodeFormat(data, f)
			if err == nil {
				src.chs = chs
				return src, nil
			}
			// Not a chapter file after all? Notes with a timestamp list
			// are tried before the errors are reported.
			if found := chapters.Extract(data); format == "" && len(found) > 0 {
				return fromNotes(e, src, found), nil
			}
			var list chapters.ErrorList
			if errors.As(err, &list) {
				msgs := make([]string, len(list))
				for i, se := range list {
					msgs[i] = fmt.Sprintf("%s:%d:%d: %s", src.name, se.Pos.Line, se.Pos.Col, se.Msg)
				}
				return src, invalidInput(fmt.Errorf("%s: %d problem(s) in %s chapters:\n%s", src.name, len(list), f, strings.Join(msgs, "\n")))
			}
			return src, invalidInput(fmt.Errorf("%s: %w", src.name, err))
		}
	}
	found := chapters.Extract(data)
	if len(found) == 0 {
		return src, invalidInput(fmt.Errorf("%s: no chapters found: want a chapter file (podcast-json, podlove-json, psc, mp4chaps, webvtt, audacity, cue), show notes with at least two timestamp lines such as \"00:00 Intro\", or an audio file with chapters", src.name))
	}
	return fromNotes(e, src, found), nil
}

func fromNotes(e *env, src sourced, found []chapters.Found) sourced {
	for _, x := range found {
		at := fmt.Sprintf("%s:%d:%d", src.name, x.Line, x.Col)
		if x.Note != "" {
			fmt.Fprintf(e.stderr, "%s: note: %q %s\n", at, x.Raw, x.Note)
		}
		src.at = append(src.at, at)
	}
	src.chs = chapters.Chapters(found)
	return src
}

// fromMedia converts the chapters embedded in a file of duration dur to
// the chapter model. Ends that only say "until the next chapter" (or the
// end of the file) are left unset, so that the chapters fit another file.
func fromMedia(in []media.Chapter, dur time.Duration) []chapters.Chapter {
	out := make([]chapters.Chapter, 0, len(in))
	for i, c := range in {
		ch := chapters.Chapter{Start: c.Start.Milliseconds(), End: c.End.Milliseconds(), Title: c.Title, URL: c.URL}
		if (i+1 < len(in) && c.End == in[i+1].Start) || (i+1 == len(in) && c.End == dur) {
			ch.End = 0
		}
		out = append(out, ch)
	}
	return out
}

// toMedia converts chapters for embedding: silent chapters (toc: false)
// are left out, images that are local files are read. orig maps each
// chapter returned to its index in src.
func toMedia(src sourced) (out []media.Chapter, pics []*media.Picture, orig []int, notes []string) {
	hasPic := false
	for i, c := range src.chs {
		if !c.Listed() {
			notes = append(notes, fmt.Sprintf("%s: chapter %d %q is silent (toc: false): not embedded", src.where(i), i+1, c.Title))
			continue
		}
		orig = append(orig, i)
		out = append(out, media.Chapter{
			Start: time.Duration(c.Start) * time.Millisecond,
			End:   time.Duration(c.End) * time.Millisecond,
			Title: c.Title,
			URL:   c.URL,
		})
		var pic *media.Picture
		if c.Image != "" {
			p, note := readPicture(src.dir, c.Image)
			if note != "" {
				notes = append(notes, fmt.Sprintf("%s: chapter %d %q: %s", src.where(i), i+1, c.Title, note))
			}
			pic = p
			hasPic = hasPic || p != nil
		}
		pics = append(pics, pic)
	}
	if !hasPic {
		pics = nil
	}
	return out, pics, orig, notes
}

// maxPicture is the largest chapter picture embedded; bigger ones slow
// down the start of every download.
const maxPicture = 1 << 20

// readPicture reads a chapter image given as a local path (relative to
// dir). Images given as URLs are not fetched.
func readPicture(dir, ref string) (*media.Picture, string) {
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") {
		return nil, "its image is a URL; only local image files are embedded"
	}
	name := ref
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, filepath.FromSlash(ref))
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Sprintf("image not embedded: %v", err)
	}
	if len(b) > maxPicture {
		return nil, fmt.Sprintf("image %s is %d KB, more than the %d KB podfeed embeds (each chapter picture delays the start of playback)", ref, len(b)>>10, maxPicture>>10)
	}
	mime := http.DetectContentType(b)
	if mime != "image/jpeg" && mime != "image/png" {
		return nil, fmt.Sprintf("image %s is %s, not JPEG or PNG", ref, mime)
	}
	return &media.Picture{MIME: mime, Data: bytes.Clone(b)}, ""
}
