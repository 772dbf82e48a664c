package show

import (
	"context"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzLoadEpisode feeds arbitrary bytes to the episode loader and builder:
// no panic, and any failure is a positioned Errors value.
func FuzzLoadEpisode(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 1\n---\nNotes [00.00]\n"))
	f.Add([]byte("---\n{\"title\": 1, \"chapters\": [\"00:00 a\"]}\n---\n"))
	f.Add([]byte("---\nsoundbites: [{start: x}]\npersons: [{}]\nvalue: {recipients: [{split: -1}]}\n---\n"))
	f.Add([]byte("---\n&a [*a, *a]\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		fsys := fstest.MapFS{
			"podcast.yaml":  {Data: []byte(goodShow)},
			"episodes/x.md": {Data: data},
		}
		def, err := Load(fsys, ".")
		if err != nil {
			if _, ok := err.(Errors); !ok {
				t.Fatalf("Load error %T %v, want Errors", err, err)
			}
			return
		}
		_, err = Build(context.Background(), def, BuildOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			if _, ok := err.(Errors); !ok {
				t.Fatalf("Build error %T %v, want Errors", err, err)
			}
		}
	})
}

// FuzzParseDuration: no panic; accepted values are never negative.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"1:02:03", "90", "1h", "1.5", "::", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := parseDuration(s); err == nil && d < 0 {
			t.Fatalf("parseDuration(%q) = %v, negative", s, d)
		}
	})
}
