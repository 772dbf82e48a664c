package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrLocked is wrapped by the error Acquire returns when another run held
// the folder for the whole wait.
var ErrLocked = errors.New("another podfeed run is writing this folder")

// Lock keeps other runs out of one output folder while it is held: two
// builds into one folder run one after the other, never interleaved. It is
// an advisory lock of the operating system, released when the process
// ends, however it ends: on Unix, flock on the folder itself, so that no
// lock file appears among the outputs; on Windows, a lock on a file
// .podfeed.lock in the folder.
type Lock struct {
	f       *os.File
	created bool
}

// Acquire locks dir, creating it if missing. When another run holds it,
// Acquire calls waiting (if not nil) once, then waits up to wait for it to
// finish; after that, or when ctx ends, it returns an error (wrapping
// ErrLocked when the wait ran out). A wait of 0 fails at once.
func Acquire(ctx context.Context, dir string, wait time.Duration, waiting func()) (*Lock, error) {
	deadline := time.Now().Add(wait)
	delay := 20 * time.Millisecond
	told := false
	for {
		created := false
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			created = true
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		f, at, err := openLock(dir)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		if ok {
			// The folder may have been removed and made anew while this
			// run waited: then the lock is on a folder no one uses.
			held, herr := f.Stat()
			now, nerr := os.Stat(at)
			if herr == nil && nerr == nil && os.SameFile(held, now) {
				return &Lock{f: f, created: created}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if !told && waiting != nil {
			waiting()
			told = true
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("lock %s: waited %s: %w", dir, wait, ErrLocked)
		}
		t := time.NewTimer(min(delay, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("lock %s: %w", dir, ctx.Err())
		case <-t.C:
		}
		delay = min(delay*2, 500*time.Millisecond)
	}
}

// Created reports whether Acquire made the folder: a run that then fails
// may remove it again (it is empty unless something else wrote into it).
func (l *Lock) Created() bool { return l.created }

// Release unlocks the folder.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
