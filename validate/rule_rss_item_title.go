package validate

func ruleRssItemTitle() *Rule {
	return &Rule{
		Code:     "rss-item-title",
		Title:    "Episode needs a non-empty <title>",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "RSS, APG, SPOT",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 needs at least a `<title>` or a `<description>` in each item. Apple and " +
			"Spotify require an episode title, so in their profiles a missing or empty title is " +
			"an error even when a description is present.",
		Hint: "Give every item a `<title>` with the episode's name.",
		Bad:  "<item><enclosure …/></item>",
		Good: "<item><title>Episode name</title><enclosure …/></item>",
		Refs: []string{"https://www.rssboard.org/rss-specification#hrelementsOfLtitemgt", "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			t := p.kid(it, ckTitle)
			if t != nil && raText(t) != "" {
				return
			}
			hasDesc := raText(p.kid(it, ckDescription)) != ""
			if hasDesc && !raProfileOn(p.Config, ProfileApple) && !raProfileOn(p.Config, ProfileSpotify) {
				return
			}
			switch {
			case t != nil:
				p.Reportf(t.Pos, "the item <title> is empty")
			case hasDesc:
				p.Reportf(it.Pos, "the item has no <title>; Apple and Spotify require one")
			default:
				p.Reportf(it.Pos, "the item has neither <title> nor <description>")
			}
		},
	}
}
