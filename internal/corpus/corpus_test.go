package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFilesAndEach(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "feeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.xml", "b.xml", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, "feeds", name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PODFEED_CORPUS", dir)
	if got := Files(t, "feeds", "*.xml"); len(got) != 2 || filepath.Base(got[0]) != "a.xml" || filepath.Base(got[1]) != "b.xml" {
		t.Errorf("Files = %q, want a.xml and b.xml", got)
	}
	var seen []string
	Each(t, "feeds", "*", func(path string, data []byte) {
		if filepath.Base(path) != string(data) {
			t.Errorf("%s holds %q", path, data)
		}
		seen = append(seen, string(data))
	})
	if len(seen) != 3 {
		t.Errorf("Each saw %q, want three files", seen)
	}
}

func TestIndex(t *testing.T) {
	dir := t.TempDir()
	index := "file\tsource_repo\twell_formed\tkind\n" +
		"a.xml\tx/y\tyes\tfeed\n" +
		"b.xml\tx/y\tNO: no element found: line 122, column 0\tfeed\n" +
		"c.json\tx/y\tyes\tchapters\n"
	if err := os.WriteFile(filepath.Join(dir, "INDEX.tsv"), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PODFEED_CORPUS", dir)
	got := Index(t)
	want := map[string]Entry{
		"a.xml":  {File: "a.xml", WellFormed: true, Kind: "feed"},
		"b.xml":  {File: "b.xml", Reason: "no element found: line 122, column 0", Kind: "feed"},
		"c.json": {File: "c.json", WellFormed: true, Kind: "chapters"},
	}
	if len(got) != len(want) {
		t.Fatalf("Index = %+v, want %+v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Index[%s] = %+v, want %+v", k, got[k], w)
		}
	}
}

// Unset, the corpus tests skip (saying how to run them); set to a folder
// that is not there, they fail, since whoever set it wanted them run.
func TestDirUnsetOrMissing(t *testing.T) {
	t.Setenv("PODFEED_CORPUS", "")
	if !t.Run("unset", func(t *testing.T) {
		Dir(t)
		t.Error("Dir did not skip with PODFEED_CORPUS unset")
	}) {
		t.Fatal("unset: the subtest failed")
	}
	t.Setenv("PODFEED_CORPUS", filepath.Join(t.TempDir(), "nowhere"))
	f := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Dir(f)
	}()
	<-done
	if !strings.Contains(f.msg, "is not a folder") {
		t.Errorf("Dir with a missing folder: failure %q, want one naming the folder", f.msg)
	}
}

// fatalTB records Fatalf and ends the goroutine, as testing does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
