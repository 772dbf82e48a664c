package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the show folder must be quiet before a rebuild: an
// editor's save is often several writes and renames.
const settle = 150 * time.Millisecond

// watchShow sends on changes (coalesced) when something in the show folder
// changes, leaving out what a build writes or keeps (the output folder
// public/, hidden folders such as .podfeed/ and .git/). It is told by the
// system (fsnotify: inotify, kqueue, ReadDirectoryChangesW), at no cost
// while nothing changes and within milliseconds when something does; with
// poll > 0 it instead compares the folder's names, sizes and times every
// poll, for file systems that tell nothing (network shares, some container
// mounts). stop ends it.
func watchShow(ctx context.Context, dir string, poll time.Duration) (changes <-chan struct{}, stop func(), err error) {
	ch := make(chan struct{}, 1)
	notify := func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	if poll > 0 {
		go pollShow(ctx, dir, poll, notify)
		return ch, cancel, nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		cancel()
		return nil, nil, err
	}
	add := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if p != dir && skipDir(dir, p) {
				return filepath.SkipDir
			}
			w.Add(p)
			return nil
		})
	}
	add(dir)
	go func() {
		defer w.Close()
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if skipPath(dir, ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						add(ev.Name)
					}
				}
				timer = time.After(settle)
			case <-w.Errors:
				timer = time.After(settle)
			case <-timer:
				timer = nil
				notify()
			}
		}
	}()
	return ch, cancel, nil
}

// skipDir reports whether a folder below the show folder is one a build
// writes or keeps rather than reads.
func skipDir(dir, p string) bool {
	name := filepath.Base(p)
	if strings.HasPrefix(name, ".") || name == "node_modules" {
		return true
	}
	return filepath.Dir(p) == filepath.Clean(dir) && name == "public"
}

// skipPath reports whether a changed path is in a folder skipDir leaves
// out, or is an editor's scratch file.
func skipPath(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i := range parts {
		if i < len(parts)-1 && skipDir(dir, filepath.Join(append([]string{dir}, parts[:i+1]...)...)) {
			return true
		}
	}
	base := parts[len(parts)-1]
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasPrefix(base, ".#")
}

// pollShow calls notify when the folder's state (every file's path,
// size and modification time) changes.
func pollShow(ctx context.Context, dir string, every time.Duration, notify func()) {
	last := folderState(dir)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fp := folderState(dir); fp != last {
				last = fp
				notify()
			}
		}
	}
}

func folderState(dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && skipDir(dir, p) {
				return filepath.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil {
			b.WriteString(p)
			b.WriteByte(0)
			b.WriteString(info.ModTime().String())
			b.WriteByte(0)
			b.WriteString(strconv.FormatInt(info.Size(), 10))
			b.WriteByte('\n')
		}
		return nil
	})
	return b.String()
}
