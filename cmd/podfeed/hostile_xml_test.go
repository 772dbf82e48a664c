package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// billionLaughs is a feed whose title is ten levels of entities, each
// ten of the one before: expanded, 10^9 "lol"s (3 GB).
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "<!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://example.org/</link><description>d</description>\n")
	b.WriteString("<item><title>&lol9;</title><enclosure url=\"https://example.org/a.mp3\" length=\"1\" type=\"audio/mpeg\"/><guid isPermaLink=\"false\">a</guid></item></channel></rss>\n")
	return b.String()
}

// Entities are never expanded: validating or importing a billion laughs
// costs what a small feed costs (allocations bounded), and nothing
// expanded appears in the output.
func TestBillionLaughsBounded(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "laughs.xml")
	if err := os.WriteFile(in, []byte(billionLaughs()), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"validate", "--fail-on", "none", in},
		{"import", "--force", "--out", filepath.Join(dir, "show"), in},
	} {
		var stdout, stderr bytes.Buffer
		allocs := testing.AllocsPerRun(2, func() {
			stdout.Reset()
			stderr.Reset()
			if code := run(context.Background(), append([]string{"podfeed"}, args...), strings.NewReader(""), &stdout, &stderr, func(string) string { return "" }); code != 0 {
				t.Fatalf("podfeed %s: exit %d: %s", args[0], code, stderr.String())
			}
		})
		t.Logf("podfeed %s: %.0f allocations", args[0], allocs)
		if allocs > 200_000 {
			t.Errorf("podfeed %s: %.0f allocations, want at most 200,000", args[0], allocs)
		}
		if out := stdout.String() + stderr.String(); strings.Contains(out, "lollol") || len(out) > 64<<10 {
			t.Errorf("podfeed %s: %d bytes of output, expanded entities in it: %.300s", args[0], len(out), out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "show", "podcast.yaml"))
	if err != nil || bytes.Contains(b, []byte("lollol")) || !bytes.Contains(b, []byte("&lol9;")) {
		t.Errorf("import wrote %q (%v), want the reference &lol9; kept as text", b, err)
	}
}
