package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the test-only commands scripts use: a loopback server
// and file templating (serve_test.go), many generated feeds, and a check
// of a run's JSON Lines. podfeed itself always runs as a user types it.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"serve":      cmdServe,
		"expand":     cmdExpand,
		"mkfeeds":    cmdMkfeeds,
		"jsonlcover": cmdJSONLCover,
		"sparse":     cmdSparse,
		"flacblocks": cmdFLACBlocks,
		"mkimage":    cmdMkimage,
		"recode":     cmdRecode,
		"replace":    cmdReplace,
	}
}

// mkfeeds DIR N writes N small RSS feeds, DIR/feed-00.xml …: every fifth
// holds an undefined entity (an error), every seventh from the third is
// cut short (not well-formed), the rest are clean under --profile rss.
func cmdMkfeeds(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkfeeds DIR N")
	}
	dir := ts.MkAbs(args[0])
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Check(os.MkdirAll(dir, 0o755))
	for i := range n {
		title := fmt.Sprintf("Episode %d", i)
		if i%5 == 0 {
			title = fmt.Sprintf("Episode&nbsp;%d", i)
		}
		feed := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Show %d</title>
    <link>https://example.com/show-%d/</link>
    <description>Show number %d.</description>
    <language>en</language>
    <atom:link href="https://example.com/show-%d/feed.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>%s</title>
      <guid isPermaLink="false">show-%d-ep-1</guid>
      <pubDate>Wed, 02 Oct 2024 08:00:00 GMT</pubDate>
      <enclosure url="https://example.com/show-%d/ep1.mp3" length="12345678" type="audio/mpeg"/>
    </item>
  </channel>
</rss>
`, i, i, i, i, title, i, i)
		if i%7 == 3 {
			feed = feed[:len(feed)/2]
		}
		ts.Check(os.WriteFile(filepath.Join(dir, fmt.Sprintf("feed-%02d.xml", i)), []byte(feed), 0o644))
	}
}

// jsonlcover LIST OUT… checks that the feed lines of the JSON Lines files
// OUT… name every entry of LIST exactly once, at its index, and that each
// file ends with a summary whose count of feeds matches its feed lines.
func cmdJSONLCover(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: jsonlcover LIST OUT...")
	}
	var list []string
	for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			list = append(list, l)
		}
	}
	seen := make([]int, len(list))
	for _, out := range args[1:] {
		sc := bufio.NewScanner(strings.NewReader(ts.ReadFile(out)))
		sc.Buffer(nil, 1<<20)
		feeds, summary := 0, -1
		for sc.Scan() {
			if summary >= 0 {
				ts.Fatalf("%s: a line after the summary", out)
			}
			var obj struct {
				Type  string `json:"type"`
				Index int    `json:"index"`
				Path  string `json:"path"`
				Feeds int    `json:"feeds"`
			}
			if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
				ts.Fatalf("%s: not JSON: %v: %s", out, err, sc.Text())
			}
			switch obj.Type {
			case "feed":
				feeds++
				if obj.Index < 0 || obj.Index >= len(list) || list[obj.Index] != obj.Path {
					ts.Fatalf("%s: feed %q at index %d is not that entry of the list", out, obj.Path, obj.Index)
				}
				seen[obj.Index]++
			case "summary":
				summary = obj.Feeds
			default:
				ts.Fatalf("%s: line of type %q", out, obj.Type)
			}
		}
		ts.Check(sc.Err())
		if summary != feeds {
			ts.Fatalf("%s: summary says %d feeds, %d feed lines", out, summary, feeds)
		}
	}
	for i, n := range seen {
		if n != 1 {
			ts.Fatalf("list entry %d (%s) reported %d times, want once", i, list[i], n)
		}
	}
}
