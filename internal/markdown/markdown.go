// Package markdown renders show notes from Markdown to HTML.
//
// The dialect is goldmark's CommonMark with GitHub's extensions (tables,
// autolinks, strikethrough, task lists), raw HTML kept, and every line
// break in a paragraph rendered as a line break: show notes are written
// line by line (timestamp lists, credits), as in most podcast hosts'
// editors.
//
// goldmark is the definition of the output. Most show notes use only a
// small part of Markdown (paragraphs, headings, simple lists, emphasis and
// inline links), and for that part a direct renderer (fast.go) writes the
// same bytes as goldmark in a fraction of the time and memory; a note
// that uses anything else, or anything the direct renderer is not sure
// about, goes to goldmark. The equality is a test (a table, the corpus's
// notes and a fuzz target comparing the two).
//
// Notes are read in podcast apps, far from the show's web site, so a
// relative link ("/about", "img/a.png") would lead nowhere: RenderNotes
// resolves the destinations of links and images against a base URL (the
// show's web page) and reports the relative ones it found, on both paths
// alike.
package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Renderer renders notes. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer.
func New() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe(), html.WithHardWraps()),
	)}
}

// Render returns the HTML for the Markdown src, without leading or
// trailing white space. Link destinations are written as they are.
func (r *Renderer) Render(src string) (string, error) {
	res, err := r.RenderNotes(src, nil)
	return res.HTML, err
}

// Link is a relative destination of a link or image: a path or a
// protocol-relative "//host/…", not a URL with a scheme nor an in-page
// "#fragment".
type Link struct {
	Dest   string // as written
	Offset int    // where the link starts in the source: its "[" (or the "!" of an image)
}

// Result is what RenderNotes makes of notes.
type Result struct {
	HTML     string // without leading or trailing white space
	Relative []Link // in the order they appear; nil when there are none
}

// RenderNotes renders src as Render does, with the relative destinations
// of its links and images resolved against base (as a browser on the
// page base would), and reports them. A nil base leaves them as written.
func (r *Renderer) RenderNotes(src string, base *url.URL) (Result, error) {
	if res, ok := renderFast(src, base); ok {
		return res, nil
	}
	return r.renderGoldmark(src, base)
}

// renderGoldmark renders src with goldmark alone.
func (r *Renderer) renderGoldmark(src string, base *url.URL) (Result, error) {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	var res Result
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		d := string(*dest)
		if !relative(d) {
			return ast.WalkContinue, nil
		}
		res.Relative = append(res.Relative, Link{Dest: d, Offset: linkStart(n, source)})
		if abs, ok := resolve(base, d); ok {
			*dest = []byte(abs)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return Result{}, err
	}
	w := &bufWriter{}
	w.sb.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(w, source, doc); err != nil {
		return Result{}, err
	}
	res.HTML = strings.TrimSpace(w.sb.String())
	return res, nil
}

// linkStart finds where link or image n starts in source: its "[" (or
// "!["), found back from its first text; for a link without text, the
// start of its block.
func linkStart(n ast.Node, source []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			i := t.Segment.Start
			for i > 0 && source[i-1] != '[' {
				i--
			}
			if i > 0 {
				i--
				if _, img := n.(*ast.Image); img && i > 0 && source[i-1] == '!' {
					i--
				}
			}
			return i
		}
	}
	// No text ("![](img/a.png)"): the "](" before the destination, after
	// the text of whatever precedes n in its block.
	lo := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			lo = p.Lines().At(0).Start
			break
		}
	}
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		if stop := lastTextStop(s); stop > lo {
			lo = stop
			break
		}
	}
	var dest []byte
	switch n := n.(type) {
	case *ast.Link:
		dest = n.Destination
	case *ast.Image:
		dest = n.Destination
	}
	if lo <= len(source) && len(dest) > 0 {
		rest := source[lo:]
		for _, open := range []string{"](", "](<"} {
			if i := bytes.Index(rest, append([]byte(open), dest...)); i >= 0 {
				i += lo - 1 // the "[" of an empty text
				if _, img := n.(*ast.Image); img && i > 0 && source[i-1] == '!' {
					i--
				}
				return i
			}
		}
	}
	return lo
}

// lastTextStop is where the last text in n ends in the source; 0 when n
// holds none.
func lastTextStop(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Stop
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if stop := lastTextStop(c); stop > 0 {
			return stop
		}
	}
	return 0
}

// relative reports whether a destination is relative: not empty, not an
// in-page "#fragment", and without a scheme ("https:", "mailto:", "tel:").
func relative(d string) bool {
	if d == "" || d[0] == '#' {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		switch {
		case c == ':':
			return i == 0 // "scheme:" needs a scheme
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return true
		}
	}
	return true
}

// resolve resolves d against base, as a browser would; ok is false when
// base is nil or d is not a URL reference.
func resolve(base *url.URL, d string) (string, bool) {
	if base == nil {
		return "", false
	}
	u, err := url.Parse(d)
	if err != nil {
		return "", false
	}
	return base.ResolveReference(u).String(), true
}

// bufWriter is goldmark's util.BufWriter over a strings.Builder: given
// one, goldmark writes straight into it instead of through a 4 KB
// bufio.Writer of its own per note.
type bufWriter struct {
	sb strings.Builder
}

func (w *bufWriter) Write(p []byte) (int, error)       { return w.sb.Write(p) }
func (w *bufWriter) WriteString(s string) (int, error) { return w.sb.WriteString(s) }
func (w *bufWriter) WriteByte(c byte) error            { return w.sb.WriteByte(c) }
func (w *bufWriter) WriteRune(r rune) (int, error)     { return w.sb.WriteRune(r) }
func (w *bufWriter) Available() int                    { return w.sb.Cap() - w.sb.Len() }
func (w *bufWriter) Buffered() int                     { return 0 }
func (w *bufWriter) Flush() error                      { return nil }
