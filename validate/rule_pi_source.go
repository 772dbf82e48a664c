package validate

func rulePiSource() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "uri"), "podcast:source", "uri")
		if a := n.Attr("contentType"); a != nil && !piIsMIME(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:source contentType %q is not a MIME type", a.Value)
		}
	}
	ch, it := piHooks("source", check)
	return &Rule{
		Code:     "pi-source",
		Title:    "podcast:source lacks uri, or its contentType is not a MIME type",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI source",
		Since:    "v0.1.0",
		Doc: "`podcast:source` gives one location of an alternate enclosure. `uri` is required and may " +
			"use any scheme (https:, ipfs:, magnet:, …); the optional `contentType` is a MIME type.",
		Hint:    "Give the media's URI in uri=\"…\".",
		Bad:     "<podcast:source url=\"https://example.com/ep1.opus\"/>",
		Good:    "<podcast:source uri=\"https://example.com/ep1.opus\"/>",
		Refs:    []string{piRef("source")},
		Channel: ch,
		Item:    it,
	}
}
