package validate

import "strings"

// ruleXmlItunesNsUri checks how the itunes prefix and URI are declared.
func ruleXmlItunesNsUri() *Rule {
	return &Rule{
		Code:     "xml-itunes-ns-uri",
		Title:    "The itunes namespace URI must be exact",
		Severity: Error,
		Profiles: []Profile{ProfileApple},
		Source:   "APG",
		Since:    "v0.1.0",
		Doc:      "Apple matches the itunes namespace by its exact URI, `http://www.itunes.com/dtds/podcast-1.0.dtd`, case-sensitive and with `http:`. Any other spelling (https, capitals, a trailing slash, `itunes.apple.com`) makes Apple ignore **every** itunes tag in the feed: artwork, category and explicit flag included.",
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
		u := strings.ToLower(strings.TrimRight(strings.TrimSpace(a.Value), "/"))
		switch {
		case strings.Contains(u, "itunes.com/dtds/podcast") || strings.Contains(u, "apple.com/dtds/podcast"):
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
