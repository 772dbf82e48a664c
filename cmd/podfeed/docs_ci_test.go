package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCIDocsExamples keeps docs/ci.md and the files in docs/ci/ (which CI
// lints with actionlint and shellcheck) the same, and checks that the YAML
// examples parse.
func TestCIDocsExamples(t *testing.T) {
	root := repoRoot()
	page, err := os.ReadFile(filepath.Join(root, "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)<!-- file: (\\S+) -->\n```[a-z]*\n(.*?)```\n")
	shown := map[string]bool{}
	for _, m := range block.FindAllSubmatch(page, -1) {
		name := string(m[1])
		shown[name] = true
		file, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Errorf("docs/ci.md shows %s: %v", name, err)
			continue
		}
		if !bytes.Equal(file, m[2]) {
			t.Errorf("docs/ci.md's copy of %s differs from the file", name)
		}
	}
	files, err := filepath.Glob(filepath.Join(root, "docs", "ci", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := "docs/ci/" + filepath.Base(f)
		if !shown[name] {
			t.Errorf("%s is not shown in docs/ci.md", name)
		}
		if ext := filepath.Ext(f); ext == ".yml" || ext == ".yaml" {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dec := yaml.NewDecoder(bytes.NewReader(b))
			for {
				var v any
				if err := dec.Decode(&v); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					t.Errorf("%s: %v", name, err)
					break
				}
			}
		}
	}
	if len(shown) < 5 {
		t.Errorf("docs/ci.md shows %d example files, want the GitHub workflow and matrix, GitLab CI, Kubernetes Job and cron script", len(shown))
	}
}

// TestK8sExampleArgs runs the Kubernetes example's podfeed arguments, as
// the container would get them for shard 0, on a small list.
func TestK8sExampleArgs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "ci", "k8s-indexed-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		Spec struct {
			Template struct {
				Spec struct {
					Containers []struct {
						Args []string `yaml:"args"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &job); err != nil {
		t.Fatal(err)
	}
	args := job.Spec.Template.Spec.Containers[0].Args
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(feed, []byte(testFeed), 0o644); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(list, []byte(feed+"\n"+filepath.Join(dir, "gone.xml")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		a = strings.ReplaceAll(a, "$(SHARD_INDEX)", "0")
		args[i] = strings.ReplaceAll(a, "/list/feeds.txt", list)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"podfeed"}, args...), strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("podfeed %s: exit %d, want 0 (--fail-on none, --allow-fetch-failures); stderr: %s", strings.Join(args, " "), code, stderr.String())
	}
	if n := strings.Count(stdout.String(), `"type":"feed"`); n != 1 || !strings.Contains(stderr.String(), "(shard 0/8)") {
		t.Errorf("shard 0/8 of 2 feeds: %d results, stderr %q; want 1 and the shard named", n, stderr.String())
	}
}
