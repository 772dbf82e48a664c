package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/podfeed/podfeed/publish"
)

// ErrNotEmpty is returned by Write when the folder already has files and
// force is false.
var ErrNotEmpty = errors.New("folder is not empty")

// Write writes files under dir, creating folders as needed. It refuses a
// dir that exists and is not empty unless force is set. The writing is
// publish.Write's: all files or none, each through a synced temporary
// file, never outside dir.
func Write(dir string, files []File, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0 && !force:
		return fmt.Errorf("%s: %w (use --force to write into it anyway)", dir, ErrNotEmpty)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write show: %w", err)
	}
	pf := make([]publish.File, len(files))
	for i, f := range files {
		pf[i] = publish.File{Name: f.Path, Data: f.Data}
	}
	if err := publish.Write(dir, pf); err != nil {
		return fmt.Errorf("write show: %w", err)
	}
	return nil
}
