package validate

func ruleRssEnclosureMultiple() *Rule {
	return &Rule{
		Code:     "rss-enclosure-multiple",
		Title:    "Only one <enclosure> per item is portable",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSSP, FV (DuplicateEnclosure), ISS anytime#78",
		Since:    "v0.1.0",
		Doc: "The RSS Best Practices Profile says an item should have at most one enclosure. " +
			"Apps pick the first one, the last one, or drop the item. Alternative formats or " +
			"qualities belong in `podcast:alternateEnclosure`.",
		Hint: "Keep one `<enclosure>` and move the other files to `podcast:alternateEnclosure`.",
		Bad:  "<enclosure url=\"…/ep.mp3\" …/><enclosure url=\"…/ep.m4a\" …/>",
		Good: "<enclosure url=\"…/ep.mp3\" …/><podcast:alternateEnclosure type=\"audio/mp4\" …>…</podcast:alternateEnclosure>",
		Refs: []string{"https://www.rssboard.org/rss-profile#element-channel-item-enclosure", "https://podcastindex.org/namespace/1.0#alternate-enclosure"},
		Item: func(p *Pass, it *Node) {
			if p.kids(it).count[ckEnclosure] < 2 {
				return
			}
			first := true
			p.eachKid(it, ckEnclosure, func(c *Node) {
				if first {
					first = false
					return
				}
				u, _ := raAttrValue(c, "url")
				p.Reportf(c.Pos, "a further <enclosure> (url %q): only one per item is portable", u)
			})
		},
	}
}
