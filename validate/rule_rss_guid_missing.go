package validate

func ruleRssGuidMissing() *Rule {
	return &Rule{
		Code:     "rss-guid-missing",
		Title:    "Episode should have a <guid>",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "APR, APG, SPOT, PSP1",
		Since:    "v0.1.0",
		Doc: "The `<guid>` identifies an episode for ever: apps use it to know which episodes a " +
			"listener has already played or downloaded. Apple's requirements say every episode " +
			"must contain a GUID that never changes (its guide falls back to the enclosure URL), " +
			"and Spotify and PSP-1 require it. This is a warning in the RSS and Podcast Index " +
			"profiles and an error whenever the Apple or Spotify profile is in effect. An empty " +
			"`<guid></guid>` is no identifier either and is reported the same way. (This is the " +
			"one finding for a missing guid; the retired spotify-guid said it again.)",
		Hint: "Add `<guid isPermaLink=\"false\">` with a value that never changes, e.g. a UUID.",
		Bad:  "<item><title>Ep</title><enclosure …/></item>",
		Good: "<item><title>Ep</title><guid isPermaLink=\"false\">3f1c…</guid><enclosure …/></item>",
		Refs: []string{"https://podcasters.apple.com/support/823-podcast-requirements", "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			sev := Warning
			if raProfileOn(p.Config, ProfileApple) || raProfileOn(p.Config, ProfileSpotify) {
				sev = Error
			}
			g := p.kid(it, ckGUID)
			switch {
			case g == nil:
				p.ReportSeverityf(sev, it.Pos, "the item has no <guid>; apps cannot track it reliably")
			case raText(g) == "":
				p.ReportSeverityf(sev, g.Pos, "the item's <guid> is empty; apps cannot track it reliably")
			}
		},
	}
}
