package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// serveTypes are the Content-Types serve sends, fixed here rather than
// taken from the machine's MIME tables.
var serveTypes = map[string]string{
	".mp3":  "audio/mpeg",
	".m4a":  "audio/mp4",
	".html": "text/html; charset=utf-8",
	".xml":  "application/rss+xml",
	".json": "application/json",
}

// cmdServe is the testscript command "serve DIR": it serves the files in
// DIR over HTTP on a loopback address for the rest of the script and sets
// $SERVER to its base URL (http://127.0.0.1:PORT). Files get a
// Content-Type from their extension and honour Range requests. Two path
// prefixes misbehave on purpose:
//
//	/redirect/NAME  answers 302 Found pointing at /NAME
//	/stall/NAME     sends nothing until the client gives up
//	/retry/NAME     answers every other request 429 with Retry-After: 1,
//	                so a client that honours it gets NAME on its second try
//	/gzipbomb/NAME  sends NAME followed by 1 GiB of spaces, gzip-compressed
//	                (about 1 MB on the wire), as Content-Encoding: gzip
//
// Every request is logged as "METHOD PATH" to $WORK/serve.log, so a script
// can show what was (never) asked for.
func cmdServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve DIR")
	}
	dir := ts.MkAbs(args[0])
	done := make(chan struct{})
	var mu sync.Mutex
	asked := map[string]int{}
	logf, err := os.OpenFile(ts.MkAbs("serve.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o666)
	ts.Check(err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path
		mu.Lock()
		fmt.Fprintf(logf, "%s %s\n", r.Method, name)
		mu.Unlock()
		if strings.HasPrefix(name, "/gzipbomb/") {
			b, err := os.ReadFile(path.Join(dir, path.Clean(strings.TrimPrefix(name, "/gzipbomb"))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/rss+xml")
			gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			gz.Write(b)
			spaces := bytes.Repeat([]byte(" "), 1<<20)
			for range 1024 {
				if _, err := gz.Write(spaces); err != nil {
					return // the client hung up
				}
			}
			gz.Close()
			return
		}
		if strings.HasPrefix(name, "/retry/") {
			mu.Lock()
			asked[name]++
			n := asked[name]
			mu.Unlock()
			if n%2 == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			name = strings.TrimPrefix(name, "/retry")
		}
		switch {
		case strings.HasPrefix(name, "/redirect/"):
			http.Redirect(w, r, strings.TrimPrefix(name, "/redirect"), http.StatusFound)
			return
		case strings.HasPrefix(name, "/stall/"):
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		}
		b, err := os.ReadFile(path.Join(dir, path.Clean(name)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if t := serveTypes[path.Ext(name)]; t != "" {
			w.Header().Set("Content-Type", t)
		}
		http.ServeContent(w, r, "", time.Time{}, strings.NewReader(string(b)))
	}))
	ts.Setenv("SERVER", srv.URL)
	ts.Defer(func() {
		close(done)
		srv.Close()
		logf.Close()
	})
}

// cmdExpand is the testscript command "expand FILE...": it replaces $NAME
// and ${NAME} in each file with the script's environment variables, so a
// file can name the URL serve chose.
func cmdExpand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: expand FILE...")
	}
	for _, f := range args {
		b, err := os.ReadFile(ts.MkAbs(f))
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(os.Expand(string(b), ts.Getenv)), 0o666))
	}
}
