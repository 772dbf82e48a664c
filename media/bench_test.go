package media

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkProbe probes each fixture from memory.
func BenchmarkProbe(b *testing.B) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range names {
		if filepath.Ext(n) == ".sh" {
			continue
		}
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(n), func(b *testing.B) {
			r := bytes.NewReader(data)
			for b.Loop() {
				if _, err := Probe(context.Background(), r, int64(len(data))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProbe1GBXing probes a synthetic 1 GB MP3 with a Xing header.
func BenchmarkProbe1GBXing(b *testing.B) {
	const size = 1 << 30
	frames := uint32(size / mp3Frame128Len)
	r := &syntheticMP3{head: xingFrame("Xing", frames-1, 576, 1000), size: size}
	for b.Loop() {
		if _, err := Probe(context.Background(), r, size); err != nil {
			b.Fatal(err)
		}
	}
}
