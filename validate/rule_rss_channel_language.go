package validate

func ruleRssChannelLanguage() *Rule {
	return &Rule{
		Code:     "rss-channel-language",
		Title:    "Channel <language> must be a valid ISO 639 code",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "APG, RSS, FV (InvalidLanguage)",
		Since:    "v0.1.0",
		Doc: "Apple requires the channel `<language>`: an ISO 639 language code with an optional " +
			"region, such as `en` or `en-us`. An invalid code fails Apple's validation. RSS itself " +
			"makes the element optional, so a missing one is reported only in the Apple profile, and " +
			"only as information for publisher and list feeds (`podcast:medium` publisher, mixed or " +
			"`…L`), which are not submitted to Apple.",
		Hint: "Use a code such as `en`, `en-us`, `de` or `pt-br` in `<language>`.",
		Bad:  `<language>English</language>`,
		Good: `<language>en-us</language>`,
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://www.rssboard.org/rss-language-codes"},
		Channel: func(p *Pass, ch *Node) {
			l := ch.Child(NSNone, "language")
			if l == nil {
				if raProfileOn(p.Config, ProfileApple) {
					if raListMedium(ch) {
						p.ReportSeverityf(Info, ch.Pos, "the channel has no <language>; Apple requires one, but a %s feed is not submitted to Apple", raMedium(ch))
						return
					}
					p.Reportf(ch.Pos, "the channel has no <language>; Apple requires one (e.g. \"en\")")
				}
				return
			}
			v := raText(l)
			if v == "" {
				p.Reportf(l.Pos, "the channel <language> is empty")
				return
			}
			if !raLanguageValid(v) {
				p.Reportf(raTextPos(l), "<language> %q is not an ISO 639 language code with an optional region (e.g. \"en\" or \"en-us\")", v)
			}
		},
	}
}
