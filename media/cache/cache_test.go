package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podfeed/podfeed/media"
)

// memFS is an in-memory FS that counts opens.
type memFS struct {
	files map[string][]byte
	mtime map[string]time.Time
	opens atomic.Int64
	stats atomic.Int64
}

type memInfo struct {
	name  string
	size  int64
	mtime time.Time
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return i.mtime }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

type memFile struct{ *bytes.Reader }

func (memFile) Close() error { return nil }

func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	m.stats.Add(1)
	b, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return memInfo{name: name, size: int64(len(b)), mtime: m.mtime[name]}, nil
}

func (m *memFS) Open(name string) (File, error) {
	m.opens.Add(1)
	b, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return memFile{bytes.NewReader(b)}, nil
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// showFS returns a show of n episodes, cycling through some fixtures.
func showFS(t testing.TB, n int) (*memFS, []string) {
	srcs := [][]byte{fixture(t, "cbr.mp3"), fixture(t, "chapters.m4a"), fixture(t, "opus.opus"), fixture(t, "id3v24-chap.mp3")}
	m := &memFS{files: map[string][]byte{}, mtime: map[string]time.Time{}}
	var names []string
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		name := fmt.Sprintf("episodes/ep-%04d.audio", i)
		m.files[name] = srcs[i%len(srcs)]
		m.mtime[name] = base.Add(time.Duration(i) * time.Minute)
		names = append(names, name)
	}
	return m, names
}

// TestRebuildOpensNothing builds a 1,000-episode show twice: the second
// run, with the cache loaded from disk, opens no media file.
func TestRebuildOpensNothing(t *testing.T) {
	dir := t.TempDir()
	fsys, names := showFS(t, 1000)

	c, warn := Load(dir)
	if warn != nil {
		t.Fatalf("Load(empty folder) warning: %v", warn)
	}
	p := &Files{FS: fsys, Cache: c}
	first := p.ProbeAll(context.Background(), names, nil)
	for _, r := range first {
		if r.Err != nil {
			t.Fatalf("probe %s: %v", r.Name, r.Err)
		}
	}
	if got := fsys.opens.Load(); got != 1000 {
		t.Errorf("first build opened %d files, want 1000", got)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}

	fsys.opens.Store(0)
	c2, warn := Load(dir)
	if warn != nil {
		t.Fatalf("Load warning: %v", warn)
	}
	p2 := &Files{FS: fsys, Cache: c2}
	if missing := p2.Missing(names); len(missing) != 0 {
		t.Errorf("Missing after a full build = %d names, want 0", len(missing))
	}
	second := p2.ProbeAll(context.Background(), names, nil)
	if got := fsys.opens.Load(); got != 0 {
		t.Errorf("rebuild of an unchanged show opened %d media files, want 0", got)
	}
	if diff := cmp.Diff(first, second, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("cached results differ from probed ones (-first +second):\n%s", diff)
	}

	// A changed file is probed again, and only it.
	fsys.mtime[names[7]] = fsys.mtime[names[7]].Add(time.Second)
	if _, err := p2.Probe(context.Background(), names[7]); err != nil {
		t.Fatal(err)
	}
	p2.ProbeAll(context.Background(), names, nil)
	if got := fsys.opens.Load(); got != 1 {
		t.Errorf("after touching one file the rebuild opened %d files, want 1", got)
	}
}

func TestSaveDeterministicAndAtomic(t *testing.T) {
	dir := t.TempDir()
	info := media.Info{Format: media.MP3, MIME: "audio/mpeg", Size: 10, Duration: 1500 * time.Millisecond}
	mt := time.Unix(1700000000, 5)
	save := func(order []string) []byte {
		c := New(dir)
		for _, n := range order {
			c.Store(Key{Path: n, Size: 10, ModTime: mt}, info)
		}
		c.StoreRemote("https://example.org/b.mp3", RemoteEntry{ETag: `"x"`, Info: info})
		c.StoreRemote("https://example.org/a.mp3", RemoteEntry{LastModified: "Mon, 02 Jan 2006 15:04:05 GMT", Info: info})
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, Dir, Name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a := save([]string{"b.mp3", "a.mp3", "c/d.mp3"})
	b := save([]string{"c/d.mp3", "a.mp3", "b.mp3"})
	if !bytes.Equal(a, b) {
		t.Errorf("Save wrote different bytes for the same entries:\n%s\n---\n%s", a, b)
	}
	if i, j := bytes.Index(a, []byte(`"a.mp3"`)), bytes.Index(a, []byte(`"b.mp3"`)); i < 0 || j < i {
		t.Errorf("entries are not sorted by path:\n%s", a)
	}
	ents, err := os.ReadDir(filepath.Join(dir, Dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 {
		t.Errorf("cache folder holds %d files, want only %s (no temporary files left)", len(ents), Name)
	}
	c, warn := Load(dir)
	if warn != nil {
		t.Fatal(warn)
	}
	got, ok := c.Lookup(Key{Path: "a.mp3", Size: 10, ModTime: mt})
	if !ok || got.Duration != info.Duration {
		t.Errorf("Lookup after Load = %v, %v; want the stored info", got, ok)
	}
	if _, ok := c.Lookup(Key{Path: "a.mp3", Size: 11, ModTime: mt}); ok {
		t.Error("Lookup with another size found an entry")
	}
	if _, ok := c.Lookup(Key{Path: "a.mp3", Size: 10, ModTime: mt.Add(time.Nanosecond)}); ok {
		t.Error("Lookup with another mtime found an entry")
	}
	if e, ok := c.Remote("https://example.org/b.mp3"); !ok || e.ETag != `"x"` {
		t.Errorf("Remote after Load = %+v, %v", e, ok)
	}
}

func TestLoadCorrupt(t *testing.T) {
	for name, content := range map[string]string{
		"not json":      "{\"version\":1,\"local\":[",
		"wrong version": `{"version":99,"local":[]}`,
		"wrong shape":   `{"version":1,"local":{"a":1}}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, Dir, Name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			c, warn := Load(dir)
			if !errors.Is(warn, ErrCorrupt) {
				t.Errorf("Load(corrupt) warning = %v, want ErrCorrupt", warn)
			}
			if c == nil || c.Len() != 0 {
				t.Fatalf("Load(corrupt) cache = %v, want an empty usable cache", c)
			}
			// The corrupt file is replaced on the next Save.
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if _, warn := Load(dir); warn != nil {
				t.Errorf("Load after Save: %v", warn)
			}
		})
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	c := New(dir)
	mt := time.Unix(1, 0)
	c.Store(Key{Path: "old.mp3", Size: 1, ModTime: mt}, media.Info{})
	c.Store(Key{Path: "kept.mp3", Size: 1, ModTime: mt}, media.Info{})
	c.StoreRemote("https://example.org/a.mp3", RemoteEntry{ETag: "x"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c, _ = Load(dir)
	if _, ok := c.Lookup(Key{Path: "kept.mp3", Size: 1, ModTime: mt}); !ok {
		t.Fatal("kept.mp3 not found")
	}
	c.Prune(false)
	if c.Len() != 2 {
		t.Errorf("after Prune(false) the cache holds %d entries, want 2 (kept.mp3 and the URL)", c.Len())
	}
	c.Prune(true)
	if c.Len() != 1 {
		t.Errorf("after Prune(true) the cache holds %d entries, want 1", c.Len())
	}
}

func TestProbeErrorsNotCached(t *testing.T) {
	fsys := &memFS{files: map[string][]byte{"bad.mp3": []byte("not audio at all")}, mtime: map[string]time.Time{}}
	c := New(t.TempDir())
	p := &Files{FS: fsys, Cache: c}
	if _, err := p.Probe(context.Background(), "bad.mp3"); !errors.Is(err, media.ErrUnknownFormat) {
		t.Errorf("Probe(bad.mp3) error = %v, want ErrUnknownFormat", err)
	}
	if _, err := p.Probe(context.Background(), "missing.mp3"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Probe(missing.mp3) error = %v, want fs.ErrNotExist", err)
	}
	if c.Len() != 0 {
		t.Errorf("failed probes left %d cache entries", c.Len())
	}
}

// TestEmbedded: records of files written with chapters survive Save and
// Load, and Prune drops those the build did not look at.
func TestEmbedded(t *testing.T) {
	dir := t.TempDir()
	c := New(dir)
	mt := time.Date(2026, 12, 3, 10, 0, 0, 123456789, time.UTC)
	a := Embedded{Out: "public/audio/a.mp3", Source: Key{Path: "audio/a.mp3", Size: 100, ModTime: mt}, Fingerprint: "f1", Size: 1200, ModTime: mt.Add(time.Hour)}
	b := Embedded{Out: "audio/b.m4a", Source: Key{Path: "audio/b.m4a", Size: 300, ModTime: mt}, Fingerprint: "f2", Size: 300, ModTime: mt}
	c.StoreEmbedded(a)
	c.StoreEmbedded(b)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	l, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := l.Embedded(a.Out)
	if !ok || got.Fingerprint != a.Fingerprint || got.Size != a.Size || !got.ModTime.Equal(a.ModTime) || got.Source.Path != a.Source.Path || !got.Source.ModTime.Equal(mt) {
		t.Fatalf("Embedded(%q) = %+v, %v; want %+v", a.Out, got, ok, a)
	}
	l.Prune(false)
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	l2, _ := Load(dir)
	if _, ok := l2.Embedded(b.Out); ok {
		t.Errorf("a record no build looked at survived Prune")
	}
	if _, ok := l2.Embedded(a.Out); !ok {
		t.Errorf("a record the build looked at was pruned")
	}
}

// TestSaveRemovesLeftTemps: a temporary file a killed save left (older
// than a save takes) goes on the next save; a recent one, which may be
// another run's save in progress, stays.
func TestSaveRemovesLeftTemps(t *testing.T) {
	dir := t.TempDir()
	c := New(dir)
	c.Store(Key{Path: "a.mp3", Size: 1, ModTime: time.Unix(1, 0)}, media.Info{})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, Dir, "."+Name+".123.tmp")
	recent := filepath.Join(dir, Dir, "."+Name+".456.tmp")
	for _, p := range []string{old, recent} {
		if err := os.WriteFile(p, []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	c.Store(Key{Path: "b.mp3", Size: 1, ModTime: time.Unix(1, 0)}, media.Info{})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old temporary file is still there (%v)", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("the recent temporary file was removed: %v", err)
	}
}
