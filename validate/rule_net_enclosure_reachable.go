package validate

func ruleNetEnclosureReachable() *Rule {
	item, finish := onlineEnclosureHooks(false, func(p *Pass, t onlineTarget, pr onlineMediaProbe) {
		switch {
		case !pr.reachable():
			p.Reportf(t.Pos, "enclosure %q cannot be downloaded: %s", t.URL, pr.failure())
		case !pr.headOK():
			p.ReportSeverityf(Warning, t.Pos, "enclosure %q answers a ranged GET but not HEAD (%s); Apple checks episodes with HEAD",
				t.URL, onlineFailure(pr.head, pr.headErr))
		}
	})
	return &Rule{
		Code:     "net-enclosure-reachable",
		Title:    "Enclosure URL must answer with 2xx",
		Severity: Error,
		Profiles: onlineProfiles(),
		Source:   "APR, DV",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "An episode whose file cannot be downloaded is broken in every app. With `--online`, " +
			"each enclosure of the newest episodes is asked for with HEAD and with a ranged GET " +
			"(`Range: bytes=0-1`, what Apple's player sends), following redirects; it is an error " +
			"when neither answers 2xx. Apple also asks hosts to enable HEAD requests for " +
			"episodes, so a file that only answers GET is a warning.",
		Hint: "Check that the file exists at that URL and that the server answers HEAD and GET without authentication.",
		Bad:  `<enclosure url="https://media.example.com/missing.mp3" length="123" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://podcasters.apple.com/support/823-podcast-requirements"},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
