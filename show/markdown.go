package show

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders show notes. Raw HTML in the notes is kept: the notes
// are the podcaster's own text, and many paste HTML embeds.
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown() *markdown {
	return &markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)}
}

func (m *markdown) render(src string) (string, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	if err := m.md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return string(bytes.TrimSpace(buf.Bytes())), nil
}
