//go:build linux

package show

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// onlyFS hides what fsys's files are (their *os.File), so that Load reads
// every file through fs.FS's Open, not through a dirReader; the rest is
// fsys's.
type onlyFS struct{ fsys fs.FS }

func (o onlyFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.fsys, name) }
func (o onlyFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(o.fsys, name) }
func (o onlyFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(o.fsys, name) }
func (o onlyFS) ReadLink(name string) (string, error)       { return fs.ReadLink(o.fsys, name) }

func (o onlyFS) Open(name string) (fs.File, error) {
	f, err := o.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return struct{ fs.File }{f}, nil
}

// TestDirReaderSameAsFS: an episodes folder read through the folder's
// descriptor gives the definition, errors and messages that reading each
// file through fs.FS gives, on files at and around the cap, empty files,
// front matter errors, a folder named like an episode file and a link
// inside the show.
func TestDirReaderSameAsFS(t *testing.T) {
	dir, fsys := rootShow(t, map[string]string{
		"podcast.yaml":      pinnedShow,
		"episodes/a.md":     goodEpisode,
		"episodes/b.md":     "---\ntitle: B\ndate: 2025-01-02\naudio: https://x.org/b.mp3\nlength: x\n---\nNotes of B.\n",
		"episodes/c.yaml":   "title: C\ndate: 2025-01-03\naudio: https://x.org/c.mp3\nlength: 3\n",
		"episodes/empty.md": "",
		"episodes/at.md":    goodEpisode + strings.Repeat("x", MaxEpisodeFile-len(goodEpisode)),
		"episodes/over.md":  goodEpisode + strings.Repeat("x", MaxEpisodeFile-len(goodEpisode)+1),
		"episodes/far.md":   goodEpisode + strings.Repeat("x", MaxEpisodeFile),
		"notes/linked.md":   "---\ntitle: L\ndate: 2025-01-04\naudio: https://x.org/l.mp3\nlength: 4\n---\nLinked.\n",
		// A folder named like an episode is no episode.
		"episodes/folder.md/x.md": goodEpisode,
	})
	if err := os.Symlink("../notes/linked.md", filepath.Join(dir, "episodes", "linked.md")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	fast, fastErr := loadWithin(t, fsys)
	slow, slowErr := loadWithin(t, onlyFS{fsys})
	if fastErr == nil || slowErr == nil {
		t.Fatalf("Load errors = %v and %v, want errors for empty.md, over.md, far.md and b.md", fastErr, slowErr)
	}
	if fastErr.Error() != slowErr.Error() {
		t.Errorf("Load errors differ:\nthrough the folder: %v\nthrough fs.FS:      %v", fastErr, slowErr)
	}
	for _, want := range []string{
		"episodes/over.md: the episode file is more than the 1 MiB podfeed reads",
		"episodes/far.md: the episode file is 1048654 bytes, more than the 1048576 bytes podfeed reads",
		"episodes/empty.md:1:1: expected front matter",
		`episodes/b.md:5:9: length: expected a whole number, found "x"`,
	} {
		if !strings.Contains(fastErr.Error(), want) {
			t.Errorf("Load errors lack %q:\n%v", want, fastErr)
		}
	}
	if fast == nil || slow == nil {
		t.Fatal("Load returned no definition")
	}
	if len(fast.Episodes) != 5 || len(fast.Episodes) != len(slow.Episodes) {
		t.Fatalf("episodes: %d through the folder, %d through fs.FS; want 5", len(fast.Episodes), len(slow.Episodes))
	}
	for i, e := range fast.Episodes {
		if !reflect.DeepEqual(e, slow.Episodes[i]) {
			t.Errorf("episode %d differs:\nthrough the folder: %+v\nthrough fs.FS:      %+v", i, e, slow.Episodes[i])
		}
		if !reflect.DeepEqual(fast.epWhere[e], slow.epWhere[slow.Episodes[i]]) {
			t.Errorf("episode %d: positions differ", i)
		}
	}
}

// TestDirReaderLeavesOthers: the reader lists the folder and reads
// regular files only; a FIFO (without waiting for a writer), a link and a
// name of more than one element are left to fs.FS, which says what they
// are; a folder and a name no longer there are said to be so.
func TestDirReaderLeavesOthers(t *testing.T) {
	dir, fsys := rootShow(t, map[string]string{"episodes/a.md": "text", "episodes/sub/b.md": "b"})
	if err := syscall.Mkfifo(filepath.Join(dir, "episodes", "fifo.md"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "episodes", "link.md")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	withDirReader(fsys, "episodes", func(dr *dirReader) {
		if dr == nil {
			t.Fatal("no reader for a folder of an os.Root")
		}
		if got := strings.Join(dr.names, ","); got != "a.md,fifo.md,link.md,sub" {
			t.Errorf("names = %s, want a.md,fifo.md,link.md,sub", got)
		}
		if text, found, err := dr.read("a.md", "the file", 100); found != readDone || err != nil || text != "text" {
			t.Errorf(`read("a.md") = %q, %v, %v; want "text", readDone, nil`, text, found, err)
		}
		var fp *fileProblem
		if _, found, err := dr.read("a.md", "the file", 3); found != readDone || !errors.As(err, &fp) || fp.msg != "the file is more than the 3 bytes podfeed reads" {
			t.Errorf(`read("a.md") above the cap = %v, %v; want the cap's error`, found, err)
		}
		for name, want := range map[string]readResult{"fifo.md": readLeft, "link.md": readLeft, "sub/b.md": readLeft, "..": readLeft, "sub": readFolder, "missing.md": readGone} {
			if text, found, err := dr.read(name, "the file", 100); found != want || err != nil || text != "" {
				t.Errorf("read(%q) = %q, %v, %v; want %v", name, text, found, err, want)
			}
		}
	})
	withDirReader(fstest.MapFS{"episodes/a.md": {Data: []byte("x")}}, "episodes", func(dr *dirReader) {
		if dr != nil {
			t.Error("a reader for a folder that is no *os.File")
		}
	})
}
