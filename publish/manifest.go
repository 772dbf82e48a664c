package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// manifestVersion is the manifest's format; another version is ignored.
const manifestVersion = 1

// maxManifest caps the manifest file read (a few hundred bytes a file).
const maxManifest = 64 << 20

// manifest records what Publish wrote into one folder.
type manifest struct {
	Version int     `json:"version"`
	Dir     string  `json:"dir"` // the folder, as Publish was given it; for people
	Files   []entry `json:"files"`

	index map[string]int
}

// entry is one file Publish wrote.
type entry struct {
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // Unix nanoseconds after the write; 0 when recorded before it
	CRC   uint32 `json:"crc32c"`
	// Streamed: written by File.Stream (or kept as File.Keep), so no
	// checksum; only its size and time tell that it is still what podfeed
	// wrote.
	Streamed bool `json:"streamed,omitempty"`
}

// entry returns the record of name, or nil; m may be nil.
func (m *manifest) entry(name string) *entry {
	if m == nil {
		return nil
	}
	if m.index == nil {
		m.index = make(map[string]int, len(m.Files))
		for i, e := range m.Files {
			m.index[e.Name] = i
		}
	}
	if i, ok := m.index[name]; ok {
		return &m.Files[i]
	}
	return nil
}

// union is m plus a record of every changed file m does not know; grew
// says whether there is any.
func (m *manifest) union(dir string, files []File, changed []bool, sums []uint32) (*manifest, bool) {
	u := &manifest{Version: manifestVersion, Dir: dir}
	if m != nil {
		u.Files = slices.Clone(m.Files)
	}
	grew := false
	for i, f := range files {
		if changed[i] && m.entry(f.Name) == nil {
			e := entry{Name: f.Name, Size: f.size(), CRC: sums[i]}
			if f.Stream != nil {
				e = entry{Name: f.Name, Size: -1, Streamed: true} // not known yet: kept if left behind
			}
			u.Files = append(u.Files, e)
			grew = true
		}
	}
	u.sort()
	return u, grew
}

// current records files as they are now, from their state once in place.
func current(dir string, files []File, sums []uint32, infos []fs.FileInfo) *manifest {
	m := &manifest{Version: manifestVersion, Dir: dir, Files: make([]entry, 0, len(files))}
	for i, f := range files {
		fi := infos[i]
		m.Files = append(m.Files, entry{Name: f.Name, Size: fi.Size(), MTime: fi.ModTime().UnixNano(), CRC: sums[i], Streamed: f.Stream != nil || f.Keep})
	}
	m.sort()
	return m
}

func (m *manifest) sort() {
	slices.SortFunc(m.Files, func(a, b entry) int { return strings.Compare(a.Name, b.Name) })
}

func (m *manifest) equal(o *manifest) bool {
	if m == nil || o == nil {
		return m == o
	}
	return m.Dir == o.Dir && slices.Equal(m.Files, o.Files)
}

// loadManifest reads the manifest at p: nil without error when there is
// none. A manifest that cannot be used is an error, and is replaced on the
// next save.
func loadManifest(p string) (*manifest, error) {
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxManifest {
		return nil, fmt.Errorf("manifest %s ignored: not a regular file of at most %d bytes", p, maxManifest)
	}
	fh, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, maxManifest+1))
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest %s ignored: %w", p, err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("manifest %s ignored: version %d, want %d", p, m.Version, manifestVersion)
	}
	return &m, nil
}

// save writes m to p atomically, and removes temporary files that runs
// killed while saving it left beside it.
func (m *manifest) save(p string) (err error) {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if old, _ := filepath.Glob(filepath.Join(dir, "."+filepath.Base(p)+TempMarker+"*")); len(old) > 0 {
		for _, o := range old {
			_ = os.Remove(o)
		}
	}
	b, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	b = append(b, '\n')
	tmp := filepath.Join(dir, filepath.Base(tempName(filepath.Base(p))))
	fh, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	_, err = fh.Write(b)
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
