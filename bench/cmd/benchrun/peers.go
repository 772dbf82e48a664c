package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/bench/gen"
	"github.com/podfeed/podfeed/bench/writers"
)

// peersSection measures podfeed's writer, parser and prober beside the
// libraries a user would otherwise pick, on the generated show.
func peersSection(ctx context.Context, c config, p paths, stderr io.Writer) (string, error) {
	out, benchcase, podfeed := p.out, p.benchcase, p.podfeed
	show, err := showDir(p, c.episodes, stderr)
	if err != nil {
		return "", err
	}
	feedFile := filepath.Join(out, fmt.Sprintf("feed-%d.xml", c.episodes))
	if err := builtFeed(ctx, p, show, feedFile); err != nil {
		return "", err
	}
	fi, err := os.Stat(feedFile)
	if err != nil {
		return "", err
	}
	feedSize := fi.Size()
	fmt.Fprintf(stderr, "preparing %d media files\n", c.mediaFiles)
	mediaDir := filepath.Join(out, "mediashow")
	mediaNames, mediaSize, err := gen.WriteMedia(mediaDir, c.fixtures, c.mediaFiles)
	if err != nil {
		return "", err
	}
	found, err := summary(ctx, p, feedFile)
	if err != nil {
		return "", err
	}

	n := c.episodes
	ncase := func(name string) []string {
		return []string{benchcase, name, "-n", strconv.Itoa(n), "-out", filepath.Join(out, name+".xml")}
	}
	removeCache := func() error { return os.RemoveAll(filepath.Join(mediaDir, ".podfeed")) }
	cases := []*kase{
		{group: "generate", name: "podfeed feed.Encode", argv: ncase("write-podfeed"), useWork: true, items: n, unit: "items",
			note: "writes every field of the show"},
		{group: "generate", name: "eduncan911/podcast v1.4.2", argv: ncase("write-eduncan"), useWork: true, items: n, unit: "items",
			note: "cannot write " + writers.CannotEduncan},
		{group: "generate", name: "gorilla/feeds v1.2.0", argv: ncase("write-gorilla"), useWork: true, items: n, unit: "items",
			note: "cannot write " + writers.CannotGorilla},
		{group: "generate", name: "(records only: the input every writer starts from)", argv: []string{benchcase, "records", "-n", strconv.Itoa(n)}, items: n, unit: "items", baseline: true,
			note: "baseline of the three processes above: generating the episodes in memory"},

		{group: "parse/validate", name: "podfeed validate (whole process, every rule)", argv: []string{podfeed, "validate", "--fail-on", "none", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "finds " + found + "; well-formedness included"},
		{group: "parse/validate", name: "mmcdole/gofeed v1.4.2 (parse only)", argv: []string{benchcase, "gofeed", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "builds the whole feed in memory, judges nothing"},
		{group: "parse/validate", name: "encoding/xml Token() + InputPos() (Go floor)", argv: []string{benchcase, "xmltoken", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "tokens only, judges nothing"},
		{group: "parse/validate", name: "xmllint --stream --noout (libxml2, C)", argv: []string{"xmllint", "--stream", "--noout", feedFile}, bytes: feedSize, items: n, unit: "items",
			note: "well-formedness only", skip: c.xmllintSkip},

		{group: "media", name: "podfeed probe through the cache, cold (no .podfeed/cache.json)", argv: []string{benchcase, "probe", mediaDir}, before: removeCache, bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "media/cache.Files.ProbeAll, as podfeed build does; the files are in the page cache"},
		{group: "media", name: "podfeed probe through the cache, cached (second run)", argv: []string{benchcase, "probe", mediaDir}, bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "every file matches its cached size and mtime: none is opened"},
		{group: "media", name: "podfeed probe --json (CLI, no cache)", argv: append([]string{podfeed, "probe", "--json"}, absNames(mediaDir, mediaNames)...), bytes: mediaSize, items: len(mediaNames), unit: "files",
			note: "prints every result as JSON"},
	}
	lint := cases[7]
	if lint.skip == "" {
		if _, err := exec.LookPath("xmllint"); err != nil {
			lint.skip = "xmllint not found"
		} else if v := xmllintVersion(ctx); v != "" {
			lint.name = "xmllint --stream --noout (libxml2 " + v + ", C)"
		}
	}
	// The peers run in a fixed order, round after round: the cached probe
	// must follow the cold one.
	order := [][]*kase{cases}
	if err := runRounds(ctx, "peers", order, c.warmup, c.runs, nil, stderr); err != nil {
		return "", err
	}

	var b strings.Builder
	b.WriteString("### Side by side with the peers\n\n")
	fmt.Fprintf(&b, "%d episodes of the generated show (feed %.1f MB); %d media files, %.1f MB; medians of %d runs, %s, cases interleaved.\n\n",
		c.episodes, float64(feedSize)/1e6, len(mediaNames), float64(mediaSize)/1e6, c.runs, warmups(c.warmup))
	b.WriteString("| group | case | time | min–max | CPU | MB/s | items/s | peak RSS | × podfeed | notes |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	var ref *kase
	for i, k := range cases {
		if i == 0 || cases[i-1].group != k.group {
			ref = k
		}
		if k.skip != "" {
			fmt.Fprintf(&b, "| %s | %s | — | — | — | — | — | — | — | skipped: %s |\n", k.group, k.name, k.skip)
			continue
		}
		t := k.time()
		size := k.bytes
		if size == 0 {
			size = k.reported.Bytes
		}
		mbs := "—"
		if size > 0 && t > 0 {
			mbs = fmt.Sprintf("%.0f", float64(size)/1e6/t.Seconds())
		}
		r := "1.00"
		switch {
		case k.baseline:
			r = "—"
		case k != ref:
			r = ratio(t, ref.time())
		}
		how := "wall"
		if k.useWork {
			how = fmt.Sprintf("in process; wall %s", round(median(k.walls)))
		}
		lo, hi := k.spread()
		fmt.Fprintf(&b, "| %s | %s | %s (%s) | %s–%s | %s | %s | %.0f %s/s | %s | %s | %s |\n",
			k.group, k.name, round(t), how, round(lo), round(hi), round(median(k.cpus)), mbs, float64(k.items)/t.Seconds(), k.unit, rssCell(k), r, k.note)
	}
	b.WriteString("\n" + legend + "\n")
	return b.String(), nil
}

const legend = `time: median (min–max: the fastest and slowest run); "in process" is the time the generate case reports for mapping the ` +
	`episodes into its writer's model and writing the feed to a file (the process first generates the ` +
	`episodes, as the "records only" row shows); every other time is the whole process, start to exit. ` +
	`CPU: median user + system time of the whole process (above the wall time when it runs on both cores). ` +
	`MB/s: bytes written (generate), read (parse/validate) or probed files' total size (media), over that time. ` +
	`peak RSS: median of the processes' maximum resident set sizes; CPU and RSS from GNU time. ` +
	`× podfeed: time over the first row of the group (below 1: faster than podfeed).` + "\n"
