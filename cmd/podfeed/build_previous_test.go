package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/publish"
)

// TestCappedSizeHint: the size capped reports only sizes the summary's
// buffer. A feed that grew after it was opened is still read whole, and
// the cap still refuses one longer than it.
func TestCappedSizeHint(t *testing.T) {
	doc := `<rss version="2.0"><channel><link>https://x.org/</link>` +
		`<item><guid>a</guid><title>A</title></item>` +
		`<item><guid>b</guid><title>B</title></item></channel></rss>`
	for _, tc := range []struct {
		name       string
		size, left int64
		items      int
		tooLarge   bool
	}{
		{"size as opened", int64(len(doc)), 1 << 20, 2, false},
		{"grew since opened", 10, 1 << 20, 2, false},
		{"no size", 0, 1 << 20, 2, false},
		{"past the cap", int64(len(doc)), int64(len(doc)) - 1, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &capped{r: strings.NewReader(doc), left: tc.left, what: "feed.xml", size: tc.size}
			if c.Len() > int(tc.left) {
				t.Errorf("Len = %d, more than the cap %d", c.Len(), tc.left)
			}
			sum, err := feed.ReadSummary(c)
			if tc.tooLarge {
				if !errors.Is(err, errTooLarge) {
					t.Fatalf("err = %v, want errTooLarge", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Items) != tc.items || sum.Items[1].GUID != "b" || sum.Truncated {
				t.Errorf("summary = %+v, want both items", sum)
			}
		})
	}
}

func TestSameBytes(t *testing.T) {
	long := bytes.Repeat([]byte("0123456789"), 20000) // more than one 64 KiB piece
	other := bytes.Clone(long)
	other[len(other)-1] = 'x'
	for _, tc := range []struct {
		name string
		file []byte
		next []byte
		want bool
	}{
		{"equal", long, long, true},
		{"last byte differs", other, long, false},
		{"file shorter", long[:len(long)-1], long, false},
		{"file longer", long, long[:len(long)-1], false},
		{"both empty", nil, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := publish.SameContent(bytes.NewReader(tc.file), bytes.NewReader(tc.next))
			if err != nil || got != tc.want {
				t.Errorf("SameContent = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestLoadPublishedSame: the feed in the output folder that holds the
// bytes about to be written is not parsed (same); one that differs, even
// in its last byte and at the same size, is read and summarized as before.
func TestLoadPublishedSame(t *testing.T) {
	doc := `<rss version="2.0"><channel><link>https://x.org/</link>` +
		`<item><guid>a</guid><title>A</title></item></channel></rss>` + "\n"
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "feed.xml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &env{stderr: io.Discard}
	prev, err := loadPublished(e, out, 1<<20, sectionOf([]byte(doc)))
	if err != nil || prev == nil || !prev.same || prev.sum != nil {
		t.Fatalf("identical: %+v, %v; want same and no summary", prev, err)
	}
	next := []byte(strings.Replace(doc, "<title>A<", "<title>B<", 1))
	prev, err = loadPublished(e, out, 1<<20, sectionOf(next))
	if err != nil || prev == nil || prev.same || prev.sum == nil || len(prev.sum.Items) != 1 || prev.sum.Items[0].Title != "A" {
		t.Fatalf("one byte differs: %+v, %v; want the published summary (title A)", prev, err)
	}
	prev, err = loadPublished(e, out, 1<<20, sectionOf([]byte(doc+"\n")))
	if err != nil || prev == nil || prev.same || prev.sum == nil {
		t.Fatalf("other size: %+v, %v; want the published summary", prev, err)
	}
	prev, err = loadPublished(e, out, 1<<20, nil)
	if err != nil || prev == nil || prev.same || prev.sum == nil {
		t.Fatalf("nothing to compare with: %+v, %v; want the published summary", prev, err)
	}
}

func sectionOf(b []byte) *io.SectionReader {
	return io.NewSectionReader(bytes.NewReader(b), 0, int64(len(b)))
}
