package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/feed"
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

// TestLoadPublishedSummary: the feed in the output folder is read and
// summarized (whether it holds the bytes about to be written is decided
// while they are staged over it, not here: see publish's
// TestStagedOverExisting and build_stream.txtar).
func TestLoadPublishedSummary(t *testing.T) {
	doc := `<rss version="2.0"><channel><link>https://x.org/</link>` +
		`<item><guid>a</guid><title>A</title></item></channel></rss>` + "\n"
	out := t.TempDir()
	e := &env{stderr: io.Discard}
	prev, err := loadPublished(e, out, 1<<20)
	if err != nil || prev != nil {
		t.Fatalf("no feed yet: %+v, %v; want nil, nil", prev, err)
	}
	if err := os.WriteFile(filepath.Join(out, "feed.xml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	prev, err = loadPublished(e, out, 1<<20)
	if err != nil || prev == nil || prev.same || prev.sum == nil || len(prev.sum.Items) != 1 || prev.sum.Items[0].Title != "A" {
		t.Fatalf("published: %+v, %v; want its summary (title A)", prev, err)
	}
	if _, err := loadPublished(e, out, int64(len(doc)-1)); err == nil || !strings.Contains(err.Error(), "--max-size") {
		t.Fatalf("over the limit: %v; want a --max-size error", err)
	}
}
