package markdown

import "net/url"

// Exported for the tests of package markdown_test.

func RenderFast(src string) (string, bool) {
	res, ok := renderFast(src, nil)
	return res.HTML, ok
}

func RenderFastNotes(src string, base *url.URL) (Result, bool) { return renderFast(src, base) }

func (r *Renderer) RenderGoldmark(src string) (string, error) {
	res, err := r.renderGoldmark(src, nil)
	return res.HTML, err
}

func (r *Renderer) RenderGoldmarkNotes(src string, base *url.URL) (Result, error) {
	return r.renderGoldmark(src, base)
}
