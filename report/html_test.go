package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/validate"
)

func writeHTMLString(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "html", in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLSelfContained: nothing in the page is fetched when it is viewed,
// and nothing runs.
func TestHTMLSelfContained(t *testing.T) {
	page := writeHTMLString(t, fixture())
	// The one link is the empty icon that keeps a browser from asking
	// for /favicon.ico.
	page = strings.Replace(page, `<link rel="icon" href="data:,">`, "", 1)
	for _, re := range []string{`<script`, `<link`, `<img`, `<iframe`, `\ssrc=`, `@import`, `url\(`, `@font-face`} {
		if regexp.MustCompile(re).MatchString(page) {
			t.Errorf("the page matches %s: it would fetch or run something", re)
		}
	}
	if !strings.Contains(page, `<meta name="viewport" content="width=device-width, initial-scale=1">`) {
		t.Errorf("the page has no viewport meta: it would not fit a phone")
	}
	// The message's markup is text.
	if !strings.Contains(page, "description uses &lt;strong&gt;, which Apple does not list") {
		t.Errorf("a message with markup is not escaped")
	}
}

// TestHTMLExcerpt checks the source lines: a long minified line is cut
// around the column, invalid UTF-8 counts one column a byte as the
// validator counts it, and a finding past the last line shows none.
func TestHTMLExcerpt(t *testing.T) {
	long := `<rss><channel>` + strings.Repeat(`<x a="1"/>`, 100) + `<bad attr="é"/>` + strings.Repeat(`<y/>`, 100) + `</channel></rss>`
	col := strings.Index(long, `<bad`) + 1 // ASCII before it: bytes = characters
	src := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + long + "\n<!-- caf\xe9 \xe9t\xe9 X -->\n"
	in := Input{Path: "f.xml", Source: []byte(src), Diagnostics: []validate.Diagnostic{
		{Code: "c-long", Severity: validate.Error, Message: "m1", Pos: validate.Pos{Line: 2, Col: col}},
		{Code: "c-latin", Severity: validate.Warning, Message: "m2", Pos: validate.Pos{Line: 3, Col: 15}},
		{Code: "c-past", Severity: validate.Info, Message: "m3", Pos: validate.Pos{Line: 99, Col: 1}},
	}}
	page := writeHTMLString(t, in)
	if !strings.Contains(page, `<td>…`+strings.Repeat(`&lt;x a=&#34;1&#34;/&gt;`, 6)+`<span class="col">&lt;</span>bad attr=`) {
		t.Errorf("the long line is not cut around the column:\n%s", page[strings.Index(page, "c-long"):][:2000])
	}
	first := page[strings.Index(page, `id="f1"`):strings.Index(page, `id="f2"`)]
	if strings.Count(first, `&lt;x a=`) > 10 {
		t.Errorf("the long line is shown whole")
	}
	// "<!-- caf\xe9 \xe9t\xe9 X": column 15 is the X (each \xe9 one column).
	if !strings.Contains(page, "caf\uFFFD \uFFFDt\uFFFD <span class=\"col\">X</span>") {
		t.Errorf("columns over invalid UTF-8 do not count bytes as the validator does:\n%s", page[strings.Index(page, "m2"):][:800])
	}
	if i := strings.Index(page, "m3"); i < 0 || strings.Contains(page[i:], `class="source"`) {
		t.Errorf("a finding past the end shows source lines")
	}
}

func TestHTMLWithoutSource(t *testing.T) {
	in := fixture()
	in.Source = nil
	page := writeHTMLString(t, in)
	if !strings.Contains(page, "no source lines are shown") || strings.Contains(page, `class="source"`) {
		t.Errorf("without the source the page should say so and show no lines")
	}
	if !strings.Contains(page, `id="channel"`) {
		t.Errorf("findings with a position are not under the channel without a source")
	}
}
