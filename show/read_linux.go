//go:build linux

package show

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
	"unsafe"
)

// dirReader reads the regular files of one folder of a show by name, with
// four system calls a file (open, fstat, read, close) instead of the dozen
// that fs.FS's Open costs through an os.Root: a look-up of each folder on
// the way, and on the file the non-blocking mode set and unset and a
// netpoller registration that regular files always fail.
//
// It opens each file relative to the folder's own descriptor, which fsys
// opened (so os.Root has checked that the folder is inside the show), by
// a name that is one path element, without following a symbolic link
// (O_NOFOLLOW) and without waiting for a writer (O_NONBLOCK: a FIFO put
// in a file's place is refused after fstat, not waited on). A name that
// is a link, or anything else than a regular file, is left to fsys, which
// knows whether the link stays inside the show.
//
// It lists the folder by name only: os.Root's ReadDir looks up every
// entry (an lstat each, one after the other, before any file is read),
// and the open and fstat of each file say what the listing would have.
type dirReader struct {
	fd    int
	dir   string   // the folder's name in fsys, for errors
	names []string // the folder's entries, sorted
}

// withDirReader calls f with a reader of dir when fsys opens dir as an
// *os.File (os.Root.FS, os.DirFS) that lists, else with nil. The reader
// is valid during the call only.
func withDirReader(fsys fs.FS, dir string, f func(*dirReader)) {
	file, err := fsys.Open(dir)
	if err != nil {
		f(nil)
		return
	}
	defer file.Close()
	osf, ok := file.(*os.File)
	if !ok {
		f(nil)
		return
	}
	if st, err := osf.Stat(); err != nil || !st.IsDir() {
		f(nil)
		return
	}
	names, err := osf.Readdirnames(-1)
	if err != nil {
		f(nil)
		return
	}
	slices.Sort(names)
	rc, err := osf.SyscallConn()
	if err != nil {
		f(nil)
		return
	}
	called := false
	err = rc.Control(func(fd uintptr) {
		called = true
		f(&dirReader{fd: int(fd), dir: dir, names: names})
	})
	if err != nil && !called {
		f(nil)
	}
}

// read reads the file name of the folder as readFile does, refusing a
// file above max bytes the same way. It says what it found: readDone (the
// text, or the error), readGone (no such entry any more) or readFolder
// (a folder: not an episode, as in a listing), else readLeft: the file is
// not a regular file (a link, a FIFO, a device) or could not be opened,
// and the caller reads it through fsys, for the error that explains why.
func (d *dirReader) read(name, what string, max int64) (text string, found readResult, err error) {
	if d == nil || name == "" || name == "." || name == ".." || strings.IndexByte(name, '/') >= 0 {
		return "", readLeft, nil
	}
	var fd int
	for {
		fd, err = syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.ENOENT {
		return "", readGone, nil
	}
	if err != nil {
		return "", readLeft, nil
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return "", readLeft, nil
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		return "", readFolder, nil
	default:
		return "", readLeft, nil
	}
	if st.Size > max {
		return "", readDone, tooLarge(what, st.Size, max)
	}
	// The file is read into a buffer of its size (and one byte more, to
	// see that it ends there), which becomes the text: no copy.
	buf := make([]byte, min(st.Size+1, max+1))
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > max {
				return "", readDone, tooLarge(what, int64(n), max)
			}
			buf = append(buf, make([]byte, min(int64(len(buf)), max+1-int64(len(buf))))...)
		}
		want := len(buf) - n
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return "", readDone, &fs.PathError{Op: "read", Path: path.Join(d.dir, name), Err: err}
		}
		n += m
		if int64(n) > max {
			return "", readDone, tooLarge(what, int64(n), max)
		}
		// The end: read returned nothing, or a short read ended the file
		// where fstat said it ends.
		if m == 0 || m < want && int64(n) == st.Size {
			if n == 0 {
				return "", readDone, nil
			}
			// buf is the text's from here on: nothing writes to it.
			return unsafe.String(&buf[0], n), readDone, nil
		}
	}
}
