package validate

func ruleRssEnclosureType() *Rule {
	return &Rule{
		Code:     "rss-enclosure-type",
		Title:    "<enclosure> type must be a MIME type",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, FV",
		Since:    "v0.1.0",
		Doc: "`type` tells apps what kind of media the enclosure is, as a MIME type: " +
			"`type/subtype` made of token characters, optionally followed by `; name=value` " +
			"parameters. A file extension or a free-text label cannot be interpreted.",
		Hint: "Use a MIME type such as `audio/mpeg`, `audio/x-m4a` or `video/mp4`.",
		Bad:  `<enclosure url="…" length="123" type="mp3"/>`,
		Good: `<enclosure url="…" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt", "https://datatracker.ietf.org/doc/html/rfc6838"},
		Item: func(p *Pass, it *Node) {
			raEachEnclosureAttr(p, it, "type", func(_ *Node, a *Attr, v string) {
				if v != "" && !raMIMEValid(v) {
					p.Reportf(a.Pos, "enclosure type %q is not a MIME type (type/subtype)", a.Value)
				}
			})
		},
	}
}
