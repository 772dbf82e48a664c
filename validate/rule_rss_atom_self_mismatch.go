package validate

func ruleRssAtomSelfMismatch() *Rule {
	return &Rule{
		Code:     "rss-atom-self-mismatch",
		Title:    "atom:link rel=\"self\" must be the feed's URL",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "FV (SelfDoesntMatchLocation), CFV",
		Since:    "v0.1.0",
		Doc: "When the feed is fetched from a URL, its self link should name that URL (or the " +
			"one it was requested at). Apps and directories follow the self link, and Cast Feed " +
			"Validator reports that Apple and Google deny feeds whose self link is not a valid " +
			"feed. Checked against the URL for feeds read from one (http versus https, host case " +
			"and a trailing slash are ignored), and always between several self links that " +
			"name different URLs.",
		Hint: "Set the self link's href to the URL the feed is published at, or fix the server's redirect.",
		Bad:  "<atom:link href=\"https://old.example.com/feed\" rel=\"self\" type=\"application/rss+xml\"/>",
		Good: "<atom:link href=\"https://example.com/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
		Refs: []string{"https://validator.w3.org/feed/docs/warning/SelfDoesntMatchLocation.html"},
		Channel: func(p *Pass, ch *Node) {
			// Two self links naming different URLs cannot both be right.
			var first *Node
			for _, c := range ch.Children {
				if c.Space != NSAtom || c.Local != "link" {
					continue
				}
				if rel, _ := raAttrValue(c, "rel"); raTrim(rel) != "self" {
					continue
				}
				if first == nil {
					first = c
					continue
				}
				h1, _ := raAttrValue(first, "href")
				h2, _ := raAttrValue(c, "href")
				if !raSameURL(h1, h2) {
					p.Reportf(raAttrPos(c, "href"), "a second self link names %q, but the one at line %d names %q", h2, first.Pos.Line, h1)
				}
			}
			fetched := p.Doc.FetchedURL
			requested := ""
			if p.Config != nil {
				requested = p.Config.Path
			}
			if ok, _ := raHTTPURL(requested); !ok {
				requested = ""
			}
			if fetched == "" && requested == "" {
				return
			}
			l := raSelfLink(ch)
			if l == nil {
				return
			}
			href, _ := raAttrValue(l, "href")
			if ok, _ := raHTTPURL(raTrim(href)); !ok {
				return
			}
			if raSameURL(href, fetched) || raSameURL(href, requested) {
				return
			}
			where := fetched
			if where == "" {
				where = requested
			}
			p.Reportf(raAttrPos(l, "href"), "the self link %q is not the URL the feed was read from (%q)", href, where)
		},
	}
}
