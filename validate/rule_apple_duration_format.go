package validate

func ruleAppleDurationFormat() *Rule {
	return &Rule{
		Code:     "apple-duration-format",
		Title:    "itunes:duration must be seconds, M:SS or H:MM:SS",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV (InvalidDuration)",
		Since:    "v0.1.0",
		Doc: "Apple recommends the duration in whole seconds and accepts clock forms. Following " +
			"catalogue §7, `S`, `M:SS` and `H:MM:SS` are accepted with the first field unbounded " +
			"(`75:30` is fine) and later fields two digits below 60. Fractions, negative or empty " +
			"values and other shapes are reported, and so is a zero duration (`0`, `0:00`, " +
			"`00:00:00`), which hosts write as a placeholder and apps then show as the length.",
		Hint: "Write the duration in whole seconds, e.g. `<itunes:duration>1830</itunes:duration>`.",
		Bad:  "<itunes:duration>30.5 min</itunes:duration>",
		Good: "<itunes:duration>1830</itunes:duration>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			d := p.kid(it, ckItDuration)
			if d == nil {
				return
			}
			v := raTrim(d.Text)
			if secs, ok := raDurationSeconds(v); ok {
				if secs == 0 {
					p.Reportf(raTextPos(d), "<%s> %q is zero: a placeholder, not the episode's length", d.Name(), v)
				}
				return
			}
			if v == "" {
				p.Reportf(d.Pos, "<%s> is empty", d.Name())
				return
			}
			p.Reportf(raTextPos(d), "<%s> %q is not whole seconds, M:SS or H:MM:SS", d.Name(), v)
		},
	}
}
