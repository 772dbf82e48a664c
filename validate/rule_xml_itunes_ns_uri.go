package validate

// ruleXmlItunesNsUri checks how the itunes prefix and URI are declared.
func ruleXmlItunesNsUri() *Rule {
	return &Rule{
		Code:     "xml-itunes-ns-uri",
		Title:    "The itunes namespace URI must be exact",
		Severity: Error,
		Profiles: consAllProfiles(), // Spotify and Podcasting 2.0 apps read the itunes tags too
		Source:   "APG",
		Since:    "v0.1.0",
		Doc:      "Apple matches the itunes namespace by its exact URI, `http://www.itunes.com/dtds/podcast-1.0.dtd`, case-sensitive and with `http:`. Any other spelling (https, capitals, a trailing slash, `itunes.apple.com`) makes Apple ignore **every** itunes tag in the feed: artwork, category and explicit flag included. This is the one finding for it: the rules that would call those tags missing stay silent while the tags are there in the wrong namespace.",
		Hint:     "Declare `xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"` exactly.",
		Bad:      "<rss xmlns:itunes=\"https://www.itunes.com/DTDs/Podcast-1.0.dtd\">",
		Good:     "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">",
		Channel:  func(p *Pass, ch *Node) { checkItunesNS(p, ch) },
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/itunes_reference.md"},
	}
}

// checkItunesNS flags declarations that look like the itunes namespace
// but are not its exact URI, and the itunes prefix bound elsewhere.
func checkItunesNS(p *Pass, ch *Node) {
	forNSDecls(p, ch, func(prefix string, a *Attr) {
		if a.Value == NSItunes {
			return
		}
		switch {
		case itunesLookalike(a.Value):
			p.Reportf(a.Pos, "xmlns:%s is %q, not %q: Apple ignores every itunes tag", prefix, a.Value, NSItunes)
		case prefix == "itunes":
			p.Reportf(a.Pos, "prefix \"itunes\" is bound to %q, not %q: Apple ignores every itunes tag", a.Value, NSItunes)
		}
	})
}

// forNSDecls calls f for every namespace declaration on the root and the
// channel element, prefixed (xmlns:p) or default (xmlns, prefix "").
func forNSDecls(p *Pass, ch *Node, f func(prefix string, a *Attr)) {
	for _, n := range []*Node{p.Doc.Root, ch} {
		if n == nil {
			continue
		}
		for i := range n.Attrs {
			a := &n.Attrs[i]
			switch {
			case a.Prefix == "xmlns":
				f(a.Local, a)
			case a.Prefix == "" && a.Local == "xmlns":
				f("", a)
			}
		}
	}
}
