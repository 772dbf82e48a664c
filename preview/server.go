package preview

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/podfeed/podfeed/internal/pagestyle"
)

//go:embed pages.tmpl
var pagesSource string

// Server serves the current Build. Its zero value is not usable: use New.
type Server struct {
	tmpl   *template.Template
	policy *bluemonday.Policy

	mu      sync.Mutex
	cur     *Build
	waiters []chan struct{} // closed by Set: the live-reload streams wake up
	closed  chan struct{}
}

// New returns a Server with nothing built yet.
func New() *Server {
	s := &Server{policy: bluemonday.UGCPolicy(), closed: make(chan struct{})}
	s.tmpl = template.Must(template.New("pages").Funcs(template.FuncMap{
		"notes":    s.notes,
		"date":     func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"datetime": func(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") },
		"clock":    func(t time.Time) string { return t.Format("15:04:05") },
		"duration": clockTime,
		"start":    clockTime,
		"worst":    worst,
		"css":      func() template.CSS { return template.CSS(pagestyle.CSS) },
		"plural": func(n int, word string) string {
			if n == 1 {
				return "1 " + word
			}
			return strconv.Itoa(n) + " " + word + "s"
		},
	}).Parse(pagesSource))
	return s
}

// Set makes b the build the pages show, and reloads every open page.
func (s *Server) Set(b *Build) {
	s.mu.Lock()
	s.cur = b
	ws := s.waiters
	s.waiters = nil
	s.mu.Unlock()
	for _, w := range ws {
		close(w)
	}
}

// Close ends the live-reload streams, so that an http.Server can shut down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
	default:
		close(s.closed)
	}
}

func (s *Server) current() (*Build, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := make(chan struct{})
	s.waiters = append(s.waiters, w)
	return s.cur, w
}

func (s *Server) build() *Build {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// ServeHTTP serves:
//
//	/                      the show
//	/episodes/ID/          one episode
//	/media/ID              an episode's local audio file, for the player
//	/feed/NAME             the files the build would publish (feed.xml, feed.xsl, chapters/…)
//	/_/events              live reload (server-sent events: the build's number)
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "only GET", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/_/events":
		s.events(w, r)
	case p == "/":
		s.page(w, "index", s.build(), nil)
	case strings.HasPrefix(p, "/episodes/"):
		id := strings.TrimSuffix(strings.TrimPrefix(p, "/episodes/"), "/")
		b := s.build()
		if ep := b.episode(id); ep != nil {
			if !strings.HasSuffix(p, "/") {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
			s.page(w, "episode", b, ep)
			return
		}
		s.notFound(w, b)
	case strings.HasPrefix(p, "/media/"):
		b := s.build()
		ep := b.episode(strings.TrimPrefix(p, "/media/"))
		if ep == nil || ep.Audio == "" || b.Media == nil {
			s.notFound(w, b)
			return
		}
		s.media(w, r, b.Media, ep)
	case strings.HasPrefix(p, "/feed/"):
		b := s.build()
		name := strings.TrimPrefix(p, "/feed/")
		data, ok := b.file(name)
		if !ok {
			s.notFound(w, b)
			return
		}
		w.Header().Set("Content-Type", contentType(name))
		w.Header().Set("Cache-Control", "no-store")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
	default:
		s.notFound(w, s.build())
	}
}

// media serves an episode's local audio file, a regular file in the show
// folder, with Range requests (the player seeks with them).
func (s *Server) media(w http.ResponseWriter, r *http.Request, fsys fs.FS, ep *Episode) {
	f, err := fsys.Open(ep.Audio)
	if err != nil {
		http.Error(w, "no such audio file in the show folder", http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	rs, ok := f.(io.ReadSeeker)
	if err != nil || !st.Mode().IsRegular() || !ok {
		http.Error(w, "not a regular file", http.StatusNotFound)
		return
	}
	if ep.Item.Enclosure != nil && ep.Item.Enclosure.Type != "" {
		w.Header().Set("Content-Type", ep.Item.Enclosure.Type)
	}
	http.ServeContent(w, r, "", st.ModTime(), rs)
}

func (b *Build) episode(id string) *Episode {
	if b == nil {
		return nil
	}
	for i := range b.Episodes {
		if b.Episodes[i].ID == id {
			return &b.Episodes[i]
		}
	}
	return nil
}

func (b *Build) file(name string) ([]byte, bool) {
	if b == nil || b.Files == nil {
		return nil, false
	}
	data, ok := b.Files[path.Clean(name)]
	return data, ok
}

// contentType is the type each published file is served with: the feed
// as application/xml, which apps accept and which makes browsers apply
// feed.xsl (Chromium shows application/rss+xml as plain text), the
// stylesheet as XSL.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".xml":
		if path.Base(name) == "atom.xml" {
			return "application/atom+xml"
		}
		return "application/xml; charset=utf-8"
	case ".xsl":
		return "text/xsl"
	case ".json":
		return "application/json"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

type pageData struct {
	*Build
	Ep                      *Episode
	Errs, Warns, Infos      int
	Page                    string
	StatusCode              int
	NotFound                bool
	ShowTitle, HasStyledXSL bool
}

func (s *Server) page(w http.ResponseWriter, name string, b *Build, ep *Episode) {
	s.render(w, name, b, ep, http.StatusOK)
}

func (s *Server) notFound(w http.ResponseWriter, b *Build) {
	s.render(w, "notfound", b, nil, http.StatusNotFound)
}

func (s *Server) render(w http.ResponseWriter, name string, b *Build, ep *Episode, code int) {
	if b == nil {
		b = &Build{}
	}
	d := pageData{Build: b, Ep: ep, Page: name}
	d.Errs, d.Warns, d.Infos = b.Counts()
	_, d.HasStyledXSL = b.file("feed.xsl")
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, d); err != nil {
		http.Error(w, fmt.Sprintf("preview: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// events streams the build number, now and after each Set: the pages'
// script reloads when it is not the one they show.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 500\n\n")
	for {
		b, changed := s.current()
		gen := 0
		if b != nil {
			gen = b.Gen
		}
		fmt.Fprintf(w, "data: %d\n\n", gen)
		fl.Flush()
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		}
	}
}

// notes is an episode's show notes as HTML, through bluemonday's policy
// for user content: the author's markup stays, scripts and event handlers
// do not.
func (s *Server) notes(html string) template.HTML {
	return template.HTML(s.policy.Sanitize(html))
}

// clockTime shows a duration as 1:04:12 or 3:20.
func clockTime(d time.Duration) string {
	t := int(d / time.Second)
	h, m, sec := t/3600, t%3600/60, t%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// worst is the most severe severity among fs ("" when none).
func worst(fs []Finding) string {
	w := ""
	for _, f := range fs {
		switch {
		case f.Severity == "error":
			return "error"
		case f.Severity == "warning":
			w = "warning"
		case w == "":
			w = "info"
		}
	}
	return w
}
