package validate

func ruleAppleEpisodetypeValue() *Rule {
	return &Rule{
		Code:     "apple-episodetype-value",
		Title:    "itunes:episodeType must be full, trailer or bonus",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV",
		Since:    "v0.1.0",
		Doc: "An item's `itunes:episodeType` is `full` (the default), `trailer` or `bonus`, in " +
			"lower case. Apple ignores other values and treats the episode as full. An empty tag is a " +
			"warning: it has no effect, and the episode is listed as full.",
		Hint: "Write `full`, `trailer` or `bonus`.",
		Bad:  "<itunes:episodeType>Episode</itunes:episodeType>",
		Good: "<itunes:episodeType>full</itunes:episodeType>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			t := p.kid(it, ckItEpisodeType)
			if t == nil {
				return
			}
			v := raTrim(t.Text)
			if v == "" {
				p.ReportSeverityf(Warning, t.Pos, "itunes:episodeType is empty; Apple treats the episode as full: write full, trailer or bonus, or remove the tag")
				return
			}
			if raInList("full|trailer|bonus", v) {
				return
			}
			if f, ok := raInListFold("full|trailer|bonus", v); ok {
				p.Reportf(raTextPos(t), "itunes:episodeType %q must be lower case: %q", v, f)
				return
			}
			p.Reportf(raTextPos(t), "itunes:episodeType %q must be \"full\", \"trailer\" or \"bonus\"", v)
		},
	}
}
