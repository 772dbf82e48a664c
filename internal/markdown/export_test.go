package markdown

// Exported for the tests of package markdown_test.
var RenderFast = renderFast

func (r *Renderer) RenderGoldmark(src string) (string, error) { return r.renderGoldmark(src) }
