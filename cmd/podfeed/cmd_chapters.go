package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/media"
	"github.com/urfave/cli/v2"
)

// chaptersCommand groups the chapter tools: extract finds a chapter list
// in show notes, convert moves chapters between file formats.
func chaptersCommand(e *env) *cli.Command {
	formats := "podlove-json, podcast-json, psc, mp4chaps, webvtt or audacity"
	durationFlag := &cli.StringFlag{
		Name:  "duration",
		Usage: "media duration (`D`: seconds, MM:SS, H:MM:SS or 1h2m3s); WebVTT needs it to end the last cue, and chapters at or past it are errors",
	}
	return &cli.Command{
		Name:  "chapters",
		Usage: "turn show-note timestamps into chapter files, and convert chapter files",
		Subcommands: []*cli.Command{
			{
				Name:      "extract",
				Usage:     "print the chapters found in show notes (Markdown or HTML)",
				ArgsUsage: "NOTES.md|-",
				Description: "Finds lines that start with a timestamp (\"00:00 Intro\", \"(1:02:03) Q&A\", \"[12:34](…?t=754) Topic\")\n" +
					"or end with a bracketed one (\"Topic [03.00]\", \"Topic (12:34)\"), in runs of at least two lines,\n" +
					"and prints them as a chapter file. Problems go to stderr as file:line:col; errors exit 1.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: string(chapters.FormatMP4Chaps), Usage: "output `FORMAT`: " + formats},
					durationFlag,
					&cli.BoolFlag{Name: "intro", Usage: "add an \"Intro\" chapter at 0:00 when the first chapter starts later"},
				},
				Action: func(c *cli.Context) error { return chaptersExtract(c, e) },
			},
			{
				Name:      "convert",
				Usage:     "convert a chapter file from one format to another",
				ArgsUsage: "IN|-",
				Description: "Reads " + formats + ", a CUE sheet (the format is detected unless --from is given)\n" +
					"or the chapters embedded in an audio file, and writes the chapters in the --to format\n" +
					"on stdout, keeping milliseconds. --to id3, mp4 or vorbis writes them into the --audio\n" +
					"file instead, as 'podfeed chapters embed AUDIO --from IN' does.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "to", Aliases: []string{"t"}, Required: true, Usage: "output `FORMAT`: " + formats + "; or id3, mp4, vorbis (into --audio)"},
					&cli.StringFlag{Name: "from", Usage: "input `FORMAT`, when detection is not wanted (also cue)"},
					durationFlag,
					&cli.StringFlag{Name: "audio", Usage: "with --to id3|mp4|vorbis: the audio `FILE` to write the chapters into"},
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "with --to id3|mp4|vorbis: where to write the result (default: --audio with .chapters before its extension)"},
				},
				Action: func(c *cli.Context) error { return chaptersConvert(c, e) },
			},
			embedCommand(e),
		},
	}
}

// readInput reads the file named by the only argument, or stdin for "-".
func readInput(c *cli.Context, e *env) (name string, data []byte, err error) {
	if c.NArg() != 1 {
		return "", nil, usageError(fmt.Errorf("%s: want one input file (or - for stdin), got %d arguments", c.Command.FullName(), c.NArg()))
	}
	name = c.Args().First()
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(e.stdin, chapters.MaxInput+1))
		if err != nil {
			return "", nil, fmt.Errorf("read stdin: %w", err)
		}
		return "<stdin>", data, nil
	}
	data, err = os.ReadFile(name)
	if err != nil {
		return "", nil, fmt.Errorf("read chapters input: %w", err)
	}
	return name, data, nil
}

// outputFormat parses a --format/--to value into a writable format.
func outputFormat(flag, v string) (chapters.Format, error) {
	f, err := chapters.ParseFormat(v)
	if err != nil {
		return "", usageError(fmt.Errorf("--%s: %w", flag, err))
	}
	if !f.Writable() {
		return "", usageError(fmt.Errorf("--%s: %s is read only; write one of podlove-json, podcast-json, psc, mp4chaps, webvtt, audacity", flag, f))
	}
	return f, nil
}

// durationMS parses --duration: plain seconds, MM:SS, H:MM:SS (with an
// optional fraction) or a Go duration like 1h2m3s.
func durationMS(c *cli.Context) (int64, error) {
	v := strings.TrimSpace(c.String("duration"))
	if v == "" {
		return 0, nil
	}
	if ms, err := chapters.ParseTime(v); err == nil {
		return ms, nil
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return d.Milliseconds(), nil
	}
	return 0, usageError(fmt.Errorf("--duration %q: want seconds, MM:SS, H:MM:SS or a duration like 1h2m3s", v))
}

// encodeTo writes chs in format f to stdout, turning a missing duration
// into a usage error.
func encodeTo(e *env, f chapters.Format, chs []chapters.Chapter, dur int64) error {
	var b bytes.Buffer
	if err := chapters.Encode(&b, f, chs, chapters.EncodeOptions{Duration: dur}); err != nil {
		if errors.Is(err, chapters.ErrNeedDuration) {
			return usageError(fmt.Errorf("%w (--duration)", err))
		}
		return err
	}
	_, err := e.stdout.Write(b.Bytes())
	return err
}

func chaptersExtract(c *cli.Context, e *env) error {
	f, err := outputFormat("format", c.String("format"))
	if err != nil {
		return err
	}
	dur, err := durationMS(c)
	if err != nil {
		return err
	}
	name, data, err := readInput(c, e)
	if err != nil {
		return err
	}
	found := chapters.Extract(data)
	if len(found) == 0 {
		return invalidInput(fmt.Errorf("%s: no chapter list found: want at least two lines that start with a timestamp, like \"00:00 Intro\" and \"03:00 Topic\"", name))
	}
	for _, x := range found {
		if x.Note != "" {
			fmt.Fprintf(e.stderr, "%s:%d:%d: note: %q %s\n", name, x.Line, x.Col, x.Raw, x.Note)
		}
	}
	chs := chapters.Chapters(found)
	if c.Bool("intro") {
		if added := chapters.AddIntro(chs); len(added) != len(chs) {
			chs = added
			found = append([]chapters.Found{{Chapter: chs[0], Line: found[0].Line, Col: found[0].Col}}, found...)
		}
	}
	problems := chapters.Check(chs, dur)
	for _, p := range problems {
		at := found[0] // list-wide problems point at the first chapter
		if p.Index >= 0 {
			at = found[p.Index]
		}
		line, col := at.Line, at.Col
		fmt.Fprintf(e.stderr, "%s:%d:%d: %s: %s (%s)\n", name, line, col, p.Severity, p.Message, p.Code)
	}
	if err := encodeTo(e, f, chs, dur); err != nil {
		return err
	}
	if chapters.HasErrors(problems) {
		return findingsError()
	}
	return nil
}

// audioFormats are the --to names that write chapters into audio, and
// the containers each takes.
var audioFormats = map[string][]media.Format{
	"id3":    {media.MP3},
	"mp4":    {media.MP4},
	"vorbis": {media.OggOpus, media.OggVorbis, media.FLAC},
}

func chaptersConvert(c *cli.Context, e *env) error {
	if want, ok := audioFormats[strings.ToLower(c.String("to"))]; ok {
		if c.String("audio") == "" {
			return usageError(fmt.Errorf("--to %s writes chapters into audio: name the file with --audio", c.String("to")))
		}
		if c.NArg() != 1 {
			return usageError(fmt.Errorf("chapters convert: want one input file (or - for stdin), got %d arguments", c.NArg()))
		}
		return runEmbed(c.Context, e, embedOpts{audio: c.String("audio"), from: c.Args().First(), format: c.String("from"), out: c.String("out"), want: want})
	}
	if c.String("audio") != "" || c.String("out") != "" {
		return usageError(errors.New("--audio and --out go with --to id3, mp4 or vorbis; other formats are written to stdout"))
	}
	to, err := outputFormat("to", c.String("to"))
	if err != nil {
		return err
	}
	var from chapters.Format
	if v := c.String("from"); v != "" {
		if from, err = chapters.ParseFormat(v); err != nil {
			return usageError(fmt.Errorf("--from: %w", err))
		}
	}
	dur, err := durationMS(c)
	if err != nil {
		return err
	}
	// Audio in: its embedded chapters, and its duration.
	if c.NArg() == 1 && c.Args().First() != "-" && from == "" {
		if info, ok := probeLocal(c.Context, c.Args().First()); ok {
			if len(info.Chapters) == 0 {
				return invalidInput(fmt.Errorf("%s is %s audio without embedded chapters", c.Args().First(), info.Format))
			}
			if dur == 0 {
				dur = info.Duration.Milliseconds()
			}
			chs := fromMedia(info.Chapters, info.Duration)
			if lost := chapters.Dropped(to, chs); len(lost) > 0 {
				fmt.Fprintf(e.stderr, "podfeed: note: %s cannot hold %s; those are left out\n", to, strings.Join(lost, ", "))
			}
			return encodeTo(e, to, chs, dur)
		}
	}
	name, data, err := readInput(c, e)
	if err != nil {
		return err
	}
	if from == "" {
		if from, err = chapters.Detect(data); err != nil {
			return invalidInput(fmt.Errorf("%s:1:1: %w (name it with --from)", name, err))
		}
	}
	chs, err := chapters.DecodeFormat(data, from)
	if err != nil {
		var list chapters.ErrorList
		if errors.As(err, &list) {
			msgs := make([]string, len(list))
			for i, se := range list {
				msgs[i] = fmt.Sprintf("%s:%d:%d: %s", name, se.Pos.Line, se.Pos.Col, se.Msg)
			}
			return invalidInput(fmt.Errorf("%s: %s in %s chapters:\n%s", name, plural(len(list), "problem"), from, strings.Join(msgs, "\n")))
		}
		return invalidInput(fmt.Errorf("%s: %w", name, err))
	}
	if lost := chapters.Dropped(to, chs); len(lost) > 0 {
		fmt.Fprintf(e.stderr, "podfeed: note: %s cannot hold %s; those are left out\n", to, strings.Join(lost, ", "))
	}
	return encodeTo(e, to, chs, dur)
}

// probeLocal reports what media finds in the file name, and false when it
// is not media (or cannot be read: the caller reports that).
func probeLocal(ctx context.Context, name string) (media.Info, bool) {
	f, err := os.Open(name)
	if err != nil {
		return media.Info{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return media.Info{}, false
	}
	info, err := media.Probe(ctx, f, st.Size())
	return info, err == nil
}
