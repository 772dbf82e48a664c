package validate

func ruleAppleExplicitMissing() *Rule {
	return &Rule{
		Code:     "apple-explicit-missing",
		Title:    "Channel needs itunes:explicit",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple requires the channel to say whether the show contains explicit content, " +
			"with `<itunes:explicit>true</itunes:explicit>` or `false`. Publisher and list feeds " +
			"are not submitted to Apple, so for them this is only information (catalogue §7).",
		Hint: "Add `<itunes:explicit>false</itunes:explicit>` (or `true`) to the channel.",
		Bad:  "<channel><title>My Show</title>…</channel>",
		Good: "<channel><title>My Show</title><itunes:explicit>false</itunes:explicit>…</channel>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/5440-explicit-content"},
		Channel: func(p *Pass, ch *Node) {
			if itunesMisbound(ch, "explicit") {
				return // xml-itunes-ns-uri says why Apple cannot see it
			}
			if ch.Child(NSItunes, "explicit") != nil {
				return
			}
			if raListMedium(ch) {
				p.ReportSeverityf(Info, ch.Pos, "the channel has no <itunes:explicit>; Apple requires it, but a %s feed is not submitted to Apple", raMedium(ch))
				return
			}
			p.Reportf(ch.Pos, "the channel has no <itunes:explicit>; Apple requires it (true or false)")
		},
	}
}
