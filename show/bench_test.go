package show

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/podfeed/podfeed/feed"
)

// genShow makes a show of n episodes, each with about 2 KB of Markdown
// notes including a chapter list. The notes keep to the Markdown the
// direct renderer covers (as 79 % of the corpus's notes do); with
// goldmark, each also holds a code span, which sends every note to
// goldmark.
func genShow(n int, goldmark bool) fstest.MapFS {
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
		if goldmark {
			b.WriteString("\nThe keepers' log is in `logbook.txt`.\n")
		}
		fsys[fmt.Sprintf("episodes/ep%05d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// BenchmarkBuild measures a whole build without the disk: load the
// definitions, render the notes, map to the feed model and encode it.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		benchBuild(b, fmt.Sprintf("episodes=%d", n), genShow(n, false))
	}
}

// BenchmarkBuildGoldmark is BenchmarkBuild's largest show with notes
// that goldmark renders: the cost of notes outside the direct renderer's
// subset.
func BenchmarkBuildGoldmark(b *testing.B) {
	benchBuild(b, "episodes=10000", genShow(10000, true))
}

func benchBuild(b *testing.B, name string, fsys fstest.MapFS) {
	b.Run(name, func(b *testing.B) {
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

// BenchmarkLoadDisk measures Load of a show folder on disk, read through
// an os.Root as the CLI reads it: the cost of opening and reading each
// episode file on top of parsing it.
func BenchmarkLoadDisk(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, genShow(10000, false)); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.Run("episodes=10000", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			def, err := Load(root.FS(), ".")
			if err != nil {
				b.Fatal(err)
			}
			if len(def.Episodes) != 10000 {
				b.Fatalf("%d episodes", len(def.Episodes))
			}
		}
	})
}

// benchEpisode is an episode file shaped like bench/'s generated show:
// front matter with a transcript and a person, and about 2 KB of notes.
const benchEpisode = `---
title: "The voyage and the mortar (log 1)"
date: 2001-01-01T07:00:00Z
link: https://bench.example.org/episodes/ep00001
guid: bench-ep00001
audio: https://cdn.bench.example.org/audio/ep00001.mp3
length: 25785292
type: audio/mpeg
duration: 3610
season: 1
episode: 1
episode_type: full
image: https://bench.example.org/art/ep00001.jpg
explicit: false
transcripts:
  - url: https://cdn.bench.example.org/transcripts/ep00001.vtt
    type: text/vtt
persons:
  - name: Hana Norason
    role: guest
---
Harbour prism [engineer](https://example.org/engineer/685) granite buoy cliff pilot gale [season](https://example.org/season/403) coast night bell. Clockwork chart gale lighthouse coast pilot reef rock cliff sound. Fog oil coast watch gale gallery season mortar sailor current logbook granite bay.

Shipwreck **gale** granite lens lens radio horn **mortar** fog & wick. Coast radio lens harbour storm [lens](https://example.org/lens/192) night tide bay stair bay buoy shoal.

Links:

- [On the sandbank](https://example.org/read/sandbank-79513)
- [On the lighthouse](https://example.org/read/lighthouse-31266)
`

// BenchmarkLoadEpisode parses one episode file: front matter (flatyaml),
// decoding into the schema, the notes split off.
func BenchmarkLoadEpisode(b *testing.B) {
	types := &sync.Map{}
	b.SetBytes(int64(len(benchEpisode)))
	b.ReportAllocs()
	for b.Loop() {
		var errs, warns errorList
		if ep, _ := loadEpisode("episodes/ep00001.md", benchEpisode, &errs, &warns, types); ep == nil || len(errs.errs) > 0 {
			b.Fatalf("loadEpisode: %v", errs.errs)
		}
	}
}
