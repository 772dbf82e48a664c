package validate

func ruleRssChannelLink() *Rule {
	return &Rule{
		Code:     "rss-channel-link",
		Title:    "Channel should have a <link> to the show's website",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APG",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 requires a channel `<link>` and Apple recommends it: it is the show's " +
			"website, shown by apps. It should not be the feed's own URL. (Whether it is an " +
			"absolute URL is checked by rss-link-url.) When the link and the self link are the same " +
			"URL, one of them is wrong.",
		Hint: "Add `<link>https://example.com/show</link>` pointing at the show's web page.",
		Bad:  `<channel><title>My Show</title></channel>`,
		Good: `<channel><title>My Show</title><link>https://example.com/show</link></channel>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#requiredChannelElements"},
		Channel: func(p *Pass, ch *Node) {
			l := ch.Child(NSNone, "link")
			if l == nil {
				p.Reportf(ch.Pos, "the channel has no <link> to the show's website")
				return
			}
			v := raText(l)
			if v == "" {
				p.Reportf(l.Pos, "the channel <link> is empty")
				return
			}
			switch {
			case raSameURL(v, p.Doc.FetchedURL):
				p.Reportf(raTextPos(l), "the channel <link> %q is the feed's own URL; it should point at the show's website", v)
			case raSameURL(v, raSelfHref(ch)):
				// One of the two is wrong; the feed alone cannot tell which.
				p.Reportf(raTextPos(l), "the channel <link> and the self <atom:link> are both %q: the link should be the show's website and the self link the feed's URL", v)
			}
		},
	}
}
