package validate

func ruleRssEnclosureUrl() *Rule {
	return &Rule{
		Code:     "rss-enclosure-url",
		Title:    "<enclosure> url must be an absolute http(s) URL",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APR",
		Since:    "v0.1.0",
		Doc: "Apps download the episode from the enclosure `url`, so it must be an absolute " +
			"`http:` or `https:` URL with a host and no spaces. Relative and protocol-relative " +
			"(`//host/file.mp3`) URLs have no base to resolve against in most apps. It must point " +
			"at the media file itself: a URL ending in `.html` is a player page.",
		Hint: "Write the full URL, e.g. `https://media.example.com/ep1.mp3`, and percent-encode spaces as `%20`.",
		Bad:  `<enclosure url="/media/ep 1.mp3" length="123" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://example.com/media/ep%201.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt"},
		Item: func(p *Pass, it *Node) {
			raEachEnclosureAttr(p, it, "url", func(_ *Node, a *Attr, v string) {
				if v == "" {
					return
				}
				if ok, _ := p.httpURL(it, v); !ok {
					p.Reportf(a.Pos, "enclosure url %q is not an absolute http(s) URL without spaces", a.Value)
					return
				}
				if ext := p.urlPathExt(it, v); raEqualFold(ext, "html") || raEqualFold(ext, "htm") {
					p.Reportf(a.Pos, "enclosure url %q is a web page, not the media file", a.Value)
				}
			})
		},
	}
}
