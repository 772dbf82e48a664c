package validate

func ruleRssEnclosureAttrs() *Rule {
	return &Rule{
		Code:     "rss-enclosure-attrs",
		Title:    "<enclosure> needs url, length and type",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APR, SPOT §5.17, ISS AntennaPod#2074",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 makes `url`, `length` and `type` all required on `<enclosure>`. Spotify " +
			"rejects episodes without them and apps such as AntennaPod drop such enclosures.",
		Hint: "Give the enclosure all three attributes: `url`, `length` (bytes) and `type` (MIME type).",
		Bad:  `<enclosure url="https://example.com/ep.mp3"/>`,
		Good: `<enclosure url="https://example.com/ep.mp3" length="12345678" type="audio/mpeg"/>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt"},
		Item: func(p *Pass, it *Node) {
			p.eachKid(it, ckEnclosure, func(c *Node) {
				for _, name := range [...]string{"url", "length", "type"} {
					a := c.Attr(name)
					switch {
					case a == nil:
						p.Reportf(c.Pos, "<enclosure> has no %s attribute", name)
					case raTrim(a.Value) == "":
						p.Reportf(a.Pos, "<enclosure> %s is empty", name)
					}
				}
			})
		},
	}
}
