package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/podfeed/podfeed/chapters"
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
func newProber(e *env, showDir string, remote bool) (show.Prober, func() error) {
	p := newMediaProber(e, showDir, remote)
	return p, p.save
}

// mediaProber implements show.Prober with media, media/cache and
// media/remote.
type mediaProber struct {
	stderr io.Writer
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

func newMediaProber(e *env, showDir string, probeRemote bool) *mediaProber {
	c, warn := cache.Load(showDir)
	if warn != nil {
		fmt.Fprintf(e.stderr, "podfeed: warning: %v\n", warn)
	}
	p := &mediaProber{stderr: e.stderr, cache: c, memo: map[string]memoResult{}, pruneOK: true}
	p.files = &cache.Files{FS: cache.DirFS(showDir), Cache: c, Opened: p.onOpen}
	if probeRemote {
		p.remote = &remote.Prober{Cache: c, Timeout: 20 * time.Second}
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
	case p.opened > progressAfter && isTerminal(p.stderr):
		p.bar, p.barMax = p.newBar(-1), -1
		_ = p.bar.Add(p.opened)
	}
}

func isURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Probe implements show.Prober.
func (p *mediaProber) Probe(ctx context.Context, src string) (show.MediaInfo, error) {
	p.mu.Lock()
	m, ok := p.memo[src]
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
			local = append(local, s)
		}
	}
	total := len(p.files.Missing(local)) + len(urls)
	var tick func()
	if total > progressAfter && isTerminal(p.stderr) {
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
		p.memo[r.Name] = memoResult{r.Info, r.Err}
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
		p.cache.Prune()
	}
	return p.cache.Save()
}

// toShowInfo converts what media found into what show needs.
func toShowInfo(in media.Info) show.MediaInfo {
	out := show.MediaInfo{Length: in.Size, Type: in.MIME, Duration: in.Duration}
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
