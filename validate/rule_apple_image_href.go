package validate

func ruleAppleImageHref() *Rule {
	return &Rule{
		Code:     "apple-image-href",
		Title:    "itunes:image href must be an absolute https URL",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV",
		Since:    "v0.1.0",
		Doc: "Apple downloads the artwork from `href`, which must be an absolute URL. An `http:` " +
			"URL still works but is a warning: Apple's artwork requirements and most apps expect " +
			"HTTPS. Applies to the channel's and to episodes' `itunes:image`.",
		Hint:    "Use the full https URL of the artwork file.",
		Bad:     "<itunes:image href=\"artwork.jpg\"/>",
		Good:    "<itunes:image href=\"https://example.com/artwork.jpg\"/>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/896-artwork-requirements"},
		Channel: func(p *Pass, ch *Node) { raCheckImageHref(p, ch.Child(NSItunes, "image")) },
		Item:    func(p *Pass, it *Node) { raCheckImageHref(p, p.kid(it, ckItImage)) },
	}
}

func raCheckImageHref(p *Pass, img *Node) {
	if img == nil {
		return
	}
	a := img.Attr("href")
	if a == nil {
		return
	}
	v := raTrim(a.Value)
	ok, https := raHTTPURL(v)
	switch {
	case v == "":
		p.Reportf(a.Pos, "<%s> href is empty", img.Name())
	case !ok && raSpaced(v):
		p.Reportf(a.Pos, "<%s> href %q contains white space; write a space in a URL as %%20", img.Name(), a.Value)
	case !ok:
		p.Reportf(a.Pos, "<%s> href %q is not an absolute http(s) URL", img.Name(), a.Value)
	case !https:
		p.ReportSeverityf(Warning, a.Pos, "<%s> href %q uses http; serve artwork over https", img.Name(), a.Value)
	}
}
