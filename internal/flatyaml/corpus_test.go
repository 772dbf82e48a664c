package flatyaml_test

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/corpus"
	"github.com/podfeed/podfeed/internal/flatyaml"
)

// TestCorpusFrontMatter parses the front matter podfeed import writes for
// every episode of every corpus feed, and podcast.yaml, both ways:
// wherever Parse takes a document, its tree is yaml.v3's.
func TestCorpusFrontMatter(t *testing.T) {
	var docs, flat int
	corpus.Each(t, "feeds", "*", func(file string, data []byte) {
		res, err := importer.Parse(data, importer.Options{})
		if err != nil {
			return // not a feed import reads
		}
		files, err := res.Files()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, f := range files {
			fm := f.Data
			if strings.HasSuffix(f.Path, ".md") {
				rest, ok := bytes.CutPrefix(fm, []byte("---\n"))
				end := bytes.Index(rest, []byte("\n---\n"))
				if !ok || end < 0 {
					t.Fatalf("%s: %s: no front matter", file, f.Path)
				}
				fm = rest[:end+1]
			}
			docs++
			got, ok := flatyaml.Parse(string(fm))
			if !ok {
				continue
			}
			flat++
			var want yaml.Node
			if err := yaml.Unmarshal(fm, &want); err != nil {
				t.Errorf("%s: %s: Parse took what yaml.v3 rejects: %v", file, f.Path, err)
				continue
			}
			if d := flatyaml.Diff(got, &want, ""); d != "" {
				t.Errorf("%s: %s: Parse differs from yaml.v3 at %s", file, f.Path, d)
			}
		}
	})
	if docs == 0 {
		t.Fatal("the corpus gave no documents")
	}
	t.Logf("%d of %d documents (%.0f %%) parsed directly", flat, docs, 100*float64(flat)/float64(docs))
}
