package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/media/remote"
	"github.com/podfeed/podfeed/publish"
	"github.com/podfeed/podfeed/show"
	"github.com/podfeed/podfeed/stylesheet"
)

func buildCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build a show's feed from podcast.yaml and episodes/*.md",
		ArgsUsage: "[SHOW_DIR]",
		Description: "Reads SHOW_DIR/podcast.yaml and SHOW_DIR/episodes/*.md and writes\n" +
			"SHOW_DIR/public/feed.xml (plus chapter files and the outputs podcast.yaml asks for).\n" +
			"Every file is written atomically. Episodes dated after --now are held back,\n" +
			"drafts are left out. Nothing is written when a definition is invalid, when the\n" +
			"new feed has validation errors (unless --force), or when it would drop an\n" +
			"episode, change a GUID or move the feed (unless --accept-changes).",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "output folder (default: SHOW_DIR/public)"},
			&cli.StringFlag{Name: "now", Usage: "publish up to this time instead of now: a date as episodes write it (2025-03-12, 2025-03-12T06:00:00Z)"},
			&cli.BoolFlag{Name: "accept-changes", Usage: "replace the feed even if episodes disappear, GUIDs change or the feed URL moves"},
			&cli.BoolFlag{Name: "force", Usage: "write the feed even if validation finds errors"},
			&cli.BoolFlag{Name: "probe-remote", Usage: "read length, type and duration of audio URLs, and check remote artwork, over HTTP"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only"},
		}, netFlags(netDefaults{timeout: remote.DefaultTimeout})...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageError(fmt.Errorf("build takes one show folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			return runBuild(c, e, dir)
		},
	}
}

func runBuild(c *cli.Context, e *env, dir string) error {
	ctx := c.Context
	// A build makes much short-lived garbage (the Markdown renderer's trees)
	// over a modest live heap; the limit keeps 10,000 episodes near 300 MB.
	tuneGC(e, 280<<20)
	now := e.now()
	if s := c.String("now"); s != "" {
		t, err := show.ParseDate(s)
		if err != nil {
			return usageError(fmt.Errorf("--now: %w", err))
		}
		now = t
	}
	net, err := netOptions(c)
	if err != nil {
		return err
	}
	out := c.String("out")
	if out == "" {
		out = filepath.Join(dir, "public")
	}

	// Load's errors are reported again by Build, with Build's own, so that
	// one run lists every problem; stop here only when nothing was read.
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageError(fmt.Errorf("%s: no such folder (build takes the show folder, the one that holds podcast.yaml)", dir))
	}
	def, err := show.Load(os.DirFS(dir), ".")
	if def == nil {
		if errors.Is(err, show.ErrNoShow) {
			return invalidInput(fmt.Errorf("%s: no podcast.yaml here; 'podfeed init %s' starts a show in this folder", dir, dir))
		}
		return definitionError(e, dir, err)
	}
	prober, saveCache := newProber(e, dir, c.Bool("probe-remote"), net)
	if mp, ok := prober.(*mediaProber); ok {
		// Probe every episode's media up front, in parallel and with one
		// progress bar; Build then answers from memory.
		var srcs []string
		for _, ep := range def.Episodes {
			if !ep.Draft && ep.Audio != "" {
				srcs = append(srcs, ep.Audio)
			}
		}
		mp.Prefetch(ctx, srcs)
	}
	opts := show.BuildOptions{
		Now:         now,
		Prober:      prober,
		ProbeRemote: c.Bool("probe-remote"),
		Generator:   "podfeed " + e.version.Version,
	}
	if opts.ProbeRemote {
		opts.Fetcher = artFetcher{opt: net}
	}
	var emb *audioEmbedder
	if mp, ok := prober.(*mediaProber); ok {
		// chapter_formats id3/mp4/vorbis: chapters embedded into the audio.
		emb = newAudioEmbedder(dir, out, mp.cache)
		opts.Embedder = emb
	}
	res, err := show.Build(ctx, def, opts)
	if err != nil {
		return definitionError(e, dir, err)
	}
	if saveCache != nil {
		if err := saveCache(); err != nil {
			fmt.Fprintf(e.stderr, "podfeed: warning: media cache not saved: %v\n", err)
		}
	}
	if !c.Bool("quiet") {
		for _, w := range res.Warnings {
			w.File = filepath.Join(dir, w.File)
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", w.Where(), w.Msg)
		}
	}

	files, err := renderOutputs(def, res)
	if err != nil {
		return err
	}
	feedXML := files[0].Data

	// The build gate: the feed about to be written must pass the validator.
	if err := gateFeed(ctx, e, filepath.Join(out, "feed.xml"), feedXML, c.Bool("force")); err != nil {
		return err
	}

	// Subscriber safety: compare with the feed already published there.
	if err := checkSubscribers(e, filepath.Join(out, "feed.xml"), res.Channel, c.Bool("accept-changes")); err != nil {
		return err
	}

	audio, err := writeEmbedded(ctx, emb, dir, &files)
	if err != nil {
		return err
	}
	if err := writeOutputs(out, files); err != nil {
		return err
	}
	if emb != nil && audio > 0 {
		if err := emb.written(ctx); err != nil {
			fmt.Fprintf(e.stderr, "podfeed: warning: audio with chapters not recorded in the media cache: %v\n", err)
		}
		if saveCache != nil {
			if err := saveCache(); err != nil {
				fmt.Fprintf(e.stderr, "podfeed: warning: media cache not saved: %v\n", err)
			}
		}
	}
	if !c.Bool("quiet") {
		note := ""
		if audio > 0 {
			note = ", " + plural(audio, "audio file") + " with chapters written"
		}
		fmt.Fprintf(e.stderr, "wrote %s: %s%s%s\n", filepath.Join(out, "feed.xml"), plural(len(res.Channel.Items), "episode"), heldNote(res.Held), note)
	}
	return nil
}

// writeEmbedded writes the audio files the build embedded chapters into
// in place (in the show folder), and adds the copies to the output
// folder's files. It returns how many audio files will have been written.
func writeEmbedded(ctx context.Context, emb *audioEmbedder, dir string, files *[]publish.File) (int, error) {
	if emb == nil {
		return 0, nil
	}
	inPlace, copies := emb.files(ctx)
	if len(inPlace) > 0 {
		if err := publish.Write(dir, inPlace); err != nil {
			return 0, fmt.Errorf("write audio with chapters: %w", err)
		}
	}
	n := len(inPlace)
	for _, f := range copies {
		if !f.Keep {
			n++
		}
	}
	*files = append(*files, copies...)
	return n, nil
}

// definitionError prints every definition problem, naming files as the user
// gave the show folder, and marks the run as invalid input (exit 1).
func definitionError(e *env, dir string, err error) error {
	var errs show.Errors
	if !errors.As(err, &errs) {
		return err
	}
	for _, x := range errs {
		x.File = filepath.Join(dir, x.File)
		fmt.Fprintf(e.stderr, "%s\n", x.Error())
	}
	s := "s"
	if len(errs) == 1 {
		s = ""
	}
	return invalidInput(fmt.Errorf("%d problem%s in the show's definitions; nothing was written", len(errs), s))
}

func heldNote(held []show.Held) string {
	var drafts, scheduled int
	next := time.Time{}
	for _, h := range held {
		switch h.Reason {
		case "draft":
			drafts++
		case "scheduled":
			scheduled++
			if next.IsZero() || h.Date.Before(next) {
				next = h.Date
			}
		}
	}
	s := ""
	if scheduled > 0 {
		s += fmt.Sprintf(", %d scheduled (next on %s)", scheduled, next.UTC().Format(time.RFC3339))
	}
	if drafts > 0 {
		s += fmt.Sprintf(", %d draft", drafts)
		if drafts > 1 {
			s += "s"
		}
	}
	return s
}

// renderOutputs encodes the feed and the files that go with it. The feed
// is always first.
func renderOutputs(def *show.Definition, res *show.Result) ([]publish.File, error) {
	var buf bytes.Buffer
	buf.Grow(show.SizeHint(res.Channel))
	if err := feed.Encode(&buf, res.Channel); err != nil {
		return nil, fmt.Errorf("encode feed: %w", err)
	}
	files := []publish.File{{Name: "feed.xml", Data: buf.Bytes()}}
	for _, f := range res.Files {
		files = append(files, publish.File{Name: f.Name, Data: f.Data})
	}
	extra, err := companionOutputs(def.Show.Outputs, res.Channel, def.Show.FeedURL)
	if err != nil {
		return nil, err
	}
	files = append(files, extra...)
	if res.Channel.Stylesheet != "" {
		files = append(files, publish.File{Name: res.Channel.Stylesheet, Data: stylesheet.XSL(stylesheetOptions(&def.Show))})
	}
	slices.SortStableFunc(files[1:], func(a, b publish.File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// stylesheetOptions are what feed.xsl takes from podcast.yaml.
func stylesheetOptions(s *show.Show) stylesheet.Options {
	o := stylesheet.Options{Title: s.Title, FeedURL: s.FeedURL}
	if s.Subscribe != nil {
		o.Apple, o.Spotify = s.Subscribe.Apple, s.Subscribe.Spotify
	}
	return o
}
