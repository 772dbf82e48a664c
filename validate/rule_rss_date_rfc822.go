package validate

func ruleRssDateRfc822() *Rule {
	return &Rule{
		Code:     "rss-date-rfc822",
		Title:    "Dates must be RFC 822 date-times",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APR, FV (InvalidRFC2822Date), RFC 822 §5.1",
		Since:    "v0.1.0",
		Doc: "`pubDate` and `lastBuildDate` are RFC 822 (RFC 2822) date-times such as " +
			"`Wed, 02 Oct 2002 13:00:00 GMT`. ISO 8601 dates or other shapes cannot be read by " +
			"strict parsers (error). Following catalogue §7, dates that are valid RFC 822 but " +
			"not what Apple asks for are warnings: an alphabetic US or military zone, a 2-digit " +
			"year, a day of the week that does not match the date. A numeric zone must be a real " +
			"offset: `-3000` or `+9900` is an error. A missing day of the week is valid RFC 822; " +
			"Apple's wish for one is apple-date-weekday, in the apple profile.",
		Hint: "Write dates as `Wed, 02 Oct 2002 13:00:00 +0000` (day of week, day, month, 4-digit year, 24-hour time, numeric zone or GMT).",
		Bad:  `<pubDate>2024-03-05T10:00:00Z</pubDate>`,
		Good: `<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>`,
		Refs: []string{"https://www.rssboard.org/rss-specification", "https://datatracker.ietf.org/doc/html/rfc822#section-5", "https://podcasters.apple.com/support/823-podcast-requirements"},
		Channel: func(p *Pass, ch *Node) {
			raCheckDate(p, ch, ch.Child(NSNone, "pubDate"))
			raCheckDate(p, ch, ch.Child(NSNone, "lastBuildDate"))
		},
		Item: func(p *Pass, it *Node) {
			raCheckDate(p, it, p.kid(it, ckPubDate))
		},
	}
}

func raCheckDate(p *Pass, parent, n *Node) {
	if n == nil {
		return
	}
	d := p.raDateOf(parent, n)
	switch {
	case !d.ok:
		p.Reportf(raTextPos(n), "<%s> %q is not an RFC 822 date-time: %s", n.Name(), raTrim(n.Text), d.why)
	case !d.strict:
		p.ReportSeverityf(Warning, raTextPos(n), "<%s> %q: %s", n.Name(), raTrim(n.Text), d.why)
	}
}
