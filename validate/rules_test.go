package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The rule harness: every rule has a folder testdata/<code>/ with bad_*.xml
// fixtures, whose offending lines carry <!-- want code … --> (code:severity
// also asserts the finding's severity), and ok_*.xml
// neighbours that must not trigger the rule. Only the folder's own code is
// asserted; other rules may fire.
//
// For network rules the harness serves testdata/<code>/files/ over a
// loopback httptest server and replaces {{server}} in the fixture with its
// URL (line numbers are unchanged), then runs with Online and AllowPrivate.

var wantComment = regexp.MustCompile(`<!--\s*want\s+([a-z0-9 :-]+?)\s*-->`)

// fixtureWants returns code -> lines (one entry per expected finding).
func fixtureWants(src string) map[string][]int {
	out := map[string][]int{}
	for i, line := range strings.Split(src, "\n") {
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			for _, code := range strings.Fields(m[1]) {
				code, _, _ = strings.Cut(code, ":")
				out[code] = append(out[code], i+1)
			}
		}
	}
	return out
}

// fixtureSeverities returns code -> line -> severity for the expectations
// written code:severity.
func fixtureSeverities(src string) map[string]map[int]string {
	out := map[string]map[int]string{}
	for i, line := range strings.Split(src, "\n") {
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			for _, f := range strings.Fields(m[1]) {
				if code, sev, ok := strings.Cut(f, ":"); ok {
					if out[code] == nil {
						out[code] = map[int]string{}
					}
					out[code][i+1] = sev
				}
			}
		}
	}
	return out
}

// runFixture validates src with every profile; for network rules it
// serves dir/files and substitutes {{server}}.
func runFixture(t *testing.T, r *Rule, dir, path, src string) Result {
	t.Helper()
	cfg := Config{Path: path}
	if r.Network {
		srv := httptest.NewServer(fixtureHandler(filepath.Join(dir, "files")))
		t.Cleanup(srv.Close)
		src = strings.ReplaceAll(src, "{{server}}", srv.URL) // ASCII-compatible encodings only
		cfg.Online, cfg.AllowPrivate, cfg.Client = true, true, srv.Client()
	}
	res, err := Run(context.Background(), strings.NewReader(src), cfg)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res
}

// fixtureHandler serves root, and misbehaves under two path prefixes,
// for the rules about the feed URL: /no-head/… answers HEAD with 405
// Method Not Allowed, /huge/… serves the file padded with spaces to
// 6,000,000 bytes.
func fixtureHandler(root string) http.Handler {
	files := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/no-head/"):
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			http.StripPrefix("/no-head", files).ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, "/huge/"):
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/huge/"))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			b = append(b, bytes.Repeat([]byte(" "), 6_000_000-len(b))...)
			w.Header().Set("Content-Type", "application/rss+xml")
			http.ServeContent(w, r, path.Base(r.URL.Path), time.Time{}, bytes.NewReader(b))
		default:
			files.ServeHTTP(w, r)
		}
	})
}

func TestRuleFixtures(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.Code, func(t *testing.T) {
			dir := filepath.Join("testdata", r.Code)
			files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
			jsons, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			if len(files)+len(jsons) == 0 {
				t.Fatalf("no fixtures in %s (want bad_*.xml and ok_*.xml)", dir)
			}
			for _, f := range jsons {
				checkJSONFixture(t, r, f)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				dec, _ := decodeInput(strings.NewReader(string(b)))
				text, _ := io.ReadAll(dec)
				src := string(text)
				if !strings.Contains(src, "<!-- description:") {
					t.Errorf("%s: no <!-- description: … --> comment", f)
				}
				res := runFixture(t, r, dir, f, string(b))
				sevs := fixtureSeverities(src)[r.Code]
				var got []string
				for _, d := range res.Diagnostics {
					if d.Code == "internal-error" {
						t.Errorf("%s: %s", f, d.Message)
					}
					if d.Code == r.Code {
						got = append(got, fmt.Sprintf("%d", d.Pos.Line))
						if want, ok := sevs[d.Pos.Line]; ok && want != d.Severity.String() {
							t.Errorf("%s:%d: %s is %s, want %s: %s", f, d.Pos.Line, r.Code, d.Severity, want, d.Message)
						}
					}
				}
				var want []string
				for _, l := range fixtureWants(src)[r.Code] {
					want = append(want, fmt.Sprintf("%d", l))
				}
				judgeFixture(t, f, r.Code, got, want, res, "<!-- want "+r.Code+" --> on the offending line")
			}
		})
	}
}

// checkJSONFixture runs a chapter-file fixture. JSON has no comments, so
// the expectations sit beside it in <name>.want: a "# description: …"
// line, then one "want CODE LINE" line per expected finding.
func checkJSONFixture(t *testing.T, r *Rule, f string) {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	wantFile := strings.TrimSuffix(f, ".json") + ".want"
	spec, err := os.ReadFile(wantFile)
	if err != nil {
		t.Fatalf("%s: %v (JSON fixtures need a .want file)", f, err)
	}
	if !strings.Contains(string(spec), "# description:") {
		t.Errorf("%s: no # description: line", wantFile)
	}
	var want, got []string
	for _, line := range strings.Split(string(spec), "\n") {
		fs := strings.Fields(line)
		if len(fs) == 3 && fs[0] == "want" && fs[1] == r.Code {
			want = append(want, fs[2])
		}
	}
	res := Chapters(data, Config{Path: f})
	for _, d := range res.Diagnostics {
		if d.Code == r.Code {
			got = append(got, fmt.Sprintf("%d", d.Pos.Line))
		}
	}
	judgeFixture(t, f, r.Code, got, want, res, "a \"want "+r.Code+" LINE\" line in "+wantFile)
}

// judgeFixture compares the lines code fired at (got) with the expected
// ones: a bad_ fixture must match them exactly, an ok_ one must be silent.
// how says where a bad_ fixture writes its expectations.
func judgeFixture(t *testing.T, f, code string, got, want []string, res Result, how string) {
	t.Helper()
	slices.Sort(got)
	slices.Sort(want)
	switch base := filepath.Base(f); {
	case strings.HasPrefix(base, "bad_"):
		if len(want) == 0 {
			t.Errorf("%s: a bad_ fixture needs %s", f, how)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s at lines %v, want lines %v\n%s", f, code, got, want, describe(res, code))
		}
	case strings.HasPrefix(base, "ok_"):
		if len(got) > 0 {
			t.Errorf("%s: %s must not fire, got lines %v\n%s", f, code, got, describe(res, code))
		}
	default:
		t.Errorf("%s: fixture names start with bad_ or ok_", f)
	}
}

// describe lists the findings of one code, for failure messages.
func describe(res Result, code string) string {
	var sb strings.Builder
	for _, d := range res.Diagnostics {
		if d.Code == code {
			fmt.Fprintf(&sb, "\t%d:%d: %s: %s\n", d.Pos.Line, d.Pos.Col, d.Severity, d.Message)
		}
	}
	return sb.String()
}

// relativeLinksBySearch is relativeLinks as first written: a search for
// each attribute name in turn. FuzzRelativeLinks holds the one-pass
// version to it.
func relativeLinksBySearch(text string) (first string, n int) {
	if strings.IndexByte(text, '=') < 0 {
		return "", 0
	}
	for _, attr := range relAttrs {
		for rest := text; ; {
			k := strings.Index(rest, attr)
			if k < 0 {
				break
			}
			if k > 0 && !isSpace(rest[k-1]) {
				rest = rest[k+len(attr):]
				continue
			}
			rest = rest[k+len(attr):]
			if v, ok := relValue(rest); ok {
				if n == 0 {
					first = v
				}
				n++
			}
		}
	}
	return first, n
}

func FuzzRelativeLinks(f *testing.F) {
	for _, s := range []string{
		`<a href="/x">a</a> <img src='y.png'> <A HREF=z>`, `data-href="/no" href=href=/x`,
		`href="https://e.com/" src="//cdn/x" href="#top" HREF="mailto:&#97;@b"`, "href=", "=", "",
		`<p>src="a" SRC="b" src=c>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		f1, n1 := relativeLinks(s)
		f2, n2 := relativeLinksBySearch(s)
		if f1 != f2 || n1 != n2 {
			t.Errorf("relativeLinks(%q) = %q, %d; by search %q, %d", s, f1, n1, f2, n2)
		}
	})
}
