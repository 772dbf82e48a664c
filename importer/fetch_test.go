package importer

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/podfeed/podfeed/fetch"
)

func TestFetch(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rss("")))
	})
	mux.Handle("/old.xml", http.RedirectHandler("/feed.xml", http.StatusMovedPermanently))
	mux.Handle("/tmp.xml", http.RedirectHandler("/feed.xml", http.StatusFound))
	mux.HandleFunc("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 2048))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	opt := fetch.Options{AllowPrivate: true} // httptest listens on loopback
	ctx := context.Background()

	f, err := Fetch(ctx, srv.URL+"/feed.xml", opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := mustParse(t, f.Data, Options{Source: f.URL}); r.Show.Title != "T" || f.Moved {
		t.Errorf("title %q, moved %v", r.Show.Title, f.Moved)
	}

	f, err = Fetch(ctx, srv.URL+"/old.xml", opt)
	if err != nil || !f.Moved || f.URL != srv.URL+"/feed.xml" {
		t.Errorf("permanent redirect: %+v, %v; want moved to /feed.xml", f, err)
	}
	f, err = Fetch(ctx, srv.URL+"/tmp.xml", opt)
	if err != nil || f.Moved {
		t.Errorf("temporary redirect: %+v, %v; want not moved", f, err)
	}

	var he *HTTPError
	if _, err := Fetch(ctx, srv.URL+"/nope.xml", opt); !errors.As(err, &he) || he.Status != 404 {
		t.Errorf("missing feed: %v, want an HTTPError 404", err)
	}
	small := opt
	small.MaxBytes = 1024
	if _, err := Fetch(ctx, srv.URL+"/big.xml", small); !errors.Is(err, fetch.ErrTooLarge) {
		t.Errorf("large feed: %v, want ErrTooLarge", err)
	}
	// Without AllowPrivate the guard refuses loopback.
	if _, err := Fetch(ctx, srv.URL+"/feed.xml", fetch.Options{}); !errors.Is(err, fetch.ErrBlocked) {
		t.Errorf("loopback without AllowPrivate: %v, want ErrBlocked", err)
	}
}
