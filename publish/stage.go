package publish

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Staged is an output file written ahead of Publish straight into its
// temporary file beside its target, for a file too big to hold in memory
// (a feed of 100,000 episodes is 590 MB): it is written once, read back as
// often as needed (validated, compared with the published one), then given
// to Publish as File.Staged, which renames it into place, or removes it
// when the target already holds its bytes. Its checksum and size are
// computed as it is written.
//
// While the bytes written are those of the file already in place, they
// are only compared with it, not written: an unchanged feed costs no
// write (Same). At the first difference the bytes that matched are copied
// from it and the writing goes on.
//
// The temporary file has Publish's TempMarker in its name, so a run that
// is killed leaves it for the next Publish to remove. Hold the folder's
// Lock from Stage until Publish: Publish removes the temporary files it
// does not know of. Discard removes the file on every other way out; it
// is safe to call after Publish.
type Staged struct {
	dir  string // the output folder
	name string // the target, a slash path in dir
	tmp  string // the temporary file, a slash path in dir
	f    *os.File
	mode fs.FileMode
	crc  uint32
	size int64
	err  error // the first write error: sticky
	done bool  // Close was called
	gone bool  // renamed into place or removed
	// closed: finish closed the file for the rename.
	closed bool
	hook   failHook // tests: a failure at "write"

	// base is the file in place, opened at Stage, while every byte
	// written so far matched it (nil after the first difference);
	// baseInfo its state then. same: at Close, the bytes were all of
	// base's: the temporary file is empty and base holds them.
	base     *os.File
	baseInfo fs.FileInfo
	same     bool
	scratch  []byte
	// compared: a regular file was in place at Stage and the bytes were
	// compared with it (same tells the outcome).
	compared bool
}

// Stage creates the temporary file for name (a slash path, as File.Name)
// in dir, creating the folders it needs. mode is File.Mode.
func Stage(dir, name string, mode fs.FileMode) (*Staged, error) {
	if err := checkNames([]File{{Name: name}}); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	s := &Staged{dir: dir, name: name, mode: File{Mode: mode}.perm()}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	defer root.Close()
	if d := path.Dir(name); d != "." {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
	}
	s.tmp = tempName(name)
	f, err := root.OpenFile(s.tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, s.mode)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	s.f = f
	// The file in place, if it is a regular file, to compare with.
	if fi, err := root.Lstat(filepath.FromSlash(name)); err == nil && fi.Mode().IsRegular() {
		if b, err := root.Open(filepath.FromSlash(name)); err == nil {
			if bi, err := b.Stat(); err == nil && bi.Mode().IsRegular() {
				s.base, s.baseInfo, s.compared = b, bi, true
			} else {
				b.Close()
			}
		}
	}
	return s, nil
}

// matches reports whether p is base's next bytes.
func (s *Staged) matches(p []byte) bool {
	if cap(s.scratch) < len(p) {
		s.scratch = make([]byte, len(p))
	}
	b := s.scratch[:len(p)]
	n, _ := s.base.ReadAt(b, s.size)
	return n == len(p) && bytes.Equal(b, p)
}

// diverge stops comparing: the bytes written so far, which are base's,
// are copied from it into the temporary file.
func (s *Staged) diverge() error {
	base := s.base
	s.base, s.same, s.scratch = nil, false, nil
	defer base.Close()
	_, err := io.CopyBuffer(s.f, io.NewSectionReader(base, 0, s.size), make([]byte, 256<<10))
	return err
}

// Same reports whether the bytes written are, byte for byte, those of the
// file that was in place when Stage was called (nothing was written to
// the temporary file).
func (s *Staged) Same() bool { return s.same }

// Name is the target's name, as given to Stage.
func (s *Staged) Name() string { return s.name }

// Write appends p to the file. A failure sticks: later writes and Close
// return it.
func (s *Staged) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.done || s.gone {
		return 0, errors.New("publish: staged file written after Close")
	}
	if err := s.hook.at("write", s.name); err != nil {
		s.err = fmt.Errorf("publish: %s: %w", path.Join(s.dir, s.name), err)
		return 0, s.err
	}
	if s.base != nil {
		if s.matches(p) {
			s.crc = crc32.Update(s.crc, castagnoli, p)
			s.size += int64(len(p))
			return len(p), nil
		}
		if err := s.diverge(); err != nil {
			s.err = fmt.Errorf("publish: %s: %w", path.Join(s.dir, s.name), err)
			return 0, s.err
		}
	}
	n, err := s.f.Write(p)
	s.crc = crc32.Update(s.crc, castagnoli, p[:n])
	s.size += int64(n)
	if err != nil {
		s.err = fmt.Errorf("publish: %s: %w", path.Join(s.dir, s.name), err)
		return n, s.err
	}
	return n, nil
}

// Close ends the writing; the file stays open for reading until Publish
// or Discard. It returns the first write error, if any.
func (s *Staged) Close() error {
	if s.done {
		return s.err
	}
	s.done = true
	if s.err == nil && s.base != nil {
		// Every byte matched: the same file, unless it has more.
		if fi, err := s.base.Stat(); err == nil && fi.Size() == s.size {
			s.same = true
		} else if err := s.diverge(); err != nil {
			s.err = fmt.Errorf("publish: %s: %w", path.Join(s.dir, s.name), err)
		}
	}
	if s.err == nil && !s.gone {
		// The umask must not narrow the mode asked for.
		if err := s.f.Chmod(s.mode); err != nil {
			s.err = fmt.Errorf("publish: %s: %w", path.Join(s.dir, s.name), err)
		}
	}
	return s.err
}

// Size is the number of bytes written.
func (s *Staged) Size() int64 { return s.size }

// ReadAt reads the bytes written, once Close has been called.
func (s *Staged) ReadAt(p []byte, off int64) (int, error) {
	if !s.done || s.gone || s.closed {
		return 0, errors.New("publish: staged file read before Close or after Publish")
	}
	if s.same {
		return s.base.ReadAt(p, off)
	}
	return s.f.ReadAt(p, off)
}

// Reader reads the bytes written from the start, once Close has been
// called.
func (s *Staged) Reader() *io.SectionReader { return io.NewSectionReader(s, 0, s.size) }

// Discard removes the temporary file, unless Publish already renamed or
// removed it.
func (s *Staged) Discard() {
	if s == nil || s.gone {
		return
	}
	s.gone = true
	if s.base != nil {
		s.base.Close()
	}
	if !s.closed {
		s.f.Close()
	}
	_ = os.Remove(filepath.Join(s.dir, filepath.FromSlash(s.tmp)))
}

// finish syncs and closes the file for Publish, which renames it, and
// returns its state.
func (s *Staged) finish(hook failHook) (fs.FileInfo, error) {
	if !s.done {
		return nil, errors.New("staged file not closed")
	}
	if s.err != nil {
		return nil, s.err
	}
	if s.same {
		// Written after all (its mode or its place changed): its bytes
		// are base's.
		if err := s.diverge(); err != nil {
			return nil, err
		}
	}
	err := hook.at("sync", s.name)
	if err == nil {
		err = s.f.Sync()
	}
	var fi fs.FileInfo
	if err == nil {
		fi, err = s.f.Stat()
	}
	cerr := hook.at("close", s.name)
	if cerr == nil {
		cerr = s.f.Close()
	} else {
		_ = s.f.Close()
	}
	if err == nil {
		err = cerr
	}
	s.closed = true
	return fi, err
}

// sameAs reports whether the file r opened holds the staged bytes.
func (s *Staged) sameAs(r io.Reader) (bool, error) {
	return sameContent(r, s.Reader())
}

// sameContent reports whether a and b hold the same bytes, reading both
// in pieces; err is a failure to read either.
func sameContent(a, b io.Reader) (bool, error) {
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		nb, errb := io.ReadFull(b, bb)
		if errb != nil && errb != io.EOF && errb != io.ErrUnexpectedEOF {
			return false, errb
		}
		na, erra := io.ReadFull(a, ba[:nb])
		if erra != nil && erra != io.EOF && erra != io.ErrUnexpectedEOF {
			return false, erra
		}
		if na != nb || string(ba[:na]) != string(bb[:nb]) {
			return false, nil
		}
		if errb != nil { // b has ended: a must end here too
			var one [1]byte
			n, err := io.ReadFull(a, one[:])
			if err != nil && err != io.EOF {
				return false, err
			}
			return n == 0, nil
		}
	}
}
