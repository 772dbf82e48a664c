package publish

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
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
}

// ErrBadName is wrapped by the error Write returns for a file name that is
// empty, absolute, contains "..", ".", an empty element, a backslash or a
// NUL byte, or appears twice.
var ErrBadName = errors.New("bad output file name")

// Write writes files into dir (created if missing) atomically: each file
// goes to a temporary file in its own folder, which is synced and closed;
// only when every file is written are the temporary files renamed over the
// targets, then the folders synced. On any failure before the renames, the
// temporary files are removed and no existing file changes. Write confines
// itself to dir: names are checked, and symbolic links that lead out of dir
// are refused.
//
// Subfolders named by files are created as needed (that happens before the
// renames and is the only change a failed Write can leave behind). If a
// rename itself fails, the files renamed before it are already replaced;
// the error says which.
func Write(dir string, files []File) error {
	return write(dir, files, nil)
}

// failHook lets tests inject a failure at a step ("create", "write",
// "sync", "close", "rename") for a file.
type failHook func(step, name string) error

func (h failHook) at(step, name string) error {
	if h == nil {
		return nil
	}
	return h(step, name)
}

func write(dir string, files []File, hook failHook) error {
	if err := checkNames(files); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	defer root.Close()

	for _, f := range files {
		if f.Keep {
			if fi, err := root.Lstat(f.Name); err != nil || !fi.Mode().IsRegular() {
				return fmt.Errorf("publish: %s: kept as it is, but it is not there (nothing was replaced)", path.Join(dir, f.Name))
			}
		}
	}
	files = slices.DeleteFunc(slices.Clone(files), func(f File) bool { return f.Keep })
	temps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range temps {
			_ = root.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := writeTemp(root, f, hook)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("publish: %s: %w (nothing was replaced)", path.Join(dir, f.Name), err)
		}
	}

	for i, f := range files {
		err := hook.at("rename", f.Name)
		if err == nil {
			err = root.Rename(temps[i], f.Name)
		}
		if err != nil {
			for _, t := range temps[i:] {
				_ = root.Remove(t)
			}
			done := make([]string, i)
			for j := range done {
				done[j] = files[j].Name
			}
			return fmt.Errorf("publish: %s: %w (already replaced: %s)", path.Join(dir, f.Name), err, listOrNone(done))
		}
	}

	dirs := make([]string, 0, 1)
	for _, f := range files {
		dirs = append(dirs, path.Dir(f.Name))
	}
	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		if err := syncDir(root, d); err != nil {
			return fmt.Errorf("publish: sync folder %s: %w", path.Join(dir, d), err)
		}
	}
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// writeTemp writes f to a new temporary file beside its target and returns
// the temporary file's name (set as soon as the file exists).
func writeTemp(root *os.Root, f File, hook failHook) (string, error) {
	dir := path.Dir(f.Name)
	if dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
	}
	if fi, err := root.Lstat(f.Name); err == nil && fi.IsDir() {
		return "", fmt.Errorf("target is a folder")
	}
	mode := f.Mode.Perm()
	if mode == 0 {
		mode = 0o644
	}
	if err := hook.at("create", f.Name); err != nil {
		return "", err
	}
	tmp := path.Join(dir, "."+path.Base(f.Name)+".tmp-"+rand.Text()[:12])
	fh, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return "", err
	}
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
	cerr := hook.at("close", f.Name)
	if cerr == nil {
		cerr = fh.Close()
	} else {
		_ = fh.Close()
	}
	if err == nil {
		err = cerr
	}
	return tmp, err
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
		case seen[n]:
			errs = append(errs, fmt.Errorf("%w %q: listed twice", ErrBadName, n))
		}
		seen[n] = true
	}
	return errors.Join(errs...)
}
