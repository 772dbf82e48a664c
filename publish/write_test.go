package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// snapshot returns every file under dir with its contents and mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			got[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got[filepath.ToSlash(rel)] = info.Mode().Perm().String() + " " + string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := []File{
		{Name: "feed.xml", Data: []byte("<rss/>\n")},
		{Name: "feed.json", Data: []byte("{}\n"), Mode: 0o600},
		{Name: "chapters/ep1.json", Data: []byte("[]\n")},
	}
	if err := Write(dir, files); err != nil {
		t.Fatalf("Write: %v", err)
	}
	want := map[string]string{
		"./":                "",
		"chapters/":         "",
		"feed.xml":          "-rw-r--r-- <rss/>\n",
		"feed.json":         "-rw------- {}\n",
		"chapters/ep1.json": "-rw-r--r-- []\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("after Write (-want +got):\n%s", diff)
	}

	// A second Write replaces the files and leaves no temporary file.
	files[0].Data = []byte("<rss version=\"2.0\"/>\n")
	if err := Write(dir, files); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	want["feed.xml"] = "-rw-r--r-- <rss version=\"2.0\"/>\n"
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("after the second Write (-want +got):\n%s", diff)
	}
}

func TestWriteBadNames(t *testing.T) {
	for _, name := range []string{
		"", ".", "..", "../feed.xml", "a/../../b", "/etc/passwd", "a//b", "./feed.xml", "dir/",
		`a\b`, "nul\x00.xml", "a/./b",
	} {
		dir := t.TempDir()
		err := Write(dir, []File{{Name: "ok.xml", Data: []byte("x")}, {Name: name, Data: []byte("x")}})
		if !errors.Is(err, ErrBadName) {
			t.Errorf("Write with name %q = %v, want an error wrapping ErrBadName", name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("Write with name %q left %d entries, want none", name, len(entries))
		}
	}
	err := Write(t.TempDir(), []File{{Name: "a.xml"}, {Name: "a.xml"}})
	if !errors.Is(err, ErrBadName) {
		t.Errorf("Write with a duplicate name = %v, want ErrBadName", err)
	}
}

// TestWriteFailureKeepsOldFiles injects a failure at every step before the
// renames, for every file, and checks the folder is byte-identical after.
func TestWriteFailureKeepsOldFiles(t *testing.T) {
	dir := t.TempDir()
	old := []File{
		{Name: "feed.xml", Data: []byte("old feed\n")},
		{Name: "atom.xml", Data: []byte("old atom\n")},
		{Name: "chapters/1.json", Data: []byte("old chapters\n")},
	}
	if err := Write(dir, old); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	next := []File{
		{Name: "feed.xml", Data: []byte("new feed\n")},
		{Name: "atom.xml", Data: []byte("new atom\n")},
		{Name: "chapters/1.json", Data: []byte("new chapters\n")},
	}
	errInjected := errors.New("injected failure")
	for _, step := range []string{"create", "write", "sync", "close"} {
		for _, f := range next {
			t.Run(step+"_"+f.Name, func(t *testing.T) {
				err := write(dir, next, func(s, name string) error {
					if s == step && name == f.Name {
						return errInjected
					}
					return nil
				})
				if !errors.Is(err, errInjected) {
					t.Fatalf("write = %v, want the injected failure", err)
				}
				if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
					t.Errorf("a failed write changed the folder (-before +after):\n%s", diff)
				}
			})
		}
	}
}

// TestWriteFolderTarget: a target that is a folder fails before any rename.
func TestWriteFolderTarget(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, []File{{Name: "feed.xml", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "atom.xml"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err := Write(dir, []File{{Name: "feed.xml", Data: []byte("new")}, {Name: "atom.xml", Data: []byte("new")}})
	if err == nil {
		t.Fatal("Write over a folder succeeded")
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a failed write changed the folder (-before +after):\n%s", diff)
	}
}

// TestWriteReadOnlyFolder uses permissions, which root ignores.
func TestWriteReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which ignores folder permissions: TestWriteFailureKeepsOldFiles covers the failure")
	}
	dir := t.TempDir()
	if err := Write(dir, []File{{Name: "feed.xml", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if err := Write(dir, []File{{Name: "feed.xml", Data: []byte("new")}}); err == nil {
		t.Fatal("Write into a read-only folder succeeded")
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a failed write changed the folder (-before +after):\n%s", diff)
	}
}

// TestWriteSymlinkEscape: a subfolder that is a link out of dir is refused.
func TestWriteSymlinkEscape(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	if err := Write(dir, []File{{Name: "out/feed.xml", Data: []byte("x")}}); err == nil {
		t.Error("Write through a link out of the folder succeeded")
	}
	entries, _ := os.ReadDir(outside)
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 0 {
		t.Errorf("files appeared outside the folder: %v", names)
	}
}

// TestWriteRenameFailure: a failure during the renames names what was
// already replaced and leaves no temporary file.
func TestWriteRenameFailure(t *testing.T) {
	dir := t.TempDir()
	errInjected := errors.New("injected failure")
	err := write(dir, []File{{Name: "a", Data: []byte("a")}, {Name: "b", Data: []byte("b")}}, func(s, name string) error {
		if s == "rename" && name == "b" {
			return errInjected
		}
		return nil
	})
	if !errors.Is(err, errInjected) {
		t.Fatalf("write = %v, want the injected failure", err)
	}
	want := map[string]string{"./": "", "a": "-rw-r--r-- a"}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("after a failed rename (-want +got):\n%s", diff)
	}
}

// TestWriteStream: a file written by its Stream function is published
// like the others, and a Stream that fails replaces nothing.
func TestWriteStream(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.mp3"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	stream := func(s string) func(io.Writer) error {
		return func(w io.Writer) error {
			if _, ok := w.(*os.File); !ok {
				t.Errorf("Stream got a %T, want the *os.File", w)
			}
			_, err := io.WriteString(w, s)
			return err
		}
	}
	fail := errors.New("the copy broke")
	err := Write(dir, []File{
		{Name: "feed.xml", Data: []byte("<rss/>")},
		{Name: "a.mp3", Stream: func(w io.Writer) error { _, _ = io.WriteString(w, "half"); return fail }},
	})
	if !errors.Is(err, fail) {
		t.Fatalf("Write error = %v, want the Stream's", err)
	}
	if diff := cmp.Diff(map[string]string{"./": "", "a.mp3": "-rw-r--r-- old"}, snapshot(t, dir)); diff != "" {
		t.Errorf("after a failed Stream (-want +got):\n%s", diff)
	}
	if err := Write(dir, []File{{Name: "a.mp3", Stream: stream("new"), Mode: 0o600}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"./": "", "a.mp3": "-rw------- new"}, snapshot(t, dir)); diff != "" {
		t.Errorf("after Write (-want +got):\n%s", diff)
	}
}

// TestWriteKeep: a kept file is left alone, and one that is missing stops
// the write before anything is replaced.
func TestWriteKeep(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.mp3"), []byte("audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, []File{{Name: "feed.xml", Data: []byte("<rss/>")}, {Name: "a.mp3", Keep: true}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"./": "", "a.mp3": "-rw------- audio", "feed.xml": "-rw-r--r-- <rss/>"}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("after Write (-want +got):\n%s", diff)
	}
	if err := Write(dir, []File{{Name: "feed.xml", Data: []byte("<new/>")}, {Name: "gone.mp3", Keep: true}}); err == nil {
		t.Error("Write kept a file that is not there")
	}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("after a failed Write (-want +got):\n%s", diff)
	}
}
