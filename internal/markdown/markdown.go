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
package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
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
// trailing white space.
func (r *Renderer) Render(src string) (string, error) {
	if html, ok := renderFast(src); ok {
		return html, nil
	}
	return r.renderGoldmark(src)
}

// renderGoldmark renders src with goldmark alone.
func (r *Renderer) renderGoldmark(src string) (string, error) {
	w := &bufWriter{}
	w.sb.Grow(len(src) + len(src)/2)
	if err := r.md.Convert([]byte(src), w); err != nil {
		return "", err
	}
	return strings.TrimSpace(w.sb.String()), nil
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
