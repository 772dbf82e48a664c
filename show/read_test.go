package show

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// rootShow writes files into a new show folder and returns it opened as
// an os.Root, as the build command opens it.
func rootShow(t *testing.T, files map[string]string) (string, fs.FS) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "show")
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, root.FS()
}

const goodEpisode = "---\ntitle: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\n---\nNotes.\n"

// loadWithin runs Load with a deadline, so that a read that blocks (a
// FIFO) fails the test instead of hanging it.
func loadWithin(t *testing.T, fsys fs.FS) (*Definition, error) {
	t.Helper()
	type result struct {
		def *Definition
		err error
	}
	done := make(chan result, 1)
	go func() {
		def, err := Load(fsys, ".")
		done <- result{def, err}
	}()
	select {
	case r := <-done:
		return r.def, r.err
	case <-time.After(20 * time.Second):
		t.Fatal("Load did not return within 20 s: a read blocked")
		return nil, nil
	}
}

func wantFileError(t *testing.T, err error, file, want string) {
	t.Helper()
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load: err = %v, want Errors", err)
	}
	for _, e := range errs {
		if e.File == file && strings.Contains(e.Msg, want) {
			return
		}
	}
	t.Errorf("Load errors = %v, want one at %s containing %q", errs, file, want)
}

// TestLoadStaysInsideTheShow: a symbolic link out of the show folder, a
// FIFO and a device are refused with a definition error naming the file;
// nothing of what they lead to is read or echoed.
func TestLoadStaysInsideTheShow(t *testing.T) {
	dir, fsys := rootShow(t, map[string]string{
		"podcast.yaml":       pinnedShow,
		"episodes/a.md":      goodEpisode,
		"episodes/inside.md": "", // replaced by a link inside the show below
	})
	secret := filepath.Join(filepath.Dir(dir), ".env")
	if err := os.WriteFile(secret, []byte("---\nAPI_KEY=hunter2-secret\n---\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"episodes/env.md":  "../../.env",
		"episodes/abs.md":  secret,
		"episodes/zero.md": "/dev/zero",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	inside := filepath.Join(dir, "episodes", "inside.md")
	os.Remove(inside)
	if err := os.Symlink("a.md", inside); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "episodes", "fifo.md"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	def, err := loadWithin(t, fsys)
	for name := range links {
		wantFileError(t, err, name, "symbolic link that leads out of the show folder")
	}
	wantFileError(t, err, "episodes/fifo.md", "named pipe (FIFO)")
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("an error echoes the file outside the show:\n%v", err)
	}
	// The link inside the show is an ordinary episode.
	if def == nil {
		t.Fatal("Load returned no definition")
	}
	var slugs []string
	for _, e := range def.Episodes {
		slugs = append(slugs, e.Slug)
	}
	if got := strings.Join(slugs, ","); got != "a,inside" {
		t.Errorf("episodes = %s, want a,inside", got)
	}
}

// TestLoadShowFileOutside: podcast.yaml itself may not lead out.
func TestLoadShowFileOutside(t *testing.T) {
	dir, fsys := rootShow(t, map[string]string{"episodes/a.md": goodEpisode})
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "other.yaml"), []byte(pinnedShow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other.yaml", filepath.Join(dir, "podcast.yaml")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	_, err := loadWithin(t, fsys)
	wantFileError(t, err, "podcast.yaml", "symbolic link that leads out of the show folder")
}

// TestChapterFileOutside: a chapter file named in the front matter is read
// under the same rules.
func TestChapterFileOutside(t *testing.T) {
	dir, fsys := rootShow(t, map[string]string{
		"podcast.yaml":  pinnedShow,
		"episodes/a.md": "---\ntitle: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\nchapters: chapters/a.json\n---\n",
		"episodes/b.md": "---\ntitle: B\ndate: 2025-01-02\naudio: https://x.org/b.mp3\nlength: 1\nchapters: big.json\n---\n",
		"big.json":      `{"version":"1.2.0","chapters":[` + strings.Repeat(`{"startTime":1,"title":"x"},`, MaxChapterFile/28) + `{"startTime":2}]}`,
	})
	if err := os.Mkdir(filepath.Join(dir, "chapters"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "chapters", "a.json")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	def, err := loadWithin(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), def, BuildOptions{Now: now})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Build: err = %v, want Errors", err)
	}
	got := errs.Error()
	for _, want := range []string{
		`episodes/a.md:6:11: chapters: "chapters/a.json": a symbolic link that leads out of the show folder`,
		`episodes/b.md:6:11: chapters: "big.json": the chapter file is 1048620 bytes, more than the 1048576 bytes podfeed reads`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Build errors lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "root:") {
		t.Errorf("an error echoes /etc/passwd:\n%s", got)
	}
}

// lyingFS is a show whose one episode, episodes/huge.md, has the size
// Stat reports (which may lie) and never ends; it counts the bytes read.
type lyingFS struct {
	show string
	size int64
	read int64
}

const hugeName = "episodes/huge.md"

func (l *lyingFS) Open(name string) (fs.File, error) {
	if name == hugeName {
		return &endlessFile{fs: l}, nil
	}
	return fstest.MapFS{"podcast.yaml": {Data: []byte(l.show)}}.Open(name)
}

func (l *lyingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(fstest.MapFS{hugeName: {}}, name)
}

type endlessFile struct{ fs *lyingFS }

func (f *endlessFile) Stat() (fs.FileInfo, error) { return fileInfo{"huge.md", f.fs.size}, nil }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	f.fs.read += int64(len(p))
	return len(p), nil
}

type fileInfo struct {
	name string
	size int64
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o644 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

// TestLoadCapsEpisodeSize: a file above the cap is refused from its size
// alone, and a file that says it is small but never ends is read only up
// to the cap.
func TestLoadCapsEpisodeSize(t *testing.T) {
	for _, tc := range []struct {
		name     string
		size     int64
		maxRead  int64
		wantText string
	}{
		{"size says too large", 100 << 20, 0, "the episode file is 100 MiB, more than the 1 MiB podfeed reads"},
		{"size lies", 10, MaxEpisodeFile + 64<<10, "the episode file is more than the 1 MiB podfeed reads"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := &lyingFS{show: pinnedShow, size: tc.size}
			_, err := loadWithin(t, fsys)
			wantFileError(t, err, hugeName, tc.wantText)
			if fsys.read > tc.maxRead {
				t.Errorf("read %d bytes of the file, want at most %d", fsys.read, tc.maxRead)
			}
		})
	}
}

// TestLoadCapsNotes: notes given as a key (inline in podcast.yaml, which
// may be larger than an episode file) are capped like a Markdown body, and
// never rendered.
func TestLoadCapsNotes(t *testing.T) {
	big := strings.Repeat("word ", MaxNotes/5+10)
	fsys := fstest.MapFS{
		"podcast.yaml": {Data: []byte(pinnedShow + "episodes:\n  - title: Inline\n    date: 2025-01-01\n    audio: https://x.org/i.mp3\n    length: 1\n    notes: " + big +
			"\n  - title: Inline 2\n    date: 2025-01-02\n    audio: https://x.org/j.mp3\n    length: 1\n    summary: " + big + "\n")},
	}
	_, err := Load(fsys, ".")
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load: err = %v, want Errors", err)
	}
	got := errs.Error()
	for _, want := range []string{
		"podcast.yaml:17:12: notes: 1048624 bytes of Markdown, more than the 1048576 bytes podfeed renders",
		"podcast.yaml:22:14: summary: 1048624 bytes of Markdown, more than the 1048576 bytes podfeed renders",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Load errors lack %q:\n%s", want, got)
		}
	}
	if len(got) > 2000 {
		t.Errorf("Load errors are %d bytes long: the notes are echoed", len(got))
	}
}

// TestMessagesQuoteExcerpts: a long value is quoted as a short excerpt.
func TestMessagesQuoteExcerpts(t *testing.T) {
	long := strings.Repeat("Lighthouse ", 10000)
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(strings.Replace(pinnedShow, "categories: [Technology]", "categories: ["+long+"]", 1))},
		"episodes/a.md": {Data: []byte(goodEpisode)},
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), def, BuildOptions{Now: now})
	if err == nil {
		t.Fatal("Build accepted a 110 KB category")
	}
	msg := err.Error()
	if len(msg) > 400 || !strings.Contains(msg, "in all") {
		t.Errorf("Build error (%d bytes) is not a short excerpt:\n%.600s", len(msg), msg)
	}
}
