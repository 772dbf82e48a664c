package cache

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/podfeed/podfeed/media"
)

// File is an open media file.
type File interface {
	io.ReaderAt
	io.Closer
}

// FS is the file system Files reads media from; names are slash paths.
type FS interface {
	Stat(name string) (fs.FileInfo, error)
	Open(name string) (File, error)
}

// DirFS is an FS over a folder of the operating system's file system.
type DirFS string

// Stat returns the file information of name inside the folder.
func (d DirFS) Stat(name string) (fs.FileInfo, error) {
	return os.Stat(filepath.Join(string(d), filepath.FromSlash(name)))
}

// Open opens name inside the folder for reading.
func (d DirFS) Open(name string) (File, error) {
	return os.Open(filepath.Join(string(d), filepath.FromSlash(name)))
}

// Files probes local media files through a Cache: a file whose size and
// modification time match a cached result is not opened at all.
type Files struct {
	FS      FS
	Cache   *Cache // nil: nothing is remembered
	Workers int    // concurrency of ProbeAll; 0 means GOMAXPROCS
	// Opened, when not nil, is called with the name of each file Probe
	// has to open (a cache miss), before it is read.
	Opened func(name string)
}

func (p *Files) key(name string) (Key, error) {
	st, err := p.FS.Stat(name)
	if err != nil {
		return Key{}, err
	}
	if !st.Mode().IsRegular() {
		return Key{}, fmt.Errorf("%s is not a regular file", name)
	}
	return Key{Path: name, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Probe returns what media.Probe finds in the file name, from the cache
// when the file has not changed.
func (p *Files) Probe(ctx context.Context, name string) (media.Info, error) {
	k, err := p.key(name)
	if err != nil {
		return media.Info{}, err
	}
	if p.Cache != nil {
		if info, ok := p.Cache.Lookup(k); ok {
			return info, nil
		}
	}
	if p.Opened != nil {
		p.Opened(name)
	}
	f, err := p.FS.Open(name)
	if err != nil {
		return media.Info{}, err
	}
	defer f.Close()
	info, err := media.Probe(ctx, f, k.Size)
	if err != nil {
		return media.Info{}, fmt.Errorf("%s: %w", name, err)
	}
	if p.Cache != nil {
		p.Cache.Store(k, info)
	}
	return info, nil
}

// Missing returns the names among names that Probe would have to open:
// those without a cached result for their current size and modification
// time (and those that cannot be stat'ed). It opens no file.
func (p *Files) Missing(names []string) []string {
	var out []string
	for _, n := range names {
		k, err := p.key(n)
		if err != nil || p.Cache == nil {
			out = append(out, n)
			continue
		}
		if _, ok := p.Cache.Lookup(k); !ok {
			out = append(out, n)
		}
	}
	return out
}

// Result is the outcome of probing one file in ProbeAll.
type Result struct {
	Name string
	Info media.Info
	Err  error
}

// ProbeAll probes names concurrently (at most Workers at a time) and
// returns the results in the order of names. done, when not nil, is
// called once after each file (from several goroutines, never at once).
func (p *Files) ProbeAll(ctx context.Context, names []string, done func()) []Result {
	out := make([]Result, len(names))
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				info, err := p.Probe(ctx, names[i])
				out[i] = Result{Name: names[i], Info: info, Err: err}
				if done != nil {
					mu.Lock()
					done()
					mu.Unlock()
				}
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
