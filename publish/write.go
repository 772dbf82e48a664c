package publish

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// File is one output file.
type File struct {
	Name string      // slash-separated path relative to the output folder, e.g. "feed.xml"
	Data []byte      // the complete contents
	Mode fs.FileMode // permission bits; 0 means 0644
	// Stream, when set, writes the contents instead of Data, for files too
	// big to hold in memory (audio with embedded chapters). It is given
	// the temporary *os.File, so that copies from another file can be left
	// to the kernel.
	Stream func(w io.Writer) error
	// Keep says the file is already in place with the wanted contents
	// (audio whose chapters did not change): Write leaves it as it is, but
	// it is still one of the outputs. It must exist.
	Keep bool
	// Staged, when set, holds the contents already written to a temporary
	// file in the folder (Stage, for files too big to hold in memory: the
	// feed); Data and Mode are not used. Publish renames it into place, or
	// removes it when the target already holds its bytes: on return it
	// is gone from where it was staged, whatever happened.
	Staged *Staged
}

func (f File) perm() fs.FileMode {
	if f.Staged != nil {
		return f.Staged.mode
	}
	if m := f.Mode.Perm(); m != 0 {
		return m
	}
	return 0o644
}

// ErrBadName is wrapped by the error Write returns for a file name that is
// empty, absolute, contains "..", ".", an empty element, a backslash or a
// NUL byte, or appears twice.
var ErrBadName = errors.New("bad output file name")

// TempMarker is part of the name of every temporary file Publish writes
// (".feed.xml.podfeed-tmp-6XK2M4QZ7TBA"): a run that is killed leaves them
// behind, the next Publish into the folder removes them, and a deployment
// can leave them out (rsync --exclude '*.podfeed-tmp-*').
const TempMarker = ".podfeed-tmp-"

// IsTemp reports whether name (a base name) is one of Publish's temporary
// files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, TempMarker)
}

// Options tune Publish.
type Options struct {
	// Manifest is the file where Publish records what it wrote into the
	// folder (keep it outside the folder, e.g. in the show's .podfeed
	// folder). With it, a file that an earlier Publish wrote and this one
	// no longer produces is removed; "" removes nothing.
	Manifest string
}

// Report says what Publish did.
type Report struct {
	Written   []string // files that were new or whose bytes changed
	Unchanged []string // files whose bytes already matched: not touched, so their modification time is kept
	Removed   []string // files an earlier Publish wrote that this one no longer produces
	Kept      []string // such files left in place because they changed since podfeed wrote them
	Cleaned   []string // temporary files of interrupted runs, removed
	// ManifestErr is set when the manifest could not be read or saved: the
	// files are published, but files no longer produced may stay behind.
	ManifestErr error
}

// Write publishes files into dir (see Publish) without a manifest.
func Write(dir string, files []File) error {
	_, err := Publish(dir, files, Options{})
	return err
}

// Publish writes files into dir (created if missing) so that a reader, or
// a crash at any moment, never sees a half-written file, and never a file
// that links files not yet there:
//
//   - Temporary files of runs that were killed are removed first.
//   - A file whose bytes (and mode) are already in place is not touched,
//     so its modification time stays and rsync or a CDN does not send it
//     again. (A File with Stream is always written: its bytes are known
//     only by writing them.)
//   - Every new or changed file is written in full to a temporary file
//     beside its target, synced and closed. On any failure here the
//     temporary files are removed and no file changes.
//   - Only then are the temporary files renamed over their targets, in the
//     order of files: put the file that links the others (the feed) last,
//     so it is replaced only once everything it links is in place. The
//     folders are then synced.
//   - Last, with Options.Manifest, files that an earlier Publish wrote and
//     this one does not produce are removed, unless they changed since
//     (they are kept and reported); nothing else in dir is ever touched.
//     The manifest is saved before the renames with every name the folder
//     may then hold, so a run killed midway still knows its files.
//
// Publish confines itself to dir: names are checked, and symbolic links
// that lead out of dir are refused. Subfolders named by files are created
// as needed (the only change a failed Publish can leave). If a rename
// fails, the files renamed before it are already replaced; the error says
// which. Publish does not lock dir: hold a Lock around it when several
// runs may write the same folder.
func Publish(dir string, files []File, opt Options) (*Report, error) {
	return publish(dir, files, opt, nil)
}

// failHook lets tests inject a failure at a step ("create", "write",
// "sync", "close", "rename", "manifest") for a file.
type failHook func(step, name string) error

func (h failHook) at(step, name string) error {
	if h == nil {
		return nil
	}
	return h(step, name)
}

// write is Write with a hook, for tests.
func write(dir string, files []File, hook failHook) error {
	_, err := publish(dir, files, Options{}, hook)
	return err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// size is the number of bytes of f's contents, when known before writing.
func (f File) size() int64 {
	if f.Staged != nil {
		return f.Staged.size
	}
	return int64(len(f.Data))
}

func publish(dir string, files []File, opt Options, hook failHook) (*Report, error) {
	staged := map[string]bool{} // temporary names of the staged files
	for _, f := range files {
		if s := f.Staged; s != nil {
			defer s.Discard() // a no-op once renamed into place
			staged[s.tmp] = true
		}
	}
	if err := checkNames(files); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	for _, f := range files {
		if s := f.Staged; s != nil && (s.name != f.Name || filepath.Clean(s.dir) != filepath.Clean(dir) || s.gone) {
			return nil, fmt.Errorf("publish: %s: staged as %s in %s, or already published", f.Name, s.name, s.dir)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	defer root.Close()
	fo := &folders{root: root, open: map[string]*os.Root{}, missing: map[string]bool{}}
	defer fo.close()
	rep := &Report{}

	var old *manifest
	if opt.Manifest != "" {
		old, rep.ManifestErr = loadManifest(opt.Manifest)
	}
	rep.Cleaned = cleanTemps(root, files, old, staged)

	// What changes. infos keeps each file's state once it is in place.
	sums := make([]uint32, len(files))
	changed := make([]bool, len(files))
	infos := make([]fs.FileInfo, len(files))
	for i, f := range files {
		switch {
		case f.Staged != nil:
			sums[i] = f.Staged.crc
		case f.Stream == nil && !f.Keep:
			sums[i] = checksum(f.Data)
		}
		fi, err := unchanged(fo, f, sums[i], old.entry(f.Name))
		if err != nil {
			return nil, fmt.Errorf("publish: %s: %w (nothing was replaced)", path.Join(dir, f.Name), err)
		}
		changed[i], infos[i] = fi == nil, fi
	}

	// Write every changed file to a temporary file.
	temps := make([]string, len(files))
	cleanup := func() {
		for _, t := range temps {
			if t != "" {
				_ = root.Remove(t)
			}
		}
	}
	for i, f := range files {
		if !changed[i] {
			continue
		}
		tmp, fi, err := writeTemp(fo, f, hook)
		temps[i], infos[i] = tmp, fi
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("publish: %s: %w (nothing was replaced)", path.Join(dir, f.Name), err)
		}
	}

	// Record every name the folder may hold from here on, in case the run
	// stops midway; only needed when a name is new to the manifest.
	if opt.Manifest != "" {
		if union, grew := old.union(dir, files, changed, sums); grew {
			err := hook.at("manifest", opt.Manifest)
			if err == nil {
				err = union.save(opt.Manifest)
			}
			if err != nil && rep.ManifestErr == nil {
				rep.ManifestErr = err
			}
		}
	}

	// Rename, in the order given: the feed last.
	var dirs []string
	for i, f := range files {
		if !changed[i] {
			rep.Unchanged = append(rep.Unchanged, f.Name)
			continue
		}
		err := hook.at("rename", f.Name)
		if err == nil {
			err = fo.rename(temps[i], f.Name)
		}
		if err != nil {
			for _, t := range temps[i:] {
				if t != "" {
					_ = root.Remove(t)
				}
			}
			return nil, fmt.Errorf("publish: %s: %w (already replaced: %s)", path.Join(dir, f.Name), err, listOrNone(rep.Written))
		}
		temps[i] = ""
		if f.Staged != nil {
			f.Staged.gone = true
		}
		rep.Written = append(rep.Written, f.Name)
		dirs = append(dirs, path.Dir(f.Name))
	}

	// Files an earlier run wrote that this one does not produce.
	if old != nil {
		produced := make(map[string]bool, len(files))
		for _, f := range files {
			produced[f.Name] = true
		}
		var emptied []string
		for _, e := range old.Files {
			if produced[e.Name] || !fs.ValidPath(e.Name) {
				continue
			}
			switch gone, err := removeIfOurs(fo, e); {
			case err != nil:
				rep.Kept = append(rep.Kept, e.Name)
			case gone:
				rep.Removed = append(rep.Removed, e.Name)
				dirs = append(dirs, path.Dir(e.Name))
				emptied = append(emptied, path.Dir(e.Name))
			}
		}
		removeEmptyDirs(root, emptied)
	}

	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		if err := syncDir(root, d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return rep, fmt.Errorf("publish: sync folder %s: %w", path.Join(dir, d), err)
		}
	}

	if opt.Manifest != "" {
		now := current(dir, files, sums, infos)
		var err error
		if !now.equal(old) {
			err = now.save(opt.Manifest)
		}
		if err != nil && rep.ManifestErr == nil {
			rep.ManifestErr = err
		}
	}
	return rep, nil
}

// unchanged returns the state of f's target when its bytes and mode are
// already in place, and nil when f must be written. The manifest's record
// (size, modification time and checksum of what was written) answers
// without reading the file; otherwise a file of the right size is read and
// compared.
func unchanged(fo *folders, f File, sum uint32, rec *entry) (fs.FileInfo, error) {
	r, base, err := fo.at(f.Name, false)
	if err == nil {
		var fi fs.FileInfo
		if fi, err = r.Lstat(base); err == nil {
			return sameFile(r, base, fi, f, sum, rec)
		}
	}
	if f.Keep && errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("kept as it is, but it is not there")
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return nil, err
}

// sameFile is unchanged for a target that exists, with its state fi.
func sameFile(r *os.Root, base string, fi fs.FileInfo, f File, sum uint32, rec *entry) (fs.FileInfo, error) {
	if fi.IsDir() {
		return nil, errors.New("target is a folder")
	}
	if f.Keep {
		if !fi.Mode().IsRegular() {
			return nil, errors.New("kept as it is, but it is not a regular file")
		}
		return fi, nil
	}
	if f.Stream != nil {
		return nil, nil // its bytes are known only by writing them
	}
	if !fi.Mode().IsRegular() || fi.Size() != f.size() || fi.Mode().Perm() != f.perm() {
		return nil, nil
	}
	if s := f.Staged; s != nil && s.compared {
		// Staged over this file and compared with it byte for byte as
		// it was written.
		if !s.same {
			return nil, nil
		}
		if os.SameFile(fi, s.baseInfo) && fi.ModTime().Equal(s.baseInfo.ModTime()) {
			return fi, nil // the file it was compared with, untouched since
		}
	}
	if rec != nil && rec.Size == fi.Size() && rec.MTime == fi.ModTime().UnixNano() && rec.CRC == sum {
		return fi, nil
	}
	fh, err := r.Open(base)
	if err != nil {
		return nil, nil // unreadable: write it anew
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, nil
	}
	if f.Staged != nil {
		same, err := f.Staged.sameAs(fh)
		if err != nil || !same {
			return nil, nil
		}
		return fi, nil
	}
	buf, err := io.ReadAll(io.LimitReader(fh, int64(len(f.Data))+1))
	if err != nil || !bytes.Equal(buf, f.Data) {
		return nil, nil
	}
	return fi, nil
}

// removeIfOurs removes a file an earlier run wrote, if it still holds what
// that run wrote. gone is false when it is already gone; an error means it
// changed since (or cannot be checked) and stays.
func removeIfOurs(fo *folders, e entry) (gone bool, err error) {
	r, base, err := fo.at(e.Name, false)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	fi, err := r.Lstat(base)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() || fi.Size() != e.Size {
		return false, errors.New("changed since podfeed wrote it")
	}
	if fi.ModTime().UnixNano() != e.MTime {
		if e.Streamed {
			return false, errors.New("changed since podfeed wrote it")
		}
		fh, err := r.Open(base)
		if err != nil {
			return false, err
		}
		h := crc32.New(castagnoli)
		n, err := io.Copy(h, io.LimitReader(fh, e.Size+1))
		fh.Close()
		if err != nil || n != e.Size || h.Sum32() != e.CRC {
			return false, errors.New("changed since podfeed wrote it")
		}
	}
	if err := r.Remove(base); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}

// removeEmptyDirs removes the folders that held removed files, and their
// parents, when nothing is left in them.
func removeEmptyDirs(root *os.Root, dirs []string) {
	slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range slices.Compact(dirs) {
		for ; d != "." && d != ""; d = path.Dir(d) {
			if root.Remove(d) != nil { // fails unless empty
				break
			}
		}
	}
}

// cleanTemps removes the temporary files of interrupted runs from the
// folders this run writes to and the earlier run wrote to.
func cleanTemps(root *os.Root, files []File, old *manifest, keep map[string]bool) []string {
	dirs := []string{"."}
	for _, f := range files {
		dirs = append(dirs, path.Dir(f.Name))
	}
	if old != nil {
		for _, e := range old.Files {
			if fs.ValidPath(e.Name) {
				dirs = append(dirs, path.Dir(e.Name))
			}
		}
	}
	slices.Sort(dirs)
	var cleaned []string
	for _, d := range slices.Compact(dirs) {
		fh, err := root.Open(d)
		if err != nil {
			continue
		}
		entries, _ := fh.ReadDir(-1)
		fh.Close()
		for _, e := range entries {
			if !e.Type().IsRegular() || !IsTemp(e.Name()) {
				continue
			}
			name := path.Join(d, e.Name())
			if keep[name] {
				continue
			}
			if root.Remove(name) == nil {
				cleaned = append(cleaned, name)
			}
		}
	}
	return cleaned
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// tempName returns a new temporary file name beside name.
func tempName(name string) string {
	return path.Join(path.Dir(name), "."+path.Base(name)+TempMarker+rand.Text()[:12])
}

// writeTemp writes f to a new temporary file beside its target and returns
// the temporary file's name (set as soon as the file exists) and its state
// once written (which the rename keeps).
func writeTemp(fo *folders, f File, hook failHook) (string, fs.FileInfo, error) {
	if f.Staged != nil {
		fi, err := f.Staged.finish(hook)
		return f.Staged.tmp, fi, err
	}
	r, base, err := fo.at(f.Name, true)
	if err != nil {
		return "", nil, err
	}
	mode := f.perm()
	if err := hook.at("create", f.Name); err != nil {
		return "", nil, err
	}
	tmp := tempName(base)
	fh, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return "", nil, err
	}
	tmp = path.Join(path.Dir(f.Name), tmp)
	err = hook.at("write", f.Name)
	if err == nil {
		if f.Stream != nil {
			err = f.Stream(fh)
		} else {
			_, err = fh.Write(f.Data)
		}
	}
	if err == nil {
		err = fh.Chmod(mode) // the umask must not narrow the mode asked for
	}
	if err == nil {
		err = hook.at("sync", f.Name)
	}
	if err == nil {
		err = fh.Sync()
	}
	var fi fs.FileInfo
	if err == nil {
		fi, err = fh.Stat()
	}
	cerr := hook.at("close", f.Name)
	if cerr == nil {
		cerr = fh.Close()
	} else {
		_ = fh.Close()
	}
	if err == nil {
		err = cerr
	}
	return tmp, fi, err
}

// folders hands out an os.Root for each folder of the output, opened once,
// so that many files in one folder do not each walk the path again.
type folders struct {
	root    *os.Root
	open    map[string]*os.Root
	missing map[string]bool // folders found missing (until created)
}

// at returns the folder that holds name, and name's last element; with
// create, the folder is made when missing.
func (fo *folders) at(name string, create bool) (*os.Root, string, error) {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return fo.root, base, nil
	}
	if r, ok := fo.open[dir]; ok {
		return r, base, nil
	}
	if create {
		if err := fo.root.MkdirAll(dir, 0o755); err != nil {
			return nil, "", err
		}
		delete(fo.missing, dir)
	} else if fo.missing[dir] {
		return nil, "", fs.ErrNotExist
	}
	r, err := fo.root.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		fo.missing[dir] = true
	}
	if err != nil {
		return nil, "", err
	}
	fo.open[dir] = r
	return r, base, nil
}

// rename moves the temporary file tmp over name, in the same folder.
func (fo *folders) rename(tmp, name string) error {
	r, base, err := fo.at(name, false)
	if err != nil {
		return err
	}
	return r.Rename(path.Base(tmp), base)
}

func (fo *folders) close() {
	for _, r := range fo.open {
		r.Close()
	}
}

func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// checkNames reports every bad or duplicate name at once.
func checkNames(files []File) error {
	var errs []error
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		n := f.Name
		switch {
		case strings.ContainsAny(n, "\\\x00"):
			errs = append(errs, fmt.Errorf("%w %q: backslashes and NUL bytes are not allowed", ErrBadName, n))
		case n == "." || !fs.ValidPath(n):
			errs = append(errs, fmt.Errorf("%w %q: want a relative slash path without \"..\", \".\" or empty elements", ErrBadName, n))
		case IsTemp(path.Base(n)):
			errs = append(errs, fmt.Errorf("%w %q: names with %q are podfeed's temporary files", ErrBadName, n, TempMarker))
		case seen[n]:
			errs = append(errs, fmt.Errorf("%w %q: listed twice", ErrBadName, n))
		}
		seen[n] = true
	}
	return errors.Join(errs...)
}
