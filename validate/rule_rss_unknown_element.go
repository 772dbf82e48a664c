package validate

const (
	raChannelKnown = "title|link|description|language|copyright|managingEditor|webMaster|pubDate|lastBuildDate|category|generator|docs|cloud|ttl|image|rating|textInput|skipHours|skipDays|item"
	raItemKnown    = "title|link|description|author|category|comments|enclosure|guid|pubDate|source"
)

func ruleRssUnknownElement() *Rule {
	return &Rule{
		Code:     "rss-unknown-element",
		Title:    "Element not defined by RSS 2.0",
		Severity: Info,
		Profiles: raRSSProfiles(),
		Source:   "FV, ISS feedvalidator#178/#179",
		Since:    "v0.1.0",
		Doc: "An element without a namespace that RSS 2.0 does not define in the channel or an " +
			"item is ignored by apps. It is often a misspelling (`<pubdate>`, `<Title>`) or an " +
			"extension element that lost its namespace prefix. Elements in a namespace " +
			"(itunes, podcast, Podlove, Google, Spotify, media, …) are never reported here.",
		Hint:    "Fix the element's spelling (names are case-sensitive), or put an extension element in its namespace.",
		Bad:     "<item><pubdate>Tue, 05 Mar 2024 10:00:00 GMT</pubdate></item>",
		Good:    "<item><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>",
		Refs:    []string{"https://www.rssboard.org/rss-specification"},
		Channel: func(p *Pass, ch *Node) { raUnknown(p, ch, raChannelElement, raChannelKnown) },
		Item:    func(p *Pass, it *Node) { raUnknown(p, it, raItemElement, raItemKnown) },
	}
}

func raUnknown(p *Pass, parent *Node, known func(string) bool, list string) {
	for _, c := range parent.Children {
		if c.Space != NSNone || c.Prefix != "" || known(c.Local) {
			continue
		}
		if f, ok := raInListFold(list, c.Local); ok {
			p.Reportf(c.Pos, "<%s> is not an RSS element of <%s>; names are case-sensitive: did you mean <%s>?", c.Local, parent.Local, f)
			continue
		}
		p.Reportf(c.Pos, "<%s> is not an RSS 2.0 element of <%s> and is ignored by apps", c.Local, parent.Local)
	}
}

// raChannelElement reports whether RSS 2.0 defines local as a channel element.
func raChannelElement(local string) bool {
	switch local {
	case "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "item":
		return true
	}
	return false
}

// raItemElement reports whether RSS 2.0 defines local as an item element.
func raItemElement(local string) bool {
	switch local {
	case "title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source":
		return true
	}
	return false
}
