package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/media/cache"
	"github.com/podfeed/podfeed/media/remote"
	"github.com/podfeed/podfeed/show"
)

// progressAfter is how many files must need probing before a progress
// bar appears (on a terminal only).
const progressAfter = 3

// newProber returns the show.Prober the build uses: local files are probed
// through the show's media cache (.podfeed/cache.json), and with remote set
// http(s) URLs are probed too, with HEAD and ranged reads. The returned
// function saves the cache (pruned to the media this build used) and ends
// the progress bar; call it once Build has returned. A cache that cannot
// be read is reported on stderr as a warning and ignored.
//
// Local media are read through root, the show folder: a symbolic link that
// leads out of it is refused, and only regular files are opened.
func newProber(e *env, showDir string, root *os.Root, remote bool, net fetch.Options) (show.Prober, func() error) {
	p := newMediaProber(e, showDir, root, remote, net)
	return p, p.save
}

// rootFS is a cache.FS confined to an os.Root.
type rootFS struct{ r *os.Root }

func (f rootFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := f.r.Stat(filepath.FromSlash(name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		if lfi, lerr := f.r.Lstat(filepath.FromSlash(name)); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link that leads out of the show folder: podfeed reads only files inside it", name)
		}
	}
	return fi, err
}
func (f rootFS) Open(name string) (cache.File, error) { return f.r.Open(filepath.FromSlash(name)) }

// mediaProber implements show.Prober with media, media/cache and
// media/remote.
type mediaProber struct {
	stderr io.Writer
	tty    bool // stderr is a terminal: progress bars allowed
	cache  *cache.Cache
	files  *cache.Files
	remote *remote.Prober // nil: URLs are not probed

	mu      sync.Mutex
	opened  int
	bar     *progressbar.ProgressBar
	barMax  int
	memo    map[string]memoResult // filled by Prefetch
	pruneOK bool
}

type memoResult struct {
	info media.Info
	err  error
}

func newMediaProber(e *env, showDir string, root *os.Root, probeRemote bool, net fetch.Options) *mediaProber {
	c, warn := cache.Load(showDir)
	if warn != nil {
		fmt.Fprintf(e.stderr, "podfeed: warning: %v\n", warn)
	}
	p := &mediaProber{stderr: e.stderr, tty: isTerminal(e.stderr), cache: c, memo: map[string]memoResult{}, pruneOK: true}
	p.files = &cache.Files{FS: rootFS{root}, Cache: c, Opened: p.onOpen}
	if probeRemote {
		p.remote = &remote.Prober{Cache: c, Net: net}
	}
	return p
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *mediaProber) newBar(max int) *progressbar.ProgressBar {
	return progressbar.NewOptions(max,
		progressbar.OptionSetWriter(p.stderr),
		progressbar.OptionSetDescription("probing media"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// onOpen counts files that really had to be read, and shows a progress
// bar (without a known total) once there are more than a few.
func (p *mediaProber) onOpen(string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.opened++
	switch {
	case p.bar != nil:
		if p.barMax < 0 {
			_ = p.bar.Add(1)
		}
	case p.opened > progressAfter && p.tty:
		p.bar, p.barMax = p.newBar(-1), -1
		_ = p.bar.Add(p.opened)
	}
}

// memoKey is how Prefetch and Probe name a source: URLs as they are,
// local paths cleaned ("./audio//a.mp3" and "audio/a.mp3" are one file).
func memoKey(src string) string {
	if isURL(src) {
		return src
	}
	return path.Clean(src)
}

func isURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Probe implements show.Prober.
func (p *mediaProber) Probe(ctx context.Context, src string) (show.MediaInfo, error) {
	p.mu.Lock()
	m, ok := p.memo[memoKey(src)]
	p.mu.Unlock()
	if !ok {
		m.info, m.err = p.probe(ctx, src)
	}
	if m.err != nil {
		p.mu.Lock()
		p.pruneOK = false // keep what is cached: this build saw an error
		p.mu.Unlock()
		return show.MediaInfo{}, m.err
	}
	return toShowInfo(m.info), nil
}

func (p *mediaProber) probe(ctx context.Context, src string) (media.Info, error) {
	if isURL(src) {
		if p.remote == nil {
			return media.Info{}, errors.New("remote media is probed only with --probe-remote")
		}
		return p.remote.Probe(ctx, src)
	}
	return p.files.Probe(ctx, src)
}

// Prefetch probes srcs (slash paths under the show folder, or URLs)
// concurrently, with a progress bar on a terminal when more than a few
// need probing, so that the Probe calls Build makes one by one are
// answered from memory. Calling it is optional.
func (p *mediaProber) Prefetch(ctx context.Context, srcs []string) {
	var local, urls []string
	for _, s := range srcs {
		if isURL(s) {
			if p.remote != nil {
				urls = append(urls, s)
			}
		} else {
			local = append(local, memoKey(s))
		}
	}
	total := len(p.files.Missing(local)) + len(urls)
	var tick func()
	if total > progressAfter && p.tty {
		p.mu.Lock()
		p.bar, p.barMax = p.newBar(total), total
		p.mu.Unlock()
		tick = func() { _ = p.bar.Add(1) }
	}
	// Files.Opened and the ticks below would count cache misses twice.
	opened := p.files.Opened
	p.files.Opened = func(string) {
		if tick != nil {
			tick()
		}
	}
	res := p.files.ProbeAll(ctx, local, nil)
	p.files.Opened = opened
	var rres []remote.Result
	if p.remote != nil {
		rres = p.remote.ProbeAll(ctx, urls, tick)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range res {
		p.memo[memoKey(r.Name)] = memoResult{r.Info, r.Err}
	}
	for _, r := range rres {
		p.memo[r.URL] = memoResult{r.Info, r.Err}
	}
}

// save ends the progress bar and writes the cache, dropping entries for
// media this build did not use when every probe succeeded.
func (p *mediaProber) save() error {
	p.mu.Lock()
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
	prune := p.pruneOK
	p.mu.Unlock()
	if prune {
		p.cache.Prune(p.remote != nil)
	}
	return p.cache.Save()
}

// toShowInfo converts what media found into what show needs.
func toShowInfo(in media.Info) show.MediaInfo {
	out := show.MediaInfo{Length: in.Size, Type: in.MIME, Duration: in.Duration, Warnings: in.Warnings}
	for _, c := range in.Chapters {
		out.Chapters = append(out.Chapters, chapters.Chapter{
			Start: c.Start.Milliseconds(),
			End:   c.End.Milliseconds(),
			Title: c.Title,
			URL:   c.URL,
		})
	}
	return out
}

// probeCommand is `podfeed probe FILE|URL...`: what media probing finds in
// each file or URL, as text or JSON. Nothing is cached.
func probeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "probe",
		Usage:     "print the type, length, duration, tags and chapters of media files or URLs",
		ArgsUsage: "FILE|URL...",
		Description: "Reads only the headers it needs, whatever the file size. The type comes from\n" +
			"the content, never the file name. URLs are probed with HEAD and ranged GETs.\n" +
			"Exit codes: 0 all probed; 1 a file is not media or is corrupt; 2 a file or\n" +
			"URL could not be read.",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print one JSON document ({\"version\":1,\"results\":[…]})"},
		}, netFlags(netDefaults{timeout: remote.DefaultTimeout, maxSize: "512KiB", maxSizeWhat: "most bytes read from each URL to find the duration"})...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError(errors.New("probe needs at least one FILE or URL"))
			}
			net, err := netOptions(c)
			if err != nil {
				return err
			}
			return runProbe(c.Context, e, c.Args().Slice(), c.Bool("json"), net)
		},
	}
}

// probeResult is one line of `podfeed probe --json`.
type probeResult struct {
	Source     string         `json:"source"`
	Error      string         `json:"error,omitempty"`
	Type       string         `json:"type,omitempty"`
	Length     int64          `json:"length,omitempty"`
	Duration   float64        `json:"duration,omitempty"` // seconds, millisecond precision
	Format     string         `json:"format,omitempty"`
	Codec      string         `json:"codec,omitempty"`
	Bitrate    int            `json:"bitrate,omitempty"`
	SampleRate int            `json:"sampleRate,omitempty"`
	Channels   int            `json:"channels,omitempty"`
	Video      bool           `json:"video,omitempty"`
	Title      string         `json:"title,omitempty"`
	Artist     string         `json:"artist,omitempty"`
	Artwork    bool           `json:"artwork,omitempty"`
	Chapters   []probeChapter `json:"chapters,omitempty"`
	Warnings   []string       `json:"warnings,omitempty"`
}

type probeChapter struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Title string  `json:"title,omitempty"`
	URL   string  `json:"url,omitempty"`
}

func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

func runProbe(ctx context.Context, e *env, srcs []string, asJSON bool, net fetch.Options) error {
	var local, urls []string
	for _, s := range srcs {
		if isURL(s) {
			urls = append(urls, s)
		} else {
			local = append(local, s)
		}
	}
	var bar *progressbar.ProgressBar
	var tick func()
	if len(srcs) > progressAfter && isTerminal(e.stderr) {
		bar = (&mediaProber{stderr: e.stderr}).newBar(len(srcs))
		tick = func() { _ = bar.Add(1) }
	}
	found := map[string]memoResult{}
	for _, r := range (&cache.Files{FS: cache.DirFS("")}).ProbeAll(ctx, local, tick) {
		found[r.Name] = memoResult{r.Info, r.Err}
	}
	// --max-size bounds the bytes read from each URL (the prober's budget);
	// the requests themselves follow fetch's policy like every other.
	rp := &remote.Prober{Net: net, Budget: net.MaxBytes}
	rp.Net.MaxBytes = 0
	for _, r := range rp.ProbeAll(ctx, urls, tick) {
		found[r.URL] = memoResult{r.Info, r.Err}
	}
	if bar != nil {
		_ = bar.Finish()
	}

	var results []probeResult
	badMedia, unreadable := 0, 0
	for _, s := range srcs {
		m := found[s]
		r := probeResult{Source: s}
		if m.err != nil {
			r.Error = m.err.Error()
			if errors.Is(m.err, media.ErrUnknownFormat) || errors.Is(m.err, media.ErrCorrupt) {
				badMedia++
			} else {
				unreadable++
			}
		} else {
			in := m.info
			r.Type, r.Length, r.Duration = in.MIME, in.Size, seconds(in.Duration)
			r.Format, r.Codec, r.Bitrate = string(in.Format), in.Codec, in.Bitrate
			r.SampleRate, r.Channels, r.Video = in.SampleRate, in.Channels, in.Video
			r.Title, r.Artist, r.Artwork, r.Warnings = in.Title, in.Artist, in.Artwork, in.Warnings
			for _, c := range in.Chapters {
				r.Chapters = append(r.Chapters, probeChapter{seconds(c.Start), seconds(c.End), c.Title, c.URL})
			}
		}
		results = append(results, r)
	}

	if asJSON {
		out := struct {
			Version int           `json:"version"`
			Results []probeResult `json:"results"`
		}{1, results}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(e.stdout, "%s\n", b); err != nil {
			return err
		}
	} else if err := writeProbeText(e, srcs, found); err != nil {
		return err
	}
	switch {
	case unreadable > 0:
		return fmt.Errorf("%d of %d could not be read", unreadable, len(srcs))
	case badMedia > 0:
		return findingsError()
	}
	return nil
}

// writeProbeText prints one block per source; errors go to stderr.
func writeProbeText(e *env, srcs []string, found map[string]memoResult) error {
	var b strings.Builder
	for _, s := range srcs {
		m := found[s]
		if m.err != nil {
			fmt.Fprintf(e.stderr, "podfeed: %v\n", m.err)
			continue
		}
		in := m.info
		fmt.Fprintf(&b, "%s\n", s)
		codec := in.Codec
		if in.Video {
			codec += ", video"
		}
		switch {
		case in.MIME == "":
			fmt.Fprintf(&b, "  type      unknown\n")
		case codec == "":
			fmt.Fprintf(&b, "  type      %s\n", in.MIME)
		default:
			fmt.Fprintf(&b, "  type      %s (%s)\n", in.MIME, codec)
		}
		fmt.Fprintf(&b, "  length    %d bytes\n", in.Size)
		if in.Duration > 0 {
			fmt.Fprintf(&b, "  duration  %s (%s, from %s)\n", clock(in.Duration), strconv.FormatFloat(seconds(in.Duration), 'f', -1, 64)+" s", in.DurationSource)
		} else {
			fmt.Fprintf(&b, "  duration  unknown (not in the first bytes)\n")
		}
		if in.Bitrate > 0 {
			fmt.Fprintf(&b, "  bitrate   %d kbit/s\n", in.Bitrate/1000)
		}
		if in.SampleRate > 0 {
			ch := "channels"
			if in.Channels == 1 {
				ch = "channel"
			}
			fmt.Fprintf(&b, "  audio     %d Hz, %d %s\n", in.SampleRate, in.Channels, ch)
		}
		if in.Title != "" {
			fmt.Fprintf(&b, "  title     %s\n", in.Title)
		}
		if in.Artist != "" {
			fmt.Fprintf(&b, "  artist    %s\n", in.Artist)
		}
		if in.Artwork {
			fmt.Fprintf(&b, "  artwork   embedded\n")
		}
		if len(in.Chapters) > 0 {
			fmt.Fprintf(&b, "  chapters  %d\n", len(in.Chapters))
			for _, c := range in.Chapters {
				line := fmt.Sprintf("    %s  %s", clock(c.Start), c.Title)
				if c.URL != "" {
					line += " <" + c.URL + ">"
				}
				fmt.Fprintf(&b, "%s\n", line)
			}
		}
		for _, w := range in.Warnings {
			fmt.Fprintf(&b, "  warning   %s\n", w)
		}
	}
	_, err := io.WriteString(e.stdout, b.String())
	return err
}

// clock formats d as HH:MM:SS.mmm.
func clock(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
