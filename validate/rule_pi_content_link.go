package validate

func rulePiContentLink() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "href"), "podcast:contentLink", "href")
		if piVal(n) == "" {
			p.ReportSeverityf(Warning, n.Pos, "podcast:contentLink has no text; it should say where the link goes (e.g. \"Watch on YouTube\")")
		}
	}
	ch, it := piHooks("contentLink", check)
	return &Rule{
		Code:     "pi-content-link",
		Title:    "podcast:contentLink lacks href or a description",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI content-link",
		Since:    "v0.1.0",
		Doc: "`podcast:contentLink` points at the content somewhere else (a live stream page, a video " +
			"site). `href` is required; the text tells the listener where the link goes (a missing " +
			"text is a warning).",
		Hint:    "Give href and a short description as the text.",
		Bad:     "<podcast:contentLink>YouTube</podcast:contentLink>",
		Good:    "<podcast:contentLink href=\"https://www.youtube.com/watch?v=1\">Watch on YouTube</podcast:contentLink>",
		Refs:    []string{piRef("content-link")},
		Channel: ch,
		Item:    it,
	}
}
