package markdown_test

import (
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/markdown"
)

// benchNote is about 2 KB of notes in the direct path's subset: the
// paragraphs, emphasis, links and chapter list of show's BenchmarkBuild.
var benchNote = func() string {
	para := strings.Repeat("A paragraph about the *history* of [lighthouses](https://example.org/l) and their keepers. ", 4)
	var b strings.Builder
	for range 4 {
		b.WriteString(para + "\n\n")
	}
	b.WriteString("## Chapters\n\n- Intro [00.00]\n- Main topic [05.30]\n- Letters [41.10]\n")
	return b.String()
}()

// BenchmarkRender renders benchNote as Render does (the direct path).
func BenchmarkRender(b *testing.B) {
	r := markdown.New()
	b.SetBytes(int64(len(benchNote)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(benchNote); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderGoldmark renders the same note with goldmark alone.
func BenchmarkRenderGoldmark(b *testing.B) {
	r := markdown.New()
	b.SetBytes(int64(len(benchNote)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderGoldmark(benchNote); err != nil {
			b.Fatal(err)
		}
	}
}
