package validate

func rulePiTrailer() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "url"), "podcast:trailer", "url")
		if d := piRequire(p, n, "pubdate"); d != nil {
			if _, ok := piParseRFC2822(d.Value); !ok {
				p.Reportf(d.Pos, "podcast:trailer pubdate %q is not an RFC 2822 date such as \"Thu, 01 Apr 2021 08:00:00 EST\"", d.Value)
			}
		}
		if piVal(n) == "" {
			p.Reportf(n.Pos, "podcast:trailer has no title; the node value is required")
		}
		if a := n.Attr("length"); a != nil && !raIsDigits(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:trailer length %q is not a number of bytes", a.Value)
		}
		if a := n.Attr("type"); a != nil && !piIsMIME(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:trailer type %q is not a MIME type", a.Value)
		}
		if a := n.Attr("season"); a != nil && !piIsInt(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:trailer season %q is not an integer", a.Value)
		}
	}
	ch, _ := piHooks("trailer", check)
	return &Rule{
		Code:     "pi-trailer",
		Title:    "podcast:trailer lacks url, pubdate or title, or has an invalid attribute",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI trailer",
		Since:    "v0.1.0",
		Doc: "`podcast:trailer` is like an enclosure for a show or season trailer. `url`, `pubdate` (an " +
			"RFC 2822 date) and the title (node value) are required. `length` is a number of bytes, " +
			"`type` a MIME type and `season` an integer.",
		Hint:    "Give url, an RFC 2822 pubdate and a title.",
		Bad:     "<podcast:trailer url=\"https://example.com/t.mp3\" pubdate=\"2021-04-01\"/>",
		Good:    "<podcast:trailer url=\"https://example.com/t.mp3\" pubdate=\"Thu, 01 Apr 2021 08:00:00 EST\" length=\"12345678\" type=\"audio/mpeg\">Coming April 1st</podcast:trailer>",
		Refs:    []string{piRef("trailer")},
		Channel: ch,
	}
}
