package show

import (
	"sync"
	"testing"
	"testing/fstest"
)

// TestRecallPlaces: an episode file's key positions, dropped once Load is
// done with them, are found again where they were, for Markdown front
// matter (after its "---" line), YAML with a byte-order mark and JSON,
// nested keys included, and the first use may come from several
// goroutines at once (go test -race).
func TestRecallPlaces(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":        {Data: []byte(goodShow)},
		"episodes/a.md":       ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\npersons:\n  - name: Ann\n    role: host\n", "Notes."),
		"episodes/b.yaml":     {Data: []byte("\uFEFFtitle: B\ndate: 2025-01-02\naudio:   https://x.org/b.mp3\nnotes: B.\n")},
		"episodes/c.json":     {Data: []byte("{\"title\": \"C\",\n \"date\": \"2025-01-03\", \"audio\": \"https://x.org/c.mp3\",\n \"transcripts\": [{\"url\": \"https://x.org/c.vtt\"}]}")},
		"episodes/d.md":       ep("title: D\ndate: 2025-01-04\naudio: https://x.org/d.mp3\n", ""),
		"episodes/e.markdown": ep("title: E\ndate: 2025-01-05\naudio: https://x.org/e.mp3\n", "E."),
	}
	def, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]Pos{
		"episodes/a.md":       {"": {2, 1}, "title": {2, 8}, "audio": {4, 8}, "persons[0].name": {6, 11}, "persons[0].role": {7, 11}},
		"episodes/b.yaml":     {"": {1, 1}, "title": {1, 8}, "audio": {3, 10}, "notes": {4, 8}},
		"episodes/c.json":     {"": {1, 1}, "title": {1, 11}, "date": {2, 10}, "transcripts[0].url": {3, 26}},
		"episodes/d.md":       {"": {2, 1}, "date": {3, 7}},
		"episodes/e.markdown": {"": {2, 1}, "audio": {4, 8}},
	}
	for _, ep := range def.Episodes {
		w := def.epWhere[ep]
		if w.Keys.list != nil || w.Keys.src == "" {
			t.Errorf("%s: positions kept after Load (%d)", ep.File, len(w.Keys.list))
		}
	}
	var wg sync.WaitGroup
	for range 8 {
		for _, ep := range def.Episodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w := def.epWhere[ep]
				for key, p := range want[ep.File] {
					if got, ok := w.Keys.get(key); !ok || got != p {
						t.Errorf("%s: %q at %v (%v), want %v", ep.File, key, got, ok, p)
					}
				}
				if _, ok := w.Keys.get("link"); ok {
					t.Errorf("%s: link has a position but is not set", ep.File)
				}
			}()
		}
	}
	wg.Wait()
}
