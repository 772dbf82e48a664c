package validate

func ruleAppleSeasonInt() *Rule {
	return &Rule{
		Code:     "apple-season-int",
		Title:    "itunes:season must be a positive integer",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "`itunes:season` is the season number: a non-zero positive integer, digits only. " +
			"Apple ignores other values. An empty tag is a warning: Apple ignores it and the episode " +
			"is still listed.",
		Hint: "Write the number only, e.g. `<itunes:season>2</itunes:season>`.",
		Bad:  "<itunes:season>Season 2</itunes:season>",
		Good: "<itunes:season>2</itunes:season>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) { raCheckPositive(p, p.kid(it, ckItSeason)) },
	}
}
