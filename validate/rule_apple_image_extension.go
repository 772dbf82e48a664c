package validate

import "strings"

func ruleAppleImageExtension() *Rule {
	return &Rule{
		Code:     "apple-image-extension",
		Title:    "itunes:image should end in .jpg, .jpeg or .png",
		Severity: Warning,
		Profiles: []Profile{ProfileApple, ProfileSpotify},
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide asks for artwork in JPEG or PNG whose URL ends in `.jpg` or `.png` " +
			"(`.jpeg` too). The extension is read from the last path segment, ignoring the query " +
			"string; a path without an extension whose query ends in one (`…/artwork?.jpg`, as " +
			"Buzzsprout writes them) is accepted, as Apple accepts it. Show artwork in another image " +
			"format (GIF, WebP, …) is an error: Apple rejects it. Spotify rejects show artwork in " +
			"those formats too (it takes JPEG, PNG and TIFF), so that one finding carries the " +
			"spotify profile and spotify-artwork does not say it again; the other findings are " +
			"Apple's alone. Whether the file really is JPEG or PNG is checked online " +
			"(apple-image-format).",
		Hint:    "Serve the artwork as a .jpg or .png file and link to that name.",
		Bad:     "<itunes:image href=\"https://example.com/artwork.webp\"/>",
		Good:    "<itunes:image href=\"https://example.com/artwork.jpg\"/>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { raCheckImageExt(p, ch.Child(NSItunes, "image"), true) },
		Item:    func(p *Pass, it *Node) { raCheckImageExt(p, p.kid(it, ckItImage), false) },
	}
}

func raCheckImageExt(p *Pass, img *Node, channel bool) {
	a, v, ok := raHTTPAttr(img, "href")
	if !ok {
		return
	}
	ext := raURLPathExt(v)
	if raImageExtOK(ext) {
		return
	}
	if channel && spotRejectsImageExt(ext) {
		// One fact for both directories: reported once, for both.
		p.ReportSeverityf(Error, a.Pos, "<%s> href %q is a .%s image; Apple takes show artwork only as JPEG or PNG, Spotify as JPEG, PNG or TIFF", img.Name(), a.Value, ext)
		return
	}
	if !raProfileOn(p.Config, ProfileApple) {
		return // the rest is Apple's alone
	}
	apple := raAppleProfiles()
	if ext == "" || !raOtherImageExt(ext) {
		// Hosts such as Buzzsprout serve artwork from a path without an
		// extension and end the query with one ("…/abc?.jpg"); Apple
		// accepts those.
		if q := raQuery(v); q != "" {
			if dot := strings.LastIndexByte(q, '.'); dot >= 0 && raImageExtOK(q[dot+1:]) {
				return
			}
		}
	}
	if ext == "" {
		p.reportFor(apple, Warning, a.Pos, "<%s> href %q has no file extension; Apple expects .jpg or .png", img.Name(), a.Value)
		return
	}
	if channel && raOtherImageExt(ext) {
		p.reportFor(apple, Error, a.Pos, "<%s> href %q is a .%s image; Apple rejects show artwork that is not JPEG or PNG", img.Name(), a.Value, ext)
		return
	}
	p.reportFor(apple, Warning, a.Pos, "<%s> href %q ends in .%s; Apple expects .jpg or .png", img.Name(), a.Value, ext)
}

// spotRejectsImageExt reports whether ext (any case) names an image
// format Spotify does not take as show artwork (it takes JPEG, PNG and
// TIFF); Apple rejects each of them too.
func spotRejectsImageExt(ext string) bool {
	for _, e := range [...]string{"gif", "webp", "svg", "bmp", "heic", "avif", "ico"} {
		if raEqualFold(ext, e) {
			return true
		}
	}
	return false
}

func raImageExtOK(ext string) bool {
	return raEqualFold(ext, "jpg") || raEqualFold(ext, "jpeg") || raEqualFold(ext, "png")
}

// raOtherImageExt reports whether ext names an image format other than
// JPEG and PNG, which Apple does not take as show artwork.
func raOtherImageExt(ext string) bool {
	for _, e := range [...]string{"gif", "webp", "bmp", "tif", "tiff", "svg", "heic", "heif", "avif", "ico"} {
		if raEqualFold(ext, e) {
			return true
		}
	}
	return false
}

// raQuery returns the query of URL s without its fragment ("" if none).
func raQuery(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[i+1:]
	}
	return ""
}
