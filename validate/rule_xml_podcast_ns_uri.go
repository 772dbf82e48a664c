package validate

import "strings"

// ruleXmlPodcastNsUri checks how the podcast namespace URI is spelt.
func ruleXmlPodcastNsUri() *Rule {
	return &Rule{
		Code:     "xml-podcast-ns-uri",
		Title:    "The podcast namespace URI should be the canonical one",
		Severity: Warning,
		Profiles: []Profile{ProfilePodcastIndex},
		Source:   "PI-1.0, LW",
		Since:    "v0.1.0",
		Doc:      "The Podcasting 2.0 namespace is `https://podcastindex.org/namespace/1.0` (any prefix). The older GitHub URI (`https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md`) is accepted as equivalent. Other spellings (http, a trailing slash, other capitals) are different namespaces to a parser, and apps ignore the tags.",
		Hint:     "Declare `xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"`.",
		Bad:      "<rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0/\">",
		Good:     "<rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">",
		Channel:  func(p *Pass, ch *Node) { checkPodcastNS(p, ch) },
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"},
	}
}

func checkPodcastNS(p *Pass, ch *Node) {
	forNSDecls(p, ch, func(prefix string, a *Attr) {
		if a.Value == NSPodcast || normalizeNS(a.Value) == NSPodcast {
			return
		}
		u := strings.ToLower(trimSpace(a.Value))
		switch {
		case strings.Contains(u, "podcastindex.org/namespace"),
			strings.Contains(u, "podcastindex-org/podcast-namespace"):
			p.Reportf(a.Pos, "xmlns:%s is %q; the podcast namespace is %q, and apps ignore tags under any other spelling", prefix, a.Value, NSPodcast)
		case prefix == "podcast" && !strings.Contains(u, "podcast"):
			p.ReportSeverityf(Info, a.Pos, "prefix \"podcast\" is bound to %q, not the Podcasting 2.0 namespace %q", a.Value, NSPodcast)
		}
	})
}
