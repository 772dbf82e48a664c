package validate

import "strings"

// piIsAspectRatio accepts a CSS <ratio>: a number, or number/number
// ("16/9", "1/1", and "1.9" as in the namespace's example feed).
func piIsAspectRatio(s string) bool {
	num, den, slash := s, "", false
	if i := strings.IndexByte(s, '/'); i >= 0 {
		num, den, slash = trimSpace(s[:i]), trimSpace(s[i+1:]), true
	}
	if !piIsDecimal(num) {
		return false
	}
	return !slash || piIsDecimal(den)
}

func rulePiImage() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "href"), "podcast:image", "href")
		if a := n.Attr("aspect-ratio"); a != nil && !piIsAspectRatio(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:image aspect-ratio %q is not a ratio such as \"16/9\"", a.Value)
		}
		for _, name := range [2]string{"width", "height"} {
			if a := n.Attr(name); a != nil && !raIsDigits(trimSpace(a.Value)) {
				p.Reportf(a.Pos, "podcast:image %s %q is not a whole number of pixels", name, a.Value)
			}
		}
		if a := n.Attr("type"); a != nil && !piIsMIME(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:image type %q is not a MIME type", a.Value)
		}
	}
	ch, it := piHooks("image", check)
	return &Rule{
		Code:     "pi-image",
		Title:    "podcast:image lacks href, or has an invalid size, ratio or type",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI image",
		Since:    "v0.1.0",
		Doc: "`podcast:image` offers artwork in any shape and format. `href` is required. " +
			"`aspect-ratio` follows CSS (`16/9`, `1/1`, or a single number), `width` and `height` are " +
			"pixels, `type` is a MIME type (video/mp4 and WebP are fine) and `purpose` is a list of " +
			"tokens. Without attributes the image is taken to be square.",
		Hint:    "Give href, and write width/height as integers and aspect-ratio as W/H.",
		Bad:     "<podcast:image href=\"https://example.com/a.jpg\" width=\"3000px\" aspect-ratio=\"wide\"/>",
		Good:    "<podcast:image href=\"https://example.com/a.jpg\" width=\"3000\" aspect-ratio=\"16/9\" purpose=\"social\"/>",
		Refs:    []string{piRef("image")},
		Channel: ch,
		Item:    it,
	}
}
