package show

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders show notes: CommonMark with GitHub's extensions (tables,
// autolinks, strikethrough, task lists). A line break in the notes is a
// line break in the HTML, as in most podcast hosts' editors: show notes are
// written line by line (timestamp lists, credits). Raw HTML in the notes is
// kept: the notes are the podcaster's own text, and many paste embeds.
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown() *markdown {
	return &markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe(), html.WithHardWraps()),
	)}
}

func (m *markdown) render(src string) (string, error) {
	var sb strings.Builder
	sb.Grow(len(src) + len(src)/2)
	if err := m.md.Convert([]byte(src), &sb); err != nil {
		return "", err
	}
	return strings.TrimSpace(sb.String()), nil
}
