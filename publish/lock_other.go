//go:build !unix && !windows

package publish

import "os"

// tryLock: this platform has no file locks; the lock always succeeds and
// excludes nothing.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlock(*os.File) error { return nil }

func openLock(dir string) (*os.File, string, error) {
	f, err := os.Open(dir)
	return f, dir, err
}
