package validate

func rulePiFunding() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "url"), "podcast:funding", "url")
		if piVal(n) == "" {
			p.ReportSeverityf(Warning, n.Pos, "podcast:funding has no text; apps show it as the link's label (e.g. \"Support the show!\")")
		}
	}
	ch, it := piHooks("funding", check)
	return &Rule{
		Code:     "pi-funding",
		Title:    "podcast:funding lacks its url or label",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI funding",
		Since:    "v0.1.0",
		Doc: "`podcast:funding` links to a donation or membership page. `url` is required. The node " +
			"value is the label apps display with the link; an empty label is reported as a warning.",
		Hint:    "Give the url and a short label such as \"Support the show!\".",
		Bad:     "<podcast:funding>Support the show!</podcast:funding>",
		Good:    "<podcast:funding url=\"https://example.com/donate\">Support the show!</podcast:funding>",
		Refs:    []string{piRef("funding")},
		Channel: ch,
		Item:    it,
	}
}
