package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchShow writes n media files (copies of the fixtures) to a folder.
func benchShow(b *testing.B, n int) (string, []string) {
	b.Helper()
	dir := b.TempDir()
	srcs := []string{"cbr.mp3", "vbr-xing.mp3", "chapters.m4a", "opus.opus", "id3v23-chap.mp3", "flac.flac", "wav.wav", "vorbis.ogg"}
	var names []string
	for i := range n {
		name := fmt.Sprintf("ep-%04d%s", i, filepath.Ext(srcs[i%len(srcs)]))
		if err := os.WriteFile(filepath.Join(dir, name), fixture(b, srcs[i%len(srcs)]), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	return dir, names
}

// BenchmarkProbeCold1000 probes 1,000 files with an empty cache.
func BenchmarkProbeCold1000(b *testing.B) {
	dir, names := benchShow(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		p := &Files{FS: DirFS(dir), Cache: New(dir)}
		for _, r := range p.ProbeAll(context.Background(), names, nil) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkCachedRebuild1000 is what a rebuild of an unchanged
// 1,000-episode show spends on media: load the cache file, stat every
// file, find every result in the cache, and not save (nothing changed).
func BenchmarkCachedRebuild1000(b *testing.B) {
	dir, names := benchShow(b, 1000)
	c := New(dir)
	p := &Files{FS: DirFS(dir), Cache: c}
	p.ProbeAll(context.Background(), names, nil)
	if err := c.Save(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		c, warn := Load(dir)
		if warn != nil {
			b.Fatal(warn)
		}
		p := &Files{FS: DirFS(dir), Cache: c}
		for _, n := range names {
			if _, err := p.Probe(context.Background(), n); err != nil {
				b.Fatal(err)
			}
		}
		if err := c.Save(); err != nil {
			b.Fatal(err)
		}
	}
}
