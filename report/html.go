package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/pagestyle"
	"github.com/podfeed/podfeed/internal/xmlspot"
	"github.com/podfeed/podfeed/validate"
)

// The html format: one self-contained page (inline CSS, no script, no
// font or image fetched) with the counts by severity, a table by rule
// linking each rule's docs, and the findings grouped by the element they
// are in (the channel, or each item with its title), each with the source
// lines around it and its column marked. Source lines need Input.Source.

//go:embed html.tmpl
var htmlSource string

var htmlTmpl = template.Must(template.New("html").Parse(htmlSource))

// excerptCap is how many findings get source lines: past it the page
// would grow by a kilobyte a finding for little use.
const excerptCap = 2000

// Excerpt geometry: lines of context either side, and how much of a line
// is shown (around the column on the finding's own line).
const (
	contextLines = 2
	keepBefore   = 60
	keepAfter    = 100
	keepLine     = 160
)

type htmlReport struct {
	Path, Version           string
	CSS                     template.CSS
	Errors, Warnings, Infos int
	Rules                   []htmlRule
	Groups                  []*htmlGroup
	NoSource, Unexcerpted   bool
	ExcerptCap              int
}

type htmlRule struct {
	Sev, Code, Title, URL string
	Count                 int
}

type htmlGroup struct {
	ID, Title, Sub string
	Count          int
	Findings       []htmlFinding
	order          int // -2 document, -1 channel, else the item
}

type htmlFinding struct {
	ID, Sev, Code, URL, Message, Hint, Element, More string
	Line, Col                                        int
	Excerpt                                          []htmlLine
}

type htmlLine struct {
	N                 int
	Hit               bool
	Before, At, After string
}

func writeHTML(w io.Writer, in Input) error {
	r := htmlReport{Path: in.Path, Version: in.ToolVersion, CSS: template.CSS(pagestyle.CSS), ExcerptCap: excerptCap}
	if r.Path == "" || r.Path == "-" {
		r.Path = "standard input"
	}
	titles := map[string]string{}
	for _, rule := range in.Rules {
		titles[rule.Code] = rule.Title
	}
	urls := map[string]string{}
	for _, d := range in.Diagnostics {
		if d.URL != "" && urls[d.Code] == "" {
			urls[d.Code] = d.URL
		}
		switch n := d.Occurrences(); d.Severity {
		case validate.Error:
			r.Errors += n
		case validate.Warning:
			r.Warnings += n
		default:
			r.Infos += n
		}
	}
	docURL := func(code string) string {
		if u := urls[code]; u != "" {
			return u
		}
		return validate.DocsURL(in.DocsRef, code)
	}
	for _, c := range countByCode(in.Diagnostics) {
		r.Rules = append(r.Rules, htmlRule{Sev: c.sev.String(), Code: c.code, Title: titles[c.code], URL: docURL(c.code), Count: c.count})
	}

	var ol *xmlspot.Index
	if in.Source != nil {
		ol = xmlspot.New(in.Source)
	} else {
		r.NoSource = len(in.Diagnostics) > 0
	}
	groups := map[int]*htmlGroup{}
	for i, d := range in.Diagnostics {
		// Findings without a position are about the document as a whole;
		// the others are in an item, or else in the channel.
		item, path := -1, []string(nil)
		order := -2
		if d.Pos.Line > 0 {
			if ol != nil {
				item, path = ol.Names(d.Pos.Line, d.Pos.Col)
			}
			order = max(item, -1)
		}
		g := groups[order]
		if g == nil {
			g = &htmlGroup{order: order}
			switch {
			case order == -2:
				g.ID, g.Title = "document", "The document"
			case order == -1:
				g.ID, g.Title = "channel", "The channel"
			default:
				it := ol.Items()[item]
				g.ID = "item-" + strconv.Itoa(item+1)
				g.Title = "Item " + strconv.Itoa(item+1)
				if it.Title != "" {
					g.Title += ": " + it.Title
				}
				g.Sub = fmt.Sprintf("lines %d–%d", ol.LineOf(it.Start), ol.LineOf(max(it.Start, it.End-1)))
			}
			groups[order] = g
		}
		f := htmlFinding{
			ID: "f" + strconv.Itoa(i+1), Sev: d.Severity.String(), Code: d.Code, URL: docURL(d.Code),
			Message: d.Message, Hint: d.Hint, Line: d.Pos.Line, Col: d.Pos.Col,
			Element: strings.Join(path, " › "),
		}
		if m := d.More; m != nil {
			f.More = moreText(m)
		}
		if ol != nil && d.Pos.Line > 0 {
			if i < excerptCap {
				f.Excerpt = excerpt(ol, d.Pos)
			} else {
				r.Unexcerpted = true
			}
		}
		g.Findings = append(g.Findings, f)
		g.Count += d.Occurrences()
	}
	for order := -2; order < len(groupsItems(ol)); order++ {
		if g := groups[order]; g != nil {
			r.Groups = append(r.Groups, g)
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := htmlTmpl.Execute(bw, r); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	return nil
}

func groupsItems(ol *xmlspot.Index) []xmlspot.Item {
	if ol == nil {
		return nil
	}
	return ol.Items()
}

// moreText describes the repeats a finding stands for.
func moreText(m *validate.Repeats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d findings of this kind in all; their lines:", m.Count)
	for i, p := range m.Positions {
		if i == 50 {
			b.WriteString(" …")
			break
		}
		fmt.Fprintf(&b, " %d", p.Line)
	}
	fmt.Fprintf(&b, "; the last at line %d, column %d.", m.Last.Line, m.Last.Col)
	return b.String()
}

// excerpt returns the lines around p, the character at p's column marked.
func excerpt(ol *xmlspot.Index, p validate.Pos) []htmlLine {
	var out []htmlLine
	for n := max(1, p.Line-contextLines); n <= p.Line+contextLines && n <= ol.Lines(); n++ {
		text := toText(ol.Line(n))
		if n != p.Line {
			out = append(out, htmlLine{N: n, After: clip(text, keepLine)})
			continue
		}
		runes := []rune(text)
		c := min(max(p.Col-1, 0), len(runes))
		from := max(0, c-keepBefore)
		before := string(runes[from:c])
		if from > 0 {
			before = "…" + before
		}
		at, after := " ", ""
		if c < len(runes) {
			at = string(runes[c])
			to := min(len(runes), c+1+keepAfter)
			after = string(runes[c+1 : to])
			if to < len(runes) {
				after += "…"
			}
		}
		out = append(out, htmlLine{N: n, Hit: true, Before: before, At: at, After: after})
	}
	return out
}

// toText turns a line's bytes into text the way the validator counts
// columns: each byte of an invalid UTF-8 sequence is one character (shown
// as U+FFFD); tabs become spaces so the page does not stretch.
func toText(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			s.WriteRune(utf8.RuneError)
		case r == '\t':
			s.WriteByte(' ')
		default:
			s.WriteRune(r)
		}
		b = b[max(size, 1):]
	}
	return s.String()
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
