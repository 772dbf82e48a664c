package validate

func ruleRssDuplicateSingleton() *Rule {
	return &Rule{
		Code:     "rss-duplicate-singleton",
		Title:    "An element that may appear once is repeated",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, FV (DuplicateElement)",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 defines `title`, `link`, `description`, `language`, `pubDate`, `guid` and " +
			"the other channel and item elements as single values. When one repeats, apps keep " +
			"either the first or the last, so what listeners see depends on the app. " +
			"(Repeated enclosures are rss-enclosure-multiple.)",
		Hint:    "Keep one of the repeated elements and delete the others.",
		Bad:     "<item><title>One</title><title>Two</title>…</item>",
		Good:    "<item><title>One</title>…</item>",
		Refs:    []string{"https://www.rssboard.org/rss-specification"},
		Channel: func(p *Pass, ch *Node) { raDupSingletons(p, ch, raChannelSingleton) },
		Item:    func(p *Pass, it *Node) { raDupSingletons(p, it, raItemSingleton) },
	}
}

func raDupSingletons(p *Pass, parent *Node, single func(string) bool) {
	for i, c := range parent.Children {
		if c.Space != NSNone || !single(c.Local) {
			continue
		}
		for _, prev := range parent.Children[:i] {
			if prev.Space == NSNone && prev.Local == c.Local {
				p.Reportf(c.Pos, "<%s> repeats inside <%s> (first at line %d); it may appear only once", c.Local, parent.Local, prev.Pos.Line)
				break
			}
		}
	}
}

// raChannelSingleton reports whether an RSS 2.0 channel element may appear only once.
func raChannelSingleton(local string) bool {
	switch local {
	case "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays":
		return true
	}
	return false
}

// raItemSingleton reports whether an RSS 2.0 item element may appear only once.
func raItemSingleton(local string) bool {
	switch local {
	case "title", "link", "description", "author", "comments", "guid", "pubDate", "source":
		return true
	}
	return false
}
