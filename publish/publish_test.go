package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var longAgo = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

// age sets every file under dir to longAgo, so a rewrite shows.
func age(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, longAgo, longAgo)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mtimes returns the files under dir that are not longAgo any more.
func touched(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if !fi.ModTime().Equal(longAgo) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func outputs(feed string, chapters ...string) []File {
	var files []File
	for _, c := range chapters {
		files = append(files, File{Name: "chapters/" + c + ".json", Data: []byte(c + " " + feed + "\n")})
	}
	return append(files, File{Name: "feed.xml", Data: []byte("<rss>" + feed + strings.Join(chapters, ",") + "</rss>\n")})
}

// TestPublishUnchanged: a file whose bytes are in place is not rewritten,
// with or without a manifest (without one, it is read and compared).
func TestPublishUnchanged(t *testing.T) {
	for _, withManifest := range []bool{true, false} {
		t.Run(fmt.Sprintf("manifest=%v", withManifest), func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			opt := Options{}
			if withManifest {
				opt.Manifest = filepath.Join(base, ".podfeed", "outputs.json")
			}
			if _, err := Publish(dir, outputs("v1", "a", "b"), opt); err != nil {
				t.Fatal(err)
			}
			age(t, dir)
			if withManifest {
				// The manifest records the times after the first run;
				// aging the files makes the checksum path answer.
				if _, err := Publish(dir, outputs("v1", "a", "b"), opt); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := Publish(dir, outputs("v1", "a", "b"), opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := touched(t, dir); len(got) != 0 || len(rep.Written) != 0 || len(rep.Unchanged) != 3 {
				t.Errorf("unchanged rebuild: touched %v, report %+v", got, rep)
			}
			// One chapter file changes: it and the feed are written, the
			// other is left alone.
			next := outputs("v1", "a", "b")
			next[0].Data = []byte("a edited\n")
			next[2].Data = []byte("<rss>edited</rss>\n")
			rep, err = Publish(dir, next, opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"chapters/a.json", "feed.xml"}, touched(t, dir)); diff != "" {
				t.Errorf("files rewritten (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"chapters/a.json", "feed.xml"}, rep.Written); diff != "" {
				t.Errorf("Report.Written (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPublishSameSizeOtherBytes: a file of the same size with other bytes
// is rewritten even when its time matches the manifest (a checksum
// differs).
func TestPublishSameSizeOtherBytes(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	opt := Options{Manifest: filepath.Join(base, "m.json")}
	if _, err := Publish(dir, []File{{Name: "feed.xml", Data: []byte("aaaa")}}, opt); err != nil {
		t.Fatal(err)
	}
	rep, err := Publish(dir, []File{{Name: "feed.xml", Data: []byte("bbbb")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "feed.xml")); string(b) != "bbbb" || len(rep.Written) != 1 {
		t.Errorf("feed.xml = %q, written %v; want bbbb, written", b, rep.Written)
	}
}

// TestPublishRemovesWhatItNoLongerProduces: files an earlier run wrote and
// this one does not are removed; files podfeed never wrote, and files
// changed since podfeed wrote them, are left alone.
func TestPublishRemovesWhatItNoLongerProduces(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	opt := Options{Manifest: filepath.Join(base, ".podfeed", "outputs-public.json")}
	if _, err := Publish(dir, outputs("v1", "a", "b", "c"), opt); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"index.html": "mine", "chapters/notes.txt": "mine too"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// c.json was edited by hand since: kept.
	if err := os.WriteFile(filepath.Join(dir, "chapters", "c.json"), []byte("hand edit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Publish(dir, outputs("v2", "a"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"chapters/b.json"}, rep.Removed); diff != "" {
		t.Errorf("Removed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"chapters/c.json"}, rep.Kept); diff != "" {
		t.Errorf("Kept (-want +got):\n%s", diff)
	}
	want := map[string]string{
		"./": "", "chapters/": "",
		"chapters/a.json":    "-rw-r--r-- a v2\n",
		"chapters/c.json":    "-rw-r--r-- hand edit\n",
		"chapters/notes.txt": "-rw-r--r-- mine too",
		"feed.xml":           "-rw-r--r-- <rss>v2a</rss>\n",
		"index.html":         "-rw-r--r-- mine",
	}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
	// With no chapters left, the chapters folder goes too, when empty.
	os.Remove(filepath.Join(dir, "chapters", "notes.txt"))
	os.Remove(filepath.Join(dir, "chapters", "c.json"))
	if rep, err = Publish(dir, outputs("v3"), opt); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"chapters/a.json"}, rep.Removed); diff != "" {
		t.Errorf("Removed (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(dir, "chapters")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the emptied chapters folder is still there (%v)", err)
	}
	// Without a manifest, nothing is removed.
	if _, err := Publish(dir, outputs("v4", "x"), opt); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(dir, outputs("v5"), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "chapters", "x.json")); err != nil {
		t.Errorf("Publish without a manifest removed a file: %v", err)
	}
}

// TestPublishCorruptManifest: a manifest that cannot be read is reported,
// the files are published, and the manifest is made anew.
func TestPublishCorruptManifest(t *testing.T) {
	base := t.TempDir()
	m := filepath.Join(base, "m.json")
	if err := os.WriteFile(m, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Publish(filepath.Join(base, "public"), outputs("v1", "a"), Options{Manifest: m})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ManifestErr == nil || !strings.Contains(rep.ManifestErr.Error(), "ignored") {
		t.Errorf("ManifestErr = %v, want the corrupt manifest reported", rep.ManifestErr)
	}
	if got, err := loadManifest(m); err != nil || len(got.Files) != 2 {
		t.Errorf("manifest after = %+v, %v; want 2 files", got, err)
	}
}

// TestPublishFeedLast: files are renamed in the order given, so the feed
// given last replaces the old one only once the files it links are there.
func TestPublishFeedLast(t *testing.T) {
	dir := t.TempDir()
	var order []string
	_, err := publish(dir, outputs("v1", "a", "b"), Options{}, func(step, name string) error {
		if step == "rename" {
			order = append(order, name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"chapters/a.json", "chapters/b.json", "feed.xml"}, order); diff != "" {
		t.Errorf("rename order (-want +got):\n%s", diff)
	}
}

// crash stands for a kill: it stops publish at a step without any of the
// cleanup an error runs.
type crash struct{}

// TestPublishKilledAtEveryStep stops a publish at every step, as kill -9
// would, and checks that the feed never links a chapter file that is not
// there, and that the next run removes the temporary files left and ends
// with exactly its own outputs.
func TestPublishKilledAtEveryStep(t *testing.T) {
	before := outputs("v1", "a", "b")
	after := outputs("v2", "b", "c") // a goes, c is new, the feed changes
	steps := []string{"manifest"}
	for _, f := range after {
		for _, s := range []string{"create", "write", "sync", "close", "rename"} {
			steps = append(steps, s+" "+f.Name)
		}
	}
	for _, at := range steps {
		t.Run(strings.ReplaceAll(at, "/", "_"), func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			opt := Options{Manifest: filepath.Join(base, ".podfeed", "m.json")}
			if _, err := Publish(dir, before, opt); err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if r := recover(); r != nil && r != (crash{}) {
						panic(r)
					}
				}()
				_, _ = publish(dir, after, opt, func(step, name string) error {
					if step+" "+name == at || (step == "manifest" && at == "manifest") {
						panic(crash{})
					}
					return nil
				})
			}()
			feed, err := os.ReadFile(filepath.Join(dir, "feed.xml"))
			if err != nil {
				t.Fatal(err)
			}
			links := map[string][]string{"<rss>v1a,b</rss>\n": {"a", "b"}, "<rss>v2b,c</rss>\n": {"b", "c"}}[string(feed)]
			if links == nil {
				t.Fatalf("feed.xml = %q, neither the old nor the new feed", feed)
			}
			for _, c := range links {
				if _, err := os.Stat(filepath.Join(dir, "chapters", c+".json")); err != nil {
					t.Errorf("feed.xml %q links chapters/%s.json, which is missing", feed, c)
				}
			}
			// The next run cleans up and converges.
			rep, err := Publish(dir, after, opt)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"./": "", "chapters/": ""}
			for _, f := range after {
				want[f.Name] = "-rw-r--r-- " + string(f.Data)
			}
			if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
				t.Errorf("after the next run (-want +got):\n%s\nreport: %+v", diff, rep)
			}
		})
	}
}

func TestIsTemp(t *testing.T) {
	name := tempName("chapters/ep-1.json")
	if !IsTemp(filepath.Base(name)) || !strings.HasPrefix(name, "chapters/.ep-1.json.podfeed-tmp-") {
		t.Errorf("tempName = %q, not recognised", name)
	}
	for _, n := range []string{"feed.xml", "ep.podfeed-tmp-x", ".hidden"} {
		if IsTemp(n) {
			t.Errorf("IsTemp(%q) = true", n)
		}
	}
	if err := Write(t.TempDir(), []File{{Name: ".feed.xml.podfeed-tmp-AAAA"}}); !errors.Is(err, ErrBadName) {
		t.Errorf("Write of a temporary file name = %v, want ErrBadName", err)
	}
}

// TestLock: a second run waits for the first, or fails clearly when the
// wait runs out; the lock leaves no file in the folder.
func TestLock(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "public")
	first, err := Acquire(ctx, dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created() {
		t.Error("Created() = false for a folder Acquire made")
	}
	waited := 0
	if _, err := Acquire(ctx, dir, 0, func() { waited++ }); !errors.Is(err, ErrLocked) || waited != 1 {
		t.Errorf("second Acquire with no wait = %v (waiting called %d times), want ErrLocked after one call", err, waited)
	}
	if _, err := Acquire(ctx, dir, 150*time.Millisecond, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("second Acquire = %v, want ErrLocked after the wait", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Acquire(cctx, dir, time.Minute, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Acquire with a cancelled context = %v", err)
	}
	done := make(chan error, 1)
	go func() {
		l, err := Acquire(ctx, dir, time.Minute, nil)
		if err == nil {
			if l.Created() {
				err = errors.New("Created() = true for a folder that was there")
			}
			l.Release()
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("Acquire after the release: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the lock left %d entries in the folder", len(entries))
	}
}

// TestLockFolderReplaced: a folder removed and made anew while a run waits
// is locked afresh, not through the stale handle.
func TestLockFolderReplaced(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "public")
	first, err := Acquire(ctx, dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	second, err := Acquire(ctx, dir, time.Second, nil)
	if err != nil {
		t.Fatalf("Acquire of the new folder: %v", err)
	}
	// The new folder is held: a third run must wait.
	if _, err := Acquire(ctx, dir, 0, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("third Acquire = %v, want ErrLocked", err)
	}
	second.Release()
	first.Release()
}

// TestPublishStream: a File with Stream is written each time (its bytes
// are known only by writing them), and, when no longer produced, removed
// if its size and time are still what was written.
func TestPublishStream(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	opt := Options{Manifest: filepath.Join(base, "m.json")}
	audio := File{Name: "audio/ep.mp3", Stream: func(w io.Writer) error {
		_, err := io.WriteString(w, "ID3 and frames")
		return err
	}}
	files := []File{audio, {Name: "feed.xml", Data: []byte("<rss/>")}}
	if _, err := Publish(dir, files, opt); err != nil {
		t.Fatal(err)
	}
	rep, err := Publish(dir, files, opt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"audio/ep.mp3"}, rep.Written); diff != "" {
		t.Errorf("Written (-want +got):\n%s", diff)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "audio", "ep.mp3")); string(b) != "ID3 and frames" {
		t.Errorf("streamed file = %q", b)
	}
	rep, err = Publish(dir, files[1:], opt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"audio/ep.mp3"}, rep.Removed); diff != "" {
		t.Errorf("Removed (-want +got):\n%s", diff)
	}
}
