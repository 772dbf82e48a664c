package validate

func ruleRssEnclosureLengthInt() *Rule {
	return &Rule{
		Code:     "rss-enclosure-length-int",
		Title:    "<enclosure> length must be a whole number of bytes",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, FV",
		Since:    "v0.1.0",
		Doc: "`length` is the size of the media file in bytes: a non-negative integer, with " +
			"no decimals, units, separators or minus sign. Apps use it for download progress " +
			"and storage estimates.",
		Hint: "Write the file size in bytes, digits only, e.g. `length=\"34216300\"`.",
		Bad:  `<enclosure url="…" length="34.2 MB" type="audio/mpeg"/>`,
		Good: `<enclosure url="…" length="34216300" type="audio/mpeg"/>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt"},
		Item: func(p *Pass, it *Node) {
			raEachEnclosureAttr(p, it, "length", func(_ *Node, a *Attr, v string) {
				if v != "" && !raIsDigits(v) {
					p.Reportf(a.Pos, "enclosure length %q is not a non-negative whole number of bytes", a.Value)
				}
			})
		},
	}
}
