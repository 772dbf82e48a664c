package publish

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stage writes data into a new staged file for name in dir, in pieces as
// an encoder does.
func stage(t *testing.T, dir, name, data string) *Staged {
	t.Helper()
	s, err := Stage(dir, name, 0)
	if err != nil {
		t.Fatal(err)
	}
	for len(data) > 0 {
		n := min(len(data), 5)
		if _, err := io.WriteString(s, data[:n]); err != nil {
			t.Fatal(err)
		}
		data = data[n:]
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return s
}

// staged is outputs with the feed staged in dir.
func staged(t *testing.T, dir, feed string, chapters ...string) []File {
	files := outputs(feed, chapters...)
	last := &files[len(files)-1]
	*last = File{Name: last.Name, Staged: stage(t, dir, last.Name, string(last.Data))}
	return files
}

// TestStagedPublish: a staged feed is renamed into place, its checksum and
// size recorded as if it had been given as Data; staged again with the
// same bytes it is left alone (its time kept) and the staged copy
// removed, with or without a manifest; with other bytes it replaces the
// feed. Nothing temporary is left at any point.
func TestStagedPublish(t *testing.T) {
	for _, withManifest := range []bool{true, false} {
		t.Run(fmt.Sprintf("manifest=%v", withManifest), func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			opt := Options{}
			if withManifest {
				opt.Manifest = filepath.Join(base, ".podfeed", "m.json")
			}
			files := staged(t, dir, "v1", "a")
			rep, err := Publish(dir, files, opt)
			if err != nil {
				t.Fatal(err)
			}
			files[1].Staged.Discard() // after Publish: changes nothing
			want := map[string]string{"./": "", "chapters/": "", "chapters/a.json": "-rw-r--r-- a v1\n", "feed.xml": "-rw-r--r-- <rss>v1a</rss>\n"}
			if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
				t.Errorf("first publish (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"chapters/a.json", "feed.xml"}, rep.Written); diff != "" {
				t.Errorf("written (-want +got):\n%s", diff)
			}
			if withManifest {
				m, err := loadManifest(opt.Manifest)
				if err != nil {
					t.Fatal(err)
				}
				e := m.entry("feed.xml")
				data := "<rss>v1a</rss>\n"
				if e == nil || e.Size != int64(len(data)) || e.CRC != crc32.Checksum([]byte(data), castagnoli) || e.Streamed {
					t.Errorf("manifest entry for the staged feed = %+v", e)
				}
			}

			age(t, dir)
			rep, err = Publish(dir, staged(t, dir, "v1", "a"), opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := touched(t, dir); len(got) != 0 || len(rep.Written) != 0 || len(rep.Unchanged) != 2 {
				t.Errorf("unchanged: touched %v, report %+v", got, rep)
			}
			if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
				t.Errorf("unchanged publish left (-want +got):\n%s", diff)
			}

			// Same size, other bytes.
			rep, err = Publish(dir, staged(t, dir, "v2", "a"), opt)
			if err != nil {
				t.Fatal(err)
			}
			want["feed.xml"] = "-rw-r--r-- <rss>v2a</rss>\n"
			want["chapters/a.json"] = "-rw-r--r-- a v2\n"
			if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
				t.Errorf("changed publish (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"chapters/a.json", "feed.xml"}, rep.Written); diff != "" {
				t.Errorf("written (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStagedDiscard: a staged file that is not published (the build gate
// refused the feed) leaves nothing behind, and the published feed as it
// was.
func TestStagedDiscard(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, outputs("v1")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	s := stage(t, dir, "feed.xml", "<rss>refused</rss>\n")
	if got := len(snapshot(t, dir)); got != len(before)+1 {
		t.Fatalf("staging made %d entries, want the temporary file too", got)
	}
	s.Discard()
	s.Discard()
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("after Discard (-want +got):\n%s", diff)
	}
}

// TestStagedWriteFailure: a write that fails midway (the disk is full)
// sticks: later writes and Close report it, Publish refuses the file, and
// nothing is left but the old feed.
func TestStagedWriteFailure(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	opt := Options{Manifest: filepath.Join(base, "m.json")}
	if _, err := Publish(dir, outputs("v1", "a"), opt); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	s, err := Stage(dir, "feed.xml", 0)
	if err != nil {
		t.Fatal(err)
	}
	writes := 0
	s.hook = func(step, name string) error {
		if writes++; writes > 3 {
			return syscall.ENOSPC
		}
		return nil
	}
	var werr error
	for i := 0; i < 10 && werr == nil; i++ {
		_, werr = s.Write([]byte(strings.Repeat("x", 1000)))
	}
	if !errors.Is(werr, syscall.ENOSPC) {
		t.Fatalf("write error = %v, want ENOSPC", werr)
	}
	if _, err := s.Write([]byte("y")); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("write after the failure = %v, want the failure again", err)
	}
	if err := s.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Close = %v, want the write failure", err)
	}
	files := outputs("v2", "a")
	files[1] = File{Name: "feed.xml", Staged: s}
	if _, err := Publish(dir, files, opt); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Publish of a staged file that failed = %v, want the write failure", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("after the failure (-want +got):\n%s", diff)
	}
}

// TestStagedFailureAtEveryStep: a failure syncing, closing or renaming the
// staged feed, or writing the file beside it, changes no file and leaves
// nothing temporary, the staged feed included.
func TestStagedFailureAtEveryStep(t *testing.T) {
	for _, at := range []string{"sync feed.xml", "close feed.xml", "rename feed.xml", "create chapters/b.json", "write chapters/b.json", "sync chapters/b.json", "rename chapters/b.json"} {
		t.Run(strings.ReplaceAll(at, "/", "_"), func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			opt := Options{Manifest: filepath.Join(base, "m.json")}
			if _, err := Publish(dir, outputs("v1", "a"), opt); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			files := staged(t, dir, "v2", "a", "b")
			_, err := publish(dir, files, opt, func(step, name string) error {
				if step+" "+name == at {
					return syscall.EIO
				}
				return nil
			})
			if !errors.Is(err, syscall.EIO) {
				t.Fatalf("publish = %v, want the failure", err)
			}
			got := snapshot(t, dir)
			for name := range got {
				if IsTemp(filepath.Base(name)) {
					t.Errorf("temporary file left: %s", name)
				}
			}
			// A failed rename of b leaves a.json replaced (the error says
			// so); the feed, renamed last, is always the old one.
			if got["feed.xml"] != before["feed.xml"] {
				t.Errorf("feed.xml = %q, want the old feed", got["feed.xml"])
			}
		})
	}
}

// TestSameContent compares readers of every relation of lengths and
// contents, across the piece size.
func TestSameContent(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789"), 20000)
	other := bytes.Clone(big)
	other[len(other)-1] = 'x'
	for _, tc := range []struct {
		a, b []byte
		want bool
	}{
		{nil, nil, true},
		{[]byte("a"), nil, false},
		{nil, []byte("a"), false},
		{big, big, true},
		{big, big[:len(big)-1], false},
		{big[:len(big)-1], big, false},
		{big, other, false},
		{big[:64<<10], big[:64<<10], true},
		{big[:64<<10+1], big[:64<<10], false},
	} {
		got, err := sameContent(bytes.NewReader(tc.a), bytes.NewReader(tc.b))
		if err != nil || got != tc.want {
			t.Errorf("sameContent(%d bytes, %d bytes) = %v, %v; want %v", len(tc.a), len(tc.b), got, err, tc.want)
		}
	}
}

// TestStagedOverExisting: bytes staged over a file in place are compared
// with it until they differ, then written, the matched part copied from
// it; whatever the place of the difference, the file published holds the
// new bytes. The same bytes write nothing (Same), and are published as
// unchanged, or, with another mode, written out whole.
func TestStagedOverExisting(t *testing.T) {
	old := strings.Repeat("0123456789", 100)
	for _, tc := range []struct{ name, next string }{
		{"same", old},
		{"first byte", "x" + old[1:]},
		{"middle", old[:503] + "x" + old[504:]},
		{"last byte", old[:len(old)-1] + "x"},
		{"longer", old + "more"},
		{"shorter", old[:700]},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			if err := Write(dir, []File{{Name: "feed.xml", Data: []byte(old)}}); err != nil {
				t.Fatal(err)
			}
			age(t, dir)
			s := stage(t, dir, "feed.xml", tc.next)
			if got := s.Same(); got != (tc.next == old) {
				t.Errorf("Same = %v", got)
			}
			if b, err := io.ReadAll(s.Reader()); err != nil || string(b) != tc.next {
				t.Errorf("staged bytes read back = %q, %v", b, err)
			}
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(s.tmp))); err != nil || (tc.next == old) != (fi.Size() == 0 && tc.next != "") {
				t.Errorf("temporary file: %v (same bytes are not written, others are)", err)
			}
			rep, err := Publish(dir, []File{{Name: "feed.xml", Staged: s}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"./": "", "feed.xml": "-rw-r--r-- " + tc.next}
			if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
				t.Errorf("published (-want +got):\n%s", diff)
			}
			if unchanged := len(touched(t, dir)) == 0 && len(rep.Unchanged) == 1; unchanged != (tc.next == old) {
				t.Errorf("unchanged = %v, report %+v", unchanged, rep)
			}
		})
	}
	t.Run("same bytes, other mode", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := Write(dir, []File{{Name: "feed.xml", Data: []byte(old)}}); err != nil {
			t.Fatal(err)
		}
		s, err := Stage(dir, "feed.xml", 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(s, old); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil || !s.Same() {
			t.Fatalf("Close = %v, Same = %v", err, s.Same())
		}
		if _, err := Publish(dir, []File{{Name: "feed.xml", Staged: s}}, Options{}); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"./": "", "feed.xml": "-rw------- " + old}
		if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
			t.Errorf("published (-want +got):\n%s", diff)
		}
	})
}
