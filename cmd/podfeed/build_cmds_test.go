package main

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/podfeed/podfeed/publish"
)

// withBuildCmds adds to cmds the testscript commands the build scripts
// use. They run in the test process; podfeed itself runs as a user types
// it.
func withBuildCmds(cmds map[string]func(ts *testscript.TestScript, neg bool, args []string)) map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	for name, f := range buildCmds() {
		cmds[name] = f
	}
	return cmds
}

func buildCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	var mu sync.Mutex
	locks := map[string]*publish.Lock{} // by absolute path: scripts run in parallel
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// deadurl: sets $DEADURL to a loopback URL where nothing listens.
		"deadurl": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 0 {
				ts.Fatalf("usage: deadurl")
			}
			l, err := net.Listen("tcp", "127.0.0.1:0")
			ts.Check(err)
			dead := "http://" + l.Addr().String()
			l.Close()
			ts.Setenv("DEADURL", dead)
		},
		// sleep DURATION
		"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: sleep DURATION")
			}
			d, err := time.ParseDuration(args[0])
			ts.Check(err)
			time.Sleep(d)
		},
		// killafter DURATION PROGRAM ARGS...: runs PROGRAM (found in the
		// script's PATH) and sends it SIGKILL after DURATION, unless it
		// ended before; prints "killed" or "finished" to stdout.
		"killafter": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) < 2 {
				ts.Fatalf("usage: killafter DURATION PROGRAM ARGS...")
			}
			d, err := time.ParseDuration(args[0])
			ts.Check(err)
			prog := args[1]
			for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
				if p := filepath.Join(dir, args[1]); fileExists(p) {
					prog = p
					break
				}
			}
			cmd := exec.Command(prog, args[2:]...)
			cmd.Dir = ts.MkAbs(".")
			for _, k := range []string{"PATH", "HOME", "TMPDIR", "PODFEED_CORPUS"} {
				cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
			}
			ts.Check(cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
				fmt.Fprintln(ts.Stdout(), "finished")
			case <-time.After(d):
				ts.Check(cmd.Process.Signal(syscall.SIGKILL))
				<-done
				fmt.Fprintln(ts.Stdout(), "killed")
			}
		},
		// age DIR: sets every file under DIR to a time long ago.
		"age": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: age DIR")
			}
			old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
			ts.Check(filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				return os.Chtimes(p, old, old)
			}))
		},
		// mtimes DIR: prints each file under DIR with its modification
		// time, sorted, to stdout.
		"mtimes": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: mtimes DIR")
			}
			root := ts.MkAbs(args[0])
			var lines []string
			ts.Check(filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				fi, err := d.Info()
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(root, p)
				lines = append(lines, fmt.Sprintf("%s %s", filepath.ToSlash(rel), fi.ModTime().UTC().Format(time.RFC3339Nano)))
				return nil
			}))
			sort.Strings(lines)
			fmt.Fprintln(ts.Stdout(), strings.Join(lines, "\n"))
		},
		// genshow DIR N TAG: writes a show of N episodes, each with a
		// chapter list, whose notes and chapter titles carry TAG.
		"genshow": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 3 {
				ts.Fatalf("usage: genshow DIR N TAG")
			}
			n, err := strconv.Atoi(args[1])
			ts.Check(err)
			genShow(ts, ts.MkAbs(args[0]), n, args[2])
		},
		// mkfifo PATH
		"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: mkfifo PATH")
			}
			ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
		},
		// bigfile PATH SIZE HEAD: writes HEAD (with \n for newlines)
		// then spaces and words up to SIZE bytes.
		"bigfile": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 3 {
				ts.Fatalf("usage: bigfile PATH SIZE HEAD")
			}
			size, err := parseSize(args[1])
			ts.Check(err)
			head := strings.ReplaceAll(args[2], `\n`, "\n")
			b := []byte(head)
			for int64(len(b)) < size {
				b = append(b, "word "...)
			}
			ts.Check(os.WriteFile(ts.MkAbs(args[0]), b[:size], 0o644))
		},
		// lock DIR / unlock DIR: hold the output folder's lock, as a
		// running build would.
		"lock": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: lock DIR")
			}
			l, err := publish.Acquire(context.Background(), ts.MkAbs(args[0]), 0, nil)
			ts.Check(err)
			mu.Lock()
			locks[ts.MkAbs(args[0])] = l
			mu.Unlock()
			ts.Defer(func() { l.Release() })
		},
		"unlock": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 1 {
				ts.Fatalf("usage: unlock DIR")
			}
			mu.Lock()
			l := locks[ts.MkAbs(args[0])]
			mu.Unlock()
			if l == nil {
				ts.Fatalf("usage: unlock DIR (after lock DIR)")
			}
			ts.Check(l.Release())
		},
		// feedlinks [-same] DIR URL: every chapters file feed.xml in DIR
		// links under URL exists in DIR; with -same, each also names the
		// show the feed names (genshow's TAG), so it came from the same
		// build. Prints the number of links checked.
		"feedlinks": func(ts *testscript.TestScript, neg bool, args []string) {
			same := len(args) > 0 && args[0] == "-same"
			if same {
				args = args[1:]
			}
			if neg || len(args) != 2 {
				ts.Fatalf("usage: feedlinks [-same] DIR URL")
			}
			dir := ts.MkAbs(args[0])
			data, err := os.ReadFile(filepath.Join(dir, "feed.xml"))
			ts.Check(err)
			re := regexp.MustCompile(`<podcast:chapters url="` + regexp.QuoteMeta(args[1]) + `([^"]+)"`)
			tag := regexp.MustCompile(`<title>(\S+) episode`).FindSubmatch(data)
			n := 0
			for _, m := range re.FindAllSubmatch(data, -1) {
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(string(m[1]))))
				if err != nil {
					ts.Fatalf("feed.xml links %s, which is missing: %v", m[1], err)
				}
				if same && tag != nil && !strings.Contains(string(b), string(tag[1])) {
					ts.Fatalf("feed.xml (show %s) links %s, which another build wrote", tag[1], m[1])
				}
				n++
			}
			fmt.Fprintf(ts.Stdout(), "%d links\n", n)
		},
		// notemps DIR: no temporary file of an interrupted build is left
		// anywhere under DIR.
		"notemps": func(ts *testscript.TestScript, neg bool, args []string) {
			if len(args) != 1 {
				ts.Fatalf("usage: notemps DIR")
			}
			var found []string
			ts.Check(filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
				if err == nil && publish.IsTemp(d.Name()) {
					found = append(found, p)
				}
				return err
			}))
			if neg != (len(found) == 0) {
				return
			}
			if neg {
				ts.Fatalf("no temporary files under %s", args[0])
			}
			ts.Fatalf("temporary files left: %v", found)
		},
	}
}

// genShow writes a show of n episodes with chapters into dir.
func genShow(ts *testscript.TestScript, dir string, n int, tag string) {
	ts.Check(os.MkdirAll(filepath.Join(dir, "episodes"), 0o755))
	ts.Check(os.WriteFile(filepath.Join(dir, "podcast.yaml"), []byte(`title: `+tag+` show
description: A generated show.
language: en
link: https://example.org/
feed_url: https://example.org/feed.xml
guid: bab2ba12-9757-5da6-a770-0e70e6bcf214
author: Someone
owner: {name: Someone, email: someone@example.org}
image: https://example.org/art.jpg
categories: [Technology]
explicit: false
`), 0o644))
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		ep := fmt.Sprintf("---\ntitle: %s episode %d\ndate: %s\naudio: https://example.org/ep%d.mp3\nlength: %d\nduration: \"1:00:00\"\nguid: ep-%d\n---\n%s notes.\n\n00:00 %s start\n10:00 %s middle\n20:00 %s end\n",
			tag, i, base.Add(time.Duration(i)*time.Hour).Format(time.RFC3339), i, 30_000_000+i, i, tag, tag, tag, tag)
		ts.Check(os.WriteFile(filepath.Join(dir, "episodes", fmt.Sprintf("ep%05d.md", i)), []byte(ep), 0o644))
	}
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}
