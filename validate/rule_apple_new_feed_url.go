package validate

func ruleAppleNewFeedUrl() *Rule {
	return &Rule{
		Code:     "apple-new-feed-url",
		Title:    "itunes:new-feed-url moves subscribers to another feed",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide says to put `itunes:new-feed-url` in the *new* feed when a show " +
			"moves, so a value equal to the feed's own URL (its self link, or the URL it was " +
			"fetched from) is normal and not reported. A different URL means apps will move " +
			"subscribers there (information). A value that is not an absolute http(s) URL is a " +
			"warning (catalogue §7).",
		Hint: "Set it to the feed's new, permanent URL; keep it there after the move.",
		Bad:  "<itunes:new-feed-url>feed.xml</itunes:new-feed-url>",
		Good: "<itunes:new-feed-url>https://example.com/feed.xml</itunes:new-feed-url>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			n := ch.Child(NSItunes, "new-feed-url")
			if n == nil {
				return
			}
			v := raTrim(n.Text)
			if ok, _ := raHTTPURL(v); !ok {
				if raSpaced(v) {
					p.ReportSeverityf(Warning, raTextPos(n), "<%s> %q contains white space; write a space in a URL as %%20", n.Name(), v)
				} else {
					p.ReportSeverityf(Warning, raTextPos(n), "<%s> %q is not an absolute http(s) URL", n.Name(), v)
				}
				return
			}
			self := raSelfHref(ch)
			if raSameURL(v, self) || raSameURL(v, p.Doc.FetchedURL) {
				return
			}
			if self == "" && p.Doc.FetchedURL == "" {
				return // nothing to compare with
			}
			p.Reportf(raTextPos(n), "<%s> %q differs from this feed's URL: apps will move subscribers there", n.Name(), v)
		},
	}
}
