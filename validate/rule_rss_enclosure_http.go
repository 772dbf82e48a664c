package validate

func ruleRssEnclosureHTTP() *Rule {
	return &Rule{
		Code:     "rss-enclosure-http",
		Title:    "Enclosure URL uses plain http",
		Severity: Warning,
		Profiles: consAllProfiles(),
		Source:   "PI-1.0, RFW, APR",
		Since:    "v0.1.0",
		Doc: "An `http:` enclosure can be altered on the way, is blocked or warned about by some " +
			"apps and browsers (App Transport Security, mixed content in web players), and gives " +
			"listeners no assurance it comes from you. This is checked without going online, for " +
			"every item, as `apple-image-href` checks artwork; `net-https` (with `--online`) " +
			"adds https URLs whose redirects end on `http:`.",
		Hint: "Serve the media over HTTPS and write the https: URL in the enclosure.",
		Bad:  `<enclosure url="http://media.example.com/ep1.mp3" length="24000000" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="24000000" type="audio/mpeg"/>`,
		Refs: []string{
			"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
			"http://rfwilmut.net/notes/podcast.html",
		},
		Item: func(p *Pass, it *Node) {
			p.eachKid(it, ckEnclosure, func(c *Node) {
				if a := c.Attr("url"); a != nil && isHTTPURL(a.Value) {
					p.Reportf(a.Pos, "enclosure url %q uses http:; serve the media over https", trimSpace(a.Value))
				}
			})
		},
	}
}

// isHTTPURL reports whether u is a plain http: URL.
func isHTTPURL(u string) bool {
	u = trimSpace(u)
	return len(u) > 7 && raEqualFold(u[:7], "http://")
}
