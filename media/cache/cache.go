package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/podfeed/podfeed/media"
)

// Dir and Name locate the cache file inside a show folder.
const (
	Dir  = ".podfeed"
	Name = "cache.json"
)

// version is the cache file format; files of another version are ignored.
const version = 1

// ErrCorrupt is wrapped by the warning Load returns for a cache file it
// could not parse.
var ErrCorrupt = errors.New("corrupt media cache")

// Key identifies one state of a local file.
type Key struct {
	Path    string    `json:"path"` // slash path relative to the show folder
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
}

// RemoteEntry is what is remembered about a remote media URL.
type RemoteEntry struct {
	ETag         string     `json:"etag,omitempty"`
	LastModified string     `json:"lastModified,omitempty"`
	Info         media.Info `json:"info"`
}

type localEntry struct {
	Path  string     `json:"path"`
	Size  int64      `json:"size"`
	MTime int64      `json:"mtime"` // Unix nanoseconds
	Info  media.Info `json:"info"`
}

type remoteEntry struct {
	URL string `json:"url"`
	RemoteEntry
}

// Embedded is what a build remembers about an audio file it wrote with
// chapters embedded, so that the next build with the same chapters does
// not write it again.
type Embedded struct {
	// Out names the file written: a slash path relative to the show
	// folder, or an absolute path for an output folder outside it.
	Out string `json:"out"`
	// Source is the audio the chapters were embedded into, as it was
	// read (for a file changed in place: as it was written).
	Source Key `json:"source"`
	// Fingerprint identifies the chapters and options embedded.
	Fingerprint string `json:"fingerprint"`
	// Size and ModTime are the written file's, after the write.
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
}

type fileFormat struct {
	Version  int           `json:"version"`
	Local    []localEntry  `json:"local"`
	Remote   []remoteEntry `json:"remote"`
	Embedded []Embedded    `json:"embedded,omitempty"`
}

// Cache holds probe results in memory; Save writes them back. It is safe
// for concurrent use.
type Cache struct {
	path string

	mu       sync.Mutex
	local    map[string]localEntry
	remote   map[string]RemoteEntry
	embedded map[string]Embedded
	used     map[string]bool
	usedEmb  map[string]bool
	dirty    bool
}

// New returns an empty cache that Save writes to the show folder dir.
func New(dir string) *Cache {
	return &Cache{
		path:     filepath.Join(dir, Dir, Name),
		local:    map[string]localEntry{},
		remote:   map[string]RemoteEntry{},
		embedded: map[string]Embedded{},
		used:     map[string]bool{},
		usedEmb:  map[string]bool{},
	}
}

// Load reads the cache of the show folder dir. It always returns a usable
// cache. The error is a warning for the user, not a failure: a cache file
// that cannot be read or parsed (wrapping ErrCorrupt) is ignored and will
// be replaced on Save. A missing file is not an error.
func Load(dir string) (*Cache, error) {
	c := New(dir)
	b, err := readCapped(c.path, MaxFile)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		c.dirty = true
		return c, fmt.Errorf("media cache ignored: %w", err)
	}
	var f fileFormat
	if err := json.Unmarshal(b, &f); err != nil {
		c.dirty = true
		return c, fmt.Errorf("media cache %s ignored: %w: %v", c.path, ErrCorrupt, err)
	}
	if f.Version != version {
		c.dirty = true
		return c, fmt.Errorf("media cache %s ignored: %w: version %d, want %d", c.path, ErrCorrupt, f.Version, version)
	}
	for _, e := range f.Local {
		c.local[e.Path] = e
	}
	for _, e := range f.Remote {
		c.remote[e.URL] = e.RemoteEntry
	}
	for _, e := range f.Embedded {
		c.embedded[e.Out] = e
	}
	return c, nil
}

// Embedded returns what is remembered about the file out wrote with
// chapters embedded.
func (c *Cache) Embedded(out string) (Embedded, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.embedded[out]
	if ok {
		c.usedEmb[out] = true
	}
	return e, ok
}

// StoreEmbedded remembers e, replacing what was remembered about e.Out.
func (c *Cache) StoreEmbedded(e Embedded) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.Source.ModTime = e.Source.ModTime.UTC()
	e.ModTime = e.ModTime.UTC()
	c.embedded[e.Out] = e
	c.usedEmb[e.Out] = true
	c.dirty = true
}

// MaxFile is the largest cache file Load reads (a few hundred bytes an
// entry); a larger one is ignored and replaced.
const MaxFile = 64 << 20

// readCapped reads a regular file of at most max bytes.
func readCapped(path string, max int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a cache may have", path, fi.Size(), max)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		err = fmt.Errorf("%s: more than the %d bytes a cache may have", path, max)
	}
	return b, err
}

// Path returns the cache file's path.
func (c *Cache) Path() string { return c.path }

// Lookup returns the result stored for exactly this state of a file.
func (c *Cache) Lookup(k Key) (media.Info, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.local[k.Path]
	if !ok || e.Size != k.Size || e.MTime != k.ModTime.UnixNano() {
		return media.Info{}, false
	}
	c.used[k.Path] = true
	return e.Info, true
}

// Store remembers the result for this state of a file, replacing any
// result for an older state of the same path.
func (c *Cache) Store(k Key, info media.Info) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.local[k.Path] = localEntry{Path: k.Path, Size: k.Size, MTime: k.ModTime.UnixNano(), Info: info}
	c.used[k.Path] = true
	c.dirty = true
}

// Remote returns what is remembered about url.
func (c *Cache) Remote(url string) (RemoteEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.remote[url]
	if ok {
		c.used[url] = true
	}
	return e, ok
}

// StoreRemote remembers e for url.
func (c *Cache) StoreRemote(url string, e RemoteEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remote[url] = e
	c.used[url] = true
	c.dirty = true
}

// Prune forgets every local entry that was neither looked up
// successfully nor stored since the cache was loaded, and with remote set
// every such remote entry too: call it after a full build so that files
// removed from the show leave the cache. (A build that did not probe
// URLs passes false, keeping their entries for the next one that does.)
func (c *Cache) Prune(remote bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.local {
		if !c.used[p] {
			delete(c.local, p)
			c.dirty = true
		}
	}
	for p := range c.embedded {
		if !c.usedEmb[p] {
			delete(c.embedded, p)
			c.dirty = true
		}
	}
	if !remote {
		return
	}
	for u := range c.remote {
		if !c.used[u] {
			delete(c.remote, u)
			c.dirty = true
		}
	}
}

// Len returns the number of local and remote entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.local) + len(c.remote)
}

// Save writes the cache if it changed since Load: entries sorted, into a
// temporary file in the same folder that is synced and renamed over the
// old one, so that a crash leaves either the old or the new cache.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	f := fileFormat{Version: version, Local: []localEntry{}, Remote: []remoteEntry{}}
	for _, e := range c.local {
		f.Local = append(f.Local, e)
	}
	sort.Slice(f.Local, func(i, j int) bool { return f.Local[i].Path < f.Local[j].Path })
	for u, e := range c.remote {
		f.Remote = append(f.Remote, remoteEntry{URL: u, RemoteEntry: e})
	}
	sort.Slice(f.Remote, func(i, j int) bool { return f.Remote[i].URL < f.Remote[j].URL })
	for _, e := range c.embedded {
		f.Embedded = append(f.Embedded, e)
	}
	sort.Slice(f.Embedded, func(i, j int) bool { return f.Embedded[i].Out < f.Embedded[j].Out })
	b, err := json.MarshalIndent(f, "", "\t")
	if err != nil {
		return fmt.Errorf("media cache: %w", err)
	}
	b = append(b, '\n')
	if err := writeAtomic(c.path, b); err != nil {
		return fmt.Errorf("media cache: %w", err)
	}
	c.dirty = false
	return nil
}

// staleTemp is the age past which a temporary cache file is taken for the
// leftover of a run that was killed, not a save in progress.
const staleTemp = 10 * time.Minute

func writeAtomic(path string, b []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A run killed while saving leaves its temporary file: remove those
	// old enough not to be another run's save in progress.
	if left, _ := filepath.Glob(filepath.Join(dir, "."+filepath.Base(path)+".*.tmp")); len(left) > 0 {
		for _, l := range left {
			if fi, err := os.Lstat(l); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > staleTemp {
				os.Remove(l)
			}
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(b); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable where the platform allows it.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
