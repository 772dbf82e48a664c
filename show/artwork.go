package show

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sync"

	"github.com/podfeed/podfeed/artwork"
)

// Fetcher downloads a remote file whole, for the checks that need its
// bytes: remote artwork, when BuildOptions.ProbeRemote is set.
type Fetcher interface {
	// Fetch returns the body of an http(s) URL, or an error when it
	// cannot be read or is larger than max bytes.
	Fetch(ctx context.Context, url string, max int64) ([]byte, error)
}

// artChecks remembers each artwork file's problems, so that artwork
// several episodes share is read and reported on once per definition
// that names it, and read only once. Safe for concurrent use.
type artChecks struct {
	mu   sync.Mutex
	seen map[string]*artResult
}

type artResult struct {
	once     sync.Once
	problems []artwork.Problem
	err      string // the file could not be read: the whole message
}

// checkArtwork reads the artwork value names (under key in w): a local
// file always, a URL with --probe-remote when a Fetcher is set. What
// Apple would refuse is an error at the line that names it; what it asks
// for, a warning.
func (b *builder) checkArtwork(w where, key, value string) {
	if value == "" || b.art == nil {
		return
	}
	remote := looksLikeURL(value)
	src := value
	if remote {
		if !b.opt.ProbeRemote || b.opt.Fetcher == nil || !isAbsURL(value) {
			return
		}
	} else {
		p, err := cleanLocalPath(value)
		if err != nil {
			return // b.url reports it
		}
		src = p
	}
	b.art.mu.Lock()
	if b.art.seen == nil {
		b.art.seen = map[string]*artResult{}
	}
	r := b.art.seen[src]
	if r == nil {
		r = &artResult{}
		b.art.seen[src] = r
	}
	b.art.mu.Unlock()
	r.once.Do(func() {
		data, err := b.readArtwork(src, remote)
		if err != nil {
			r.err = err.Error()
			return
		}
		r.problems = artwork.Check(artwork.Sniff(data), int64(len(data)), src)
	})
	if r.err != "" {
		b.errAt(w, key, "%s: %s", key, r.err)
		return
	}
	for _, p := range r.problems {
		if p.Warning {
			b.warnAt(w, key, "%s: %q %s", key, value, p.Msg)
		} else {
			b.errAt(w, key, "%s: %q %s", key, value, p.Msg)
		}
	}
}

// readArtwork returns the bytes of src, a slash path under the show
// folder or a URL, at most artwork.MaxBytes of them.
func (b *builder) readArtwork(src string, remote bool) ([]byte, error) {
	if remote {
		data, err := b.opt.Fetcher.Fetch(b.ctx, src, artwork.MaxBytes)
		if err != nil {
			return nil, fmt.Errorf("%q cannot be downloaded to check it: %w", src, err)
		}
		return data, nil
	}
	name := path.Join(b.def.Dir, src)
	st, err := fs.Stat(b.def.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New(b.def.missingFile(src))
	}
	if err != nil {
		return nil, fmt.Errorf("%q cannot be read: %w", src, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%q is not a regular file", src)
	}
	if st.Size() > artwork.MaxBytes {
		return nil, fmt.Errorf("%q is %.0f MB; artwork that large is refused by Apple and takes apps ages to load: keep it under 1 MB", src, float64(st.Size())/(1<<20))
	}
	f, err := b.def.fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%q cannot be read: %w", src, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, artwork.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%q cannot be read: %w", src, err)
	}
	return data, nil
}
