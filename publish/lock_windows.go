//go:build windows

package publish

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// LockName is the file Acquire locks in the folder on Windows, which
// cannot lock a folder itself.
const LockName = ".podfeed.lock"

// openLock opens what is locked for dir: the lock file in it.
func openLock(dir string) (*os.File, string, error) {
	at := filepath.Join(dir, LockName)
	f, err := os.OpenFile(at, os.O_RDWR|os.O_CREATE, 0o644)
	return f, at, err
}

// tryLock locks the lock file's first byte without waiting.
func tryLock(f *os.File) (ok bool, err error) {
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) error {
	ol := new(windows.Overlapped)
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}
