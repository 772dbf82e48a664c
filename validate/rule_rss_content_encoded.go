package validate

func ruleRssContentEncoded() *Rule {
	return &Rule{
		Code:     "rss-content-encoded",
		Title:    "content:encoded belongs in an item or the channel, as text",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "APR, RSSC",
		Since:    "v0.1.0",
		Doc: "`content:encoded` carries the full HTML show notes of an item (or the channel). It " +
			"is read only as a direct child of `<item>` or `<channel>`, and its HTML must be text: " +
			"wrapped in CDATA or escaped. Markup written as raw XML elements inside it is not " +
			"HTML to readers: most of them drop it. (Its namespace URI is checked by " +
			"xml-content-ns-uri; CDATA and escaping are equally fine, catalogue §7.)",
		Hint:    "Put `content:encoded` directly in the item and wrap its HTML in `<![CDATA[ … ]]>`.",
		Bad:     "<content:encoded><p>Show notes</p></content:encoded>",
		Good:    "<content:encoded><![CDATA[<p>Show notes</p>]]></content:encoded>",
		Refs:    []string{"https://web.resource.org/rss/1.0/modules/content/", "https://podcasters.apple.com/support/823-podcast-requirements"},
		Channel: func(p *Pass, ch *Node) { raContentEncoded(p, ch) },
		Item:    func(p *Pass, it *Node) { raContentEncoded(p, it) },
	}
}

func raContentEncoded(p *Pass, parent *Node) {
	for _, c := range parent.Children {
		if c.Space == NSContent && c.Local == "encoded" {
			if len(c.Children) > 0 {
				p.Reportf(c.Children[0].Pos, "<%s> holds the raw XML element <%s>; wrap its HTML in CDATA or escape it", c.Name(), c.Children[0].Name())
			}
			continue
		}
		raContentEncodedNested(p, c)
	}
}

func raContentEncodedNested(p *Pass, n *Node) {
	for _, c := range n.Children {
		if c.Space == NSContent && c.Local == "encoded" {
			p.Reportf(c.Pos, "<%s> inside <%s> is ignored; it belongs directly in <item> or <channel>", c.Name(), n.Name())
			continue
		}
		raContentEncodedNested(p, c)
	}
}
