package validate

func ruleAppleEpisodeInt() *Rule {
	return &Rule{
		Code:     "apple-episode-int",
		Title:    "itunes:episode must be a positive integer",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV (InvalidPositiveInteger)",
		Since:    "v0.1.0",
		Doc: "`itunes:episode` is the episode number: a non-zero positive integer, digits only. " +
			"Apple ignores values such as `0`, `1.5`, `#12` or `Episode 12`. (For decimal episode " +
			"numbers, Podcasting 2.0 has `podcast:episode`.)",
		Hint: "Write the number only, e.g. `<itunes:episode>12</itunes:episode>`.",
		Bad:  "<itunes:episode>Ep. 12</itunes:episode>",
		Good: "<itunes:episode>12</itunes:episode>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) { raCheckPositive(p, p.kid(it, ckItEpisode)) },
	}
}

func raCheckPositive(p *Pass, n *Node) {
	if n == nil {
		return
	}
	v := raTrim(n.Text)
	if v == "" {
		// Apple ignores an empty number; the episode is still listed.
		p.ReportSeverityf(Warning, n.Pos, "<%s> is empty; Apple ignores it: give the number or remove the tag", n.Name())
		return
	}
	if !raPositiveInt(v) {
		p.Reportf(raTextPos(n), "<%s> %q is not a positive whole number", n.Name(), v)
	}
}
