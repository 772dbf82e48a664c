package validate

func ruleRssLinkUrl() *Rule {
	return &Rule{
		Code:     "rss-link-url",
		Title:    "<link> must be an absolute URL",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS",
		Since:    "v0.1.0",
		Doc: "The channel and item `<link>` are opened by apps in a browser; a relative or " +
			"malformed URL has no base to resolve against and leads nowhere.",
		Hint:    "Write the full URL, starting with `https://`.",
		Bad:     "<link>/episodes/42</link>",
		Good:    "<link>https://example.com/episodes/42</link>",
		Refs:    []string{"https://www.rssboard.org/rss-specification"},
		Channel: func(p *Pass, ch *Node) { raCheckLink(p, ch.Child(NSNone, "link")) },
		Item:    func(p *Pass, it *Node) { raCheckLink(p, p.kid(it, ckLink)) },
	}
}

func raCheckLink(p *Pass, l *Node) {
	if l == nil {
		return
	}
	v := raTrim(l.Text)
	if v == "" {
		return
	}
	scheme, _ := raURLScheme(v)
	if scheme == "" {
		p.Reportf(raTextPos(l), "<link> %q is not an absolute URL", v)
		return
	}
	if raEqualFold(scheme, "http") || raEqualFold(scheme, "https") {
		if ok, _ := raHTTPURL(v); !ok {
			p.Reportf(raTextPos(l), "<link> %q is not a valid absolute URL (no host, or white space inside)", v)
		}
	}
}
