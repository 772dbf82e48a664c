package validate

func ruleRssAtomSelf() *Rule {
	return &Rule{
		Code:     "rss-atom-self",
		Title:    "Channel should have an atom:link rel=\"self\"",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "PSP1, FV (MissingAtomSelfLink)",
		Since:    "v0.1.0",
		Doc: "`<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"…\"/>` states the feed's " +
			"own URL, so apps and directories can find the canonical address of a copy. The RSS " +
			"Best Practices Profile recommends it and PSP-1 requires it.",
		Hint: "Add `<atom:link href=\"https://example.com/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>` with `xmlns:atom=\"http://www.w3.org/2005/Atom\"`.",
		Bad:  "<channel><title>My Show</title>…</channel>",
		Good: "<channel><atom:link href=\"https://example.com/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>…</channel>",
		Refs: []string{"https://github.com/Podcast-Standards-Project/PSP-1-Podcast-RSS-Specification", "https://www.rssboard.org/rss-profile#namespace-elements-atom-link"},
		Channel: func(p *Pass, ch *Node) {
			l := raSelfLink(ch)
			if l == nil {
				p.Reportf(ch.Pos, "the channel has no <atom:link rel=\"self\"> giving the feed's URL")
				return
			}
			href, ok := raAttrValue(l, "href")
			if !ok || raTrim(href) == "" {
				p.Reportf(l.Pos, "the self <atom:link> has no href")
			} else if good, _ := raHTTPURL(raTrim(href)); !good {
				if raSpaced(raTrim(href)) {
					p.Reportf(raAttrPos(l, "href"), "the self <atom:link> href %q contains white space; write a space in a URL as %%20", href)
				} else {
					p.Reportf(raAttrPos(l, "href"), "the self <atom:link> href %q is not an absolute http(s) URL", href)
				}
			}
			if t, ok := raAttrValue(l, "type"); ok && raMIMEBase(t) != "application/rss+xml" {
				p.Reportf(raAttrPos(l, "type"), "the self <atom:link> has type %q; an RSS feed's is \"application/rss+xml\"", t)
			}
		},
	}
}
