package validate

func ruleRssChannelTitle() *Rule {
	return &Rule{
		Code:     "rss-channel-title",
		Title:    "Channel needs a non-empty <title>",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APG",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 requires `<title>` in the channel, and Apple shows it as the show's name. " +
			"A missing or empty title makes the feed invalid and unlistable.",
		Hint: "Add `<title>` with the show's name to the channel.",
		Bad:  `<channel><description>…</description></channel>`,
		Good: `<channel><title>My Show</title><description>…</description></channel>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#requiredChannelElements", "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			t := ch.Child(NSNone, "title")
			switch {
			case t == nil:
				p.Reportf(ch.Pos, "the channel has no <title>")
			case raText(t) == "":
				p.Reportf(t.Pos, "the channel <title> is empty")
			}
		},
	}
}
