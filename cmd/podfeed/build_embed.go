package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/media/cache"
	"github.com/podfeed/podfeed/publish"
	"github.com/podfeed/podfeed/show"
)

// embedVersion changes when the bytes the chapter writers produce for
// the same chapters change, so that files written before are written
// again.
const embedVersion = "1"

// audioEmbedder implements show.Embedder for a build: Embed plans each
// file (reading only headers) and remembers it; after the build's checks
// pass, files returns what to write, and written records it in the media
// cache so that the next build with the same chapters writes nothing.
type audioEmbedder struct {
	showDir, outDir string
	cache           *cache.Cache

	mu      sync.Mutex
	pending []*pendingAudio
}

// pendingAudio is one audio file a build writes with chapters (or keeps,
// when the one written before is current).
type pendingAudio struct {
	src     string // slash path under the show folder
	inPlace bool
	chs     []media.Chapter
	fp      string
	srcKey  cache.Key
	mode    os.FileMode
	size    int64 // of the file with chapters
	keep    bool  // written before with these chapters: nothing to do
}

func newAudioEmbedder(showDir, outDir string, c *cache.Cache) *audioEmbedder {
	return &audioEmbedder{showDir: showDir, outDir: outDir, cache: c}
}

// recordKey names the written file in the cache: relative to the show
// folder when it is inside it, else absolute.
func (a *audioEmbedder) recordKey(p *pendingAudio) string {
	full := filepath.Join(a.showDir, filepath.FromSlash(p.src))
	if !p.inPlace {
		full = filepath.Join(a.outDir, filepath.FromSlash(p.src))
	}
	if rel, err := filepath.Rel(a.showDir, full); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	if abs, err := filepath.Abs(full); err == nil {
		return abs
	}
	return full
}

func (a *audioEmbedder) outPath(p *pendingAudio) string {
	if p.inPlace {
		return filepath.Join(a.showDir, filepath.FromSlash(p.src))
	}
	return filepath.Join(a.outDir, filepath.FromSlash(p.src))
}

// fingerprint identifies what is embedded.
func fingerprint(chs []media.Chapter) string {
	h := sha256.New()
	fmt.Fprintf(h, "podfeed embed %s\n", embedVersion)
	for _, c := range chs {
		fmt.Fprintf(h, "%d\x00%d\x00%q\x00%q\n", c.Start, c.End, c.Title, c.URL)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Embed implements show.Embedder.
func (a *audioEmbedder) Embed(ctx context.Context, src string, chs []chapters.Chapter, inPlace bool) (show.Embedded, error) {
	p := &pendingAudio{src: src, inPlace: inPlace}
	for _, c := range chs {
		p.chs = append(p.chs, media.Chapter{Start: time.Duration(c.Start) * time.Millisecond, End: time.Duration(c.End) * time.Millisecond, Title: c.Title, URL: c.URL})
	}
	p.fp = fingerprint(p.chs)
	name := filepath.Join(a.showDir, filepath.FromSlash(src))
	f, err := os.Open(name)
	if err != nil {
		return show.Embedded{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return show.Embedded{}, err
	}
	p.srcKey = cache.Key{Path: src, Size: st.Size(), ModTime: st.ModTime()}
	p.mode = st.Mode().Perm()

	// Written before with these chapters, and untouched since?
	if rec, ok := a.cache.Embedded(a.recordKey(p)); ok && rec.Fingerprint == p.fp {
		out, err := os.Stat(a.outPath(p))
		current := err == nil && out.Size() == rec.Size && out.ModTime().Equal(rec.ModTime)
		if current && !inPlace {
			current = rec.Source.Size == p.srcKey.Size && rec.Source.ModTime.Equal(p.srcKey.ModTime)
		}
		if current {
			p.keep, p.size = true, rec.Size
			if err := a.add(p); err != nil {
				return show.Embedded{}, err
			}
			return show.Embedded{Length: rec.Size}, nil
		}
	}
	plan, err := media.PlanEmbed(ctx, f, st.Size(), p.chs, media.EmbedOptions{})
	if err != nil {
		var ce *media.ChapterError
		if errors.As(err, &ce) {
			return show.Embedded{}, &show.EmbedError{Chapter: ce.Index, Err: err}
		}
		return show.Embedded{}, err
	}
	p.size = plan.Result.Size
	if err := a.add(p); err != nil {
		return show.Embedded{}, err
	}
	return show.Embedded{Length: p.size, Notes: plan.Result.Notes}, nil
}

// add remembers p; an episode that shares its audio file with another
// must want the same chapters in it.
func (a *audioEmbedder) add(p *pendingAudio) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, q := range a.pending {
		if q.src == p.src {
			if q.fp != p.fp || q.inPlace != p.inPlace {
				return fmt.Errorf("%s is the audio of another episode too, with other chapters: one file cannot hold both", p.src)
			}
			return nil // the same file with the same chapters: written once
		}
	}
	a.pending = append(a.pending, p)
	return nil
}

// files returns the files to publish: copies go to the output folder
// (with the build's other outputs), files changed in place to the show
// folder. Each is sorted by name.
func (a *audioEmbedder) files(ctx context.Context) (inPlace, copies []publish.File) {
	a.mu.Lock()
	defer a.mu.Unlock()
	slices.SortFunc(a.pending, func(x, y *pendingAudio) int { return strings.Compare(x.src, y.src) })
	for _, p := range a.pending {
		if p.keep && p.inPlace {
			continue // the show's own file, already as wanted
		}
		f := publish.File{Name: p.src, Mode: p.mode, Keep: p.keep}
		if !p.keep {
			f.Stream = a.stream(ctx, p)
		}
		if p.inPlace {
			inPlace = append(inPlace, f)
		} else {
			copies = append(copies, f)
		}
	}
	return inPlace, copies
}

// stream writes p's file: the source is read again, and must not have
// changed since the build planned it.
func (a *audioEmbedder) stream(ctx context.Context, p *pendingAudio) func(io.Writer) error {
	return func(w io.Writer) error {
		name := filepath.Join(a.showDir, filepath.FromSlash(p.src))
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		if st.Size() != p.srcKey.Size || !st.ModTime().Equal(p.srcKey.ModTime) {
			return fmt.Errorf("%s changed during the build", name)
		}
		plan, err := media.PlanEmbed(ctx, f, st.Size(), p.chs, media.EmbedOptions{})
		if err != nil {
			return err
		}
		if plan.Result.Size != p.size {
			return fmt.Errorf("%s: %d bytes planned, %d now", name, p.size, plan.Result.Size)
		}
		return plan.WriteTo(ctx, w)
	}
}

// written records the files just written in the media cache: the copy's
// source and chapters, and for a file changed in place its new probe
// result, so that the next build neither probes nor writes it again.
func (a *audioEmbedder) written(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, p := range a.pending {
		if p.keep {
			continue
		}
		name := a.outPath(p)
		st, err := os.Stat(name)
		if err != nil {
			return err
		}
		rec := cache.Embedded{Out: a.recordKey(p), Source: p.srcKey, Fingerprint: p.fp, Size: st.Size(), ModTime: st.ModTime()}
		if p.inPlace {
			k := cache.Key{Path: p.src, Size: st.Size(), ModTime: st.ModTime()}
			rec.Source = k
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			info, err := media.Probe(ctx, f, st.Size())
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			a.cache.Store(k, info)
		}
		a.cache.StoreEmbedded(rec)
	}
	return nil
}
