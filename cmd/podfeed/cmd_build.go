package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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
			"Episodes dated after --now are held back, drafts are left out. Nothing is written\n" +
			"when a definition is invalid, when the new feed has validation errors (unless\n" +
			"--force), or when it would drop an episode, change a GUID or move the feed\n" +
			"(unless --accept-changes) compared with the feed subscribers have: --previous,\n" +
			"or else the feed already in the output folder.\n\n" +
			"Files whose bytes did not change are left as they are; the others are written\n" +
			"to temporary files first and renamed into place, feed.xml last. Files an earlier\n" +
			"build wrote and this one no longer produces are removed (the record is kept in\n" +
			"SHOW_DIR/.podfeed/). Two builds into one output folder run one after the other.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "output folder (default: SHOW_DIR/public)"},
			&cli.StringFlag{Name: "previous", Usage: "compare the new feed with the one subscribers have now, `FILE|URL` (default: the feed in the output folder)", TakesFile: true},
			&cli.StringFlag{Name: "now", Usage: "publish up to this time instead of now: a date as episodes write it (2025-03-12, 2025-03-12T06:00:00Z)"},
			&cli.BoolFlag{Name: "accept-changes", Usage: "replace the feed even if episodes disappear, GUIDs change or the feed URL moves"},
			&cli.BoolFlag{Name: "force", Usage: "write the feed even if validation finds errors"},
			&cli.BoolFlag{Name: "probe-remote", Usage: "read length, type and duration of audio URLs, and check remote artwork, over HTTP"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only (and one line counting the validator's warnings)"},
			&cli.DurationFlag{Name: "wait", Value: time.Minute, Usage: "how long to wait while another build writes the same output folder (0: fail at once)"},
		}, netFlags(netDefaults{timeout: remote.DefaultTimeout, maxSize: "256MB", maxSizeWhat: "largest previous feed to read, from --previous or the output folder"})...),
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

func runBuild(c *cli.Context, e *env, dir string) (err error) {
	ctx := c.Context
	// A build runs with Go's default GC: its live heap grows with the show
	// (the episodes, their rendered notes and the feed's bytes), and a soft
	// memory limit below it made the collector run back to back (issue 14:
	// 100,000 episodes took 29x the time of 10,000 under GOGC 400 and a
	// 280 MiB limit, 10x with the default).
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
	if c.Duration("wait") < 0 {
		return usageError(errors.New("--wait must not be negative"))
	}
	// --max-size caps the previous feed; media probes keep their own caps.
	probeNet := net
	probeNet.MaxBytes = 0
	quiet := c.Bool("quiet")

	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			// A file: podcast.yaml, or an episode, given for its folder.
			show := filepath.Dir(dir)
			if filepath.Base(show) == "episodes" {
				show = filepath.Dir(show)
			}
			return usageError(fmt.Errorf("%s is a file; build takes the show folder, the one that holds podcast.yaml: podfeed build %s", dir, show))
		}
		return usageError(fmt.Errorf("%s: no such folder (build takes the show folder, the one that holds podcast.yaml)", dir))
	}
	// Everything is read inside the show folder: os.Root refuses symbolic
	// links that lead out of it.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("open the show folder: %w", err)
	}
	defer root.Close()

	// Load's errors are reported again by Build, with Build's own, so that
	// one run lists every problem; stop here only when nothing was read.
	def, err := show.Load(root.FS(), ".")
	if def == nil {
		if errors.Is(err, show.ErrNoShow) {
			return invalidInput(fmt.Errorf("%s: no podcast.yaml here; 'podfeed init %s' starts a show in this folder", dir, dir))
		}
		return definitionError(e, dir, err)
	}
	prober, saveCache := newProber(e, dir, root, c.Bool("probe-remote"), probeNet)
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
		// Each episode's Markdown goes once rendered: a large show does
		// not hold its Markdown and its HTML together.
		ReleaseNotes: true,
		// The notes are rendered as the feed is encoded, and never held
		// all at once, unless the JSON Feed or Atom file (which
		// gorilla/feeds builds in memory) needs them after the feed.
		StreamNotes: !slices.ContainsFunc(def.Show.Outputs, func(o string) bool { return o == "json" || o == "atom" }),
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
	// From here on this build owns the output folder: the feed is encoded
	// straight into its temporary file there (compared with the feed in
	// place as long as it matches, and then not written), which the gate
	// and the comparison read back and publish renames into place (or
	// removes).
	lock, err := publish.Acquire(ctx, out, c.Duration("wait"), func() {
		fmt.Fprintf(e.stderr, "podfeed: another build is writing %s; waiting up to %s for it to finish\n", out, c.Duration("wait"))
	})
	if errors.Is(err, publish.ErrLocked) {
		return fmt.Errorf("%w; nothing was written (--wait waits longer)", err)
	}
	if err != nil {
		return err
	}
	defer func() {
		lock.Release()
		if err != nil && lock.Created() {
			os.Remove(out) // the folder this failed build made, if still empty
		}
	}()
	staged, layout, files, err := stageOutputs(def, res, out, e.feedWriter)
	if errors.As(err, new(show.Errors)) {
		return definitionError(e, dir, err) // found in the notes, rendered as the feed was encoded
	}
	if err != nil {
		return err
	}
	defer staged.Discard() // nothing is left behind when the build stops short
	// The warnings are complete once the feed is encoded (the notes are
	// rendered then). The one that podcast.yaml has no guid waits for the
	// comparison with the published feed, which may have to say more: the
	// guid to pin is then the published one.
	sayUnpinned := func() {}
	if !quiet {
		for _, w := range res.Warnings {
			w.File = filepath.Join(dir, w.File)
			if w == res.Unpinned {
				sayUnpinned = func() {
					fmt.Fprintf(e.stderr, "%s: warning: %s\n", w.Where(), w.Msg)
					sayUnpinned = func() {}
				}
				continue
			}
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", w.Where(), w.Msg)
		}
	}
	defer func() { sayUnpinned() }()

	// The feed's file holds the notes now: the Markdown and the rendered
	// HTML can go before the gate and the writes.
	def.ReleaseNotes()
	res.ReleaseItemText()
	runtime.GC()

	// The build gate: the feed about to be written must pass the validator.
	// Its findings point at the show's own files.
	if err := gateFeed(ctx, e, gateInput{dir: dir, res: res, feedName: "feed.xml", feed: staged.Reader(), layout: layout}, c.Bool("force"), quiet); err != nil {
		return err
	}
	if e.gated != nil {
		e.gated()
	}

	// Subscriber safety: compare with the feed subscribers have. The feed
	// was staged over the one in the output folder, under the lock, and
	// compared with it byte for byte as it was encoded: when it matched,
	// the published feed is this one and is not read again; when it did
	// not, it is read once, for its summary.
	var prev *previousFeed
	if c.String("previous") == "" && staged.Same() {
		prev = &previousFeed{where: filepath.Join(out, "feed.xml"), same: true}
	} else if prev, err = loadPrevious(ctx, e, c.String("previous"), out, net); err != nil {
		return err
	}
	if prev != nil && !prev.same && unpinnedMove(def, res, prev) != "" {
		sayUnpinned = func() {} // the refusal below says more
	}
	sayUnpinned()
	if prev == nil {
		fmt.Fprintf(e.stderr, "podfeed: no published feed at %s: no subscriber-safety comparison was made (--previous URL compares with the feed subscribers have)\n", filepath.Join(out, "feed.xml"))
	} else if !prev.same { // else the published feed is this one, byte for byte
		if err := checkSubscribers(e, dir, def, res, prev, c.Bool("accept-changes")); err != nil {
			return err
		}
	}

	audio, err := writeEmbedded(ctx, emb, dir, &files)
	if err != nil {
		return err
	}
	rep, err := writeOutputs(dir, out, files)
	if err != nil {
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
	if rep.ManifestErr != nil {
		fmt.Fprintf(e.stderr, "podfeed: warning: record of the files written not saved (%v): files this build no longer produces may stay in %s\n", rep.ManifestErr, out)
	}
	for _, k := range rep.Kept {
		fmt.Fprintf(e.stderr, "podfeed: warning: %s is no longer produced but changed since podfeed wrote it: left in place\n", filepath.Join(out, filepath.FromSlash(k)))
	}
	if !quiet {
		verb := "wrote"
		if !slices.Contains(rep.Written, "feed.xml") {
			verb = "unchanged"
		}
		note := ""
		if audio > 0 {
			note = ", " + plural(audio, "audio file") + " with chapters written"
		}
		fmt.Fprintf(e.stderr, "%s %s: %s%s%s%s\n", verb, filepath.Join(out, "feed.xml"), plural(len(res.Channel.Items), "episode"), heldNote(res.Held), note, filesNote(rep))
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

// filesNote counts what a publish did to the output folder, when it did
// more than write every file.
func filesNote(rep *publish.Report) string {
	if len(rep.Unchanged)+len(rep.Removed)+len(rep.Cleaned) == 0 {
		return ""
	}
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(len(rep.Written), "written")
	add(len(rep.Unchanged), "unchanged")
	add(len(rep.Removed), "removed")
	add(len(rep.Cleaned), "temporary files of an interrupted build removed")
	if len(parts) == 0 {
		return ""
	}
	return " (files: " + strings.Join(parts, ", ") + ")"
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

// renderOutputs encodes the feed and the files that go with it, in
// memory (podfeed serve). The feed is always first.
func renderOutputs(def *show.Definition, res *show.Result) ([]publish.File, error) {
	var buf bytes.Buffer
	buf.Grow(show.SizeHint(res.Channel))
	if err := feed.Encode(&buf, res.Channel); err != nil {
		return nil, fmt.Errorf("encode feed: %w", err)
	}
	rest, err := otherOutputs(def, res)
	if err != nil {
		return nil, err
	}
	return append([]publish.File{{Name: "feed.xml", Data: buf.Bytes()}}, rest...), nil
}

// stageOutputs encodes the feed straight into its temporary file in the
// output folder out, through a buffer (a feed of 100,000 episodes is
// 590 MB: it is never held in memory), rendering the show notes as it goes
// (show.BuildOptions.StreamNotes: problems found in them are show.Errors),
// and renders the files that go with
// it, which are held: chapter files, the stylesheet, and the JSON Feed and
// Atom files podcast.yaml asks for (gorilla/feeds renders them in memory).
// files[0] is the staged feed; on an error nothing is left in out. wrap,
// when set, stands between the encoder and the file (tests: a write that
// fails midway).
func stageOutputs(def *show.Definition, res *show.Result, out string, wrap func(io.Writer) io.Writer) (*publish.Staged, *feed.Layout, []publish.File, error) {
	st, err := publish.Stage(out, "feed.xml", 0)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("write outputs: %w", err)
	}
	var w io.Writer = st
	if wrap != nil {
		w = wrap(st)
	}
	lay, err := res.EncodeFeed(w)
	if err == nil {
		err = st.Close()
	}
	if err != nil {
		st.Discard()
		return nil, nil, nil, fmt.Errorf("encode feed: %w", err)
	}
	rest, err := otherOutputs(def, res)
	if err != nil {
		st.Discard()
		return nil, nil, nil, err
	}
	return st, lay, append([]publish.File{{Name: "feed.xml", Staged: st}}, rest...), nil
}

// otherOutputs renders the files that go with the feed, sorted by name.
func otherOutputs(def *show.Definition, res *show.Result) ([]publish.File, error) {
	var files []publish.File
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
	slices.SortStableFunc(files, func(a, b publish.File) int { return strings.Compare(a.Name, b.Name) })
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
