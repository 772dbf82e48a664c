package validate

func ruleRssChannelDescription() *Rule {
	return &Rule{
		Code:     "rss-channel-description",
		Title:    "Channel needs a non-empty <description>",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APG",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 requires `<description>` in the channel, and Apple requires the show " +
			"description. Its 4000-byte limit is checked by apple-description-4000 (catalogue §7 " +
			"moved the length clause there).",
		Hint: "Add `<description>` describing the show to the channel.",
		Bad:  `<channel><title>My Show</title></channel>`,
		Good: `<channel><title>My Show</title><description>A weekly show about …</description></channel>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#requiredChannelElements", "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			d := ch.Child(NSNone, "description")
			switch {
			case d == nil:
				p.Reportf(ch.Pos, "the channel has no <description>")
			case raText(d) == "":
				p.Reportf(d.Pos, "the channel <description> is empty")
			}
		},
	}
}
