package validate

func ruleAppleImageExtension() *Rule {
	return &Rule{
		Code:     "apple-image-extension",
		Title:    "itunes:image should end in .jpg, .jpeg or .png",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide asks for artwork in JPEG or PNG whose URL ends in `.jpg` or `.png` " +
			"(`.jpeg` too). The extension is read from the last path segment, ignoring the query " +
			"string. Whether the file really is JPEG or PNG is checked online (apple-image-format).",
		Hint:    "Serve the artwork as a .jpg or .png file and link to that name.",
		Bad:     "<itunes:image href=\"https://example.com/artwork.webp\"/>",
		Good:    "<itunes:image href=\"https://example.com/artwork.jpg\"/>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { raCheckImageExt(p, ch.Child(NSItunes, "image")) },
		Item:    func(p *Pass, it *Node) { raCheckImageExt(p, it.Child(NSItunes, "image")) },
	}
}

func raCheckImageExt(p *Pass, img *Node) {
	a, v, ok := raHTTPAttr(img, "href")
	if !ok {
		return
	}
	ext := raURLPathExt(v)
	if raEqualFold(ext, "jpg") || raEqualFold(ext, "jpeg") || raEqualFold(ext, "png") {
		return
	}
	if ext == "" {
		p.Reportf(a.Pos, "<%s> href %q has no file extension; Apple expects .jpg or .png", img.Name(), a.Value)
		return
	}
	p.Reportf(a.Pos, "<%s> href %q ends in .%s; Apple expects .jpg or .png", img.Name(), a.Value, ext)
}
