package show

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/podfeed/podfeed/feed"
)

// genShow makes a show of n episodes, each with about 2 KB of Markdown
// notes including a chapter list.
func genShow(n int) fstest.MapFS {
	fsys := fstest.MapFS{"podcast.yaml": {Data: []byte(goodShow)}}
	para := strings.Repeat("A paragraph about the *history* of [lighthouses](https://example.org/l) and their keepers. ", 4)
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Episode %d\ndate: %s\naudio: https://cdn.example.org/ep%d.mp3\nlength: %d\ntype: audio/mpeg\nduration: \"%d:%02d\"\nseason: %d\nepisode: %d\nguid: ep-%d\n---\n",
			i, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*24*time.Hour).Format(time.RFC3339), i, 30_000_000+i, 45+i%30, i%60, 1+i/100, 1+i%100, i)
		for j := 0; j < 4; j++ {
			b.WriteString(para + "\n\n")
		}
		b.WriteString("## Chapters\n\n- Intro [00.00]\n- Main topic [05.30]\n- Letters [41.10]\n")
		fsys[fmt.Sprintf("episodes/ep%05d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// BenchmarkBuild measures a whole build without the disk: load the
// definitions, render the notes, map to the feed model and encode it.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		fsys := genShow(n)
		b.Run(fmt.Sprintf("episodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for i := 0; i < b.N; i++ {
				def, err := Load(fsys, ".")
				if err != nil {
					b.Fatal(err)
				}
				res, err := Build(context.Background(), def, BuildOptions{Now: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				buf.Grow(SizeHint(res.Channel))
				if err := feed.Encode(&buf, res.Channel); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB-feed")
		})
	}
}
