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

func raDupSingletons(p *Pass, parent *Node, single func(string) int) {
	var seen uint32
	for i, c := range parent.Children {
		if c.Space != NSNone {
			continue
		}
		bit := single(c.Local)
		if bit < 0 {
			continue
		}
		if seen&(1<<bit) == 0 {
			seen |= 1 << bit
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

// raChannelSingleton numbers the RSS 2.0 channel elements that may appear
// only once; -1 for the others.
func raChannelSingleton(local string) int {
	switch local {
	case "title":
		return 0
	case "link":
		return 1
	case "description":
		return 2
	case "language":
		return 3
	case "copyright":
		return 4
	case "managingEditor":
		return 5
	case "webMaster":
		return 6
	case "pubDate":
		return 7
	case "lastBuildDate":
		return 8
	case "generator":
		return 9
	case "docs":
		return 10
	case "cloud":
		return 11
	case "ttl":
		return 12
	case "image":
		return 13
	case "rating":
		return 14
	case "textInput":
		return 15
	case "skipHours":
		return 16
	case "skipDays":
		return 17
	}
	return -1
}

// raItemSingleton numbers the RSS 2.0 item elements that may appear only
// once; -1 for the others.
func raItemSingleton(local string) int {
	switch local {
	case "title":
		return 0
	case "link":
		return 1
	case "description":
		return 2
	case "author":
		return 3
	case "comments":
		return 4
	case "guid":
		return 5
	case "pubDate":
		return 6
	case "source":
		return 7
	}
	return -1
}
