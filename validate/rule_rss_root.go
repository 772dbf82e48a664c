package validate

import "strings"

func ruleRssRoot() *Rule {
	type state struct {
		channels int
	}
	return &Rule{
		Code:     "rss-root",
		Title:    "Root must be <rss version=\"2.0\"> with one <channel>",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APR, LW",
		Since:    "v0.1.0",
		Doc: "A podcast feed is an RSS 2.0 document: its root element is `<rss>` with " +
			"`version=\"2.0\"`, holding exactly one `<channel>`. Apple Podcasts does not accept " +
			"Atom or RSS 1.0 (RDF) feeds, and apps read only one channel.",
		Hint:     "Serve an RSS 2.0 document: `<rss version=\"2.0\">` around a single `<channel>`.",
		Bad:      `<rss version="0.91"><channel>…</channel></rss>`,
		Good:     `<rss version="2.0"><channel>…</channel></rss>`,
		Refs:     []string{"https://www.rssboard.org/rss-specification", "https://podcasters.apple.com/support/823-podcast-requirements"},
		NewState: func() any { return &state{} },
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*state)
			st.channels++
			if st.channels == 2 {
				p.Reportf(ch.Pos, "a second <channel>: an RSS feed has exactly one channel")
			}
		},
		Finish: func(p *Pass) {
			st := p.State.(*state)
			root := p.Doc.Root
			if root == nil {
				return
			}
			if root.Local == "rss" && root.Space != NSNone {
				p.Reportf(root.Pos, "<rss> is in the namespace %q; RSS 2.0 elements have no namespace, so apps do not see this feed's channel", root.Space)
				return
			}
			if root.Space != NSNone || root.Local != "rss" {
				what := "an unknown format"
				switch {
				case root.Local == "feed" && root.Space == NSAtom:
					what = "Atom"
				case root.Local == "RDF":
					what = "RSS 1.0 (RDF)"
				case strings.EqualFold(root.Local, "html"):
					p.Reportf(root.Pos, "the root element is <%s>: this is an HTML page, not a feed; validate the feed's own URL (the page may link it as RSS)", root.Name())
					return
				case strings.EqualFold(root.Local, "opml"):
					p.Reportf(root.Pos, "the root element is <%s>: this is an OPML list of feeds, not a feed; validate the feeds it lists", root.Name())
					return
				}
				p.Reportf(root.Pos, "the root element is <%s> (%s), not <rss>: podcast directories need RSS 2.0", root.Name(), what)
				return
			}
			v, ok := raAttrValue(root, "version")
			switch {
			case !ok:
				p.Reportf(root.Pos, "<rss> has no version attribute; use version=\"2.0\"")
			case raTrim(v) != "2.0":
				p.Reportf(raAttrPos(root, "version"), "<rss version=%q>: podcast feeds must be RSS 2.0 (version=\"2.0\")", v)
			}
			if st.channels == 0 {
				p.Reportf(root.Pos, "<rss> has no <channel>")
			}
		},
	}
}
