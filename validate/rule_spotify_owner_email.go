package validate

func ruleSpotifyOwnerEmail() *Rule {
	return &Rule{
		Code:     "spotify-owner-email",
		Title:    "No usable itunes:owner email for Spotify's ownership check",
		Severity: Warning,
		Profiles: spotProfiles(),
		Source:   "SPOT",
		Since:    "v0.1.0",
		Doc: "When a show is claimed on Spotify for Creators, Spotify emails a verification code to " +
			"the address in `<itunes:owner><itunes:email>`. Without a working address there, the " +
			"owner cannot claim the show.",
		Hint: "Add <itunes:owner><itunes:email>you@example.com</itunes:email></itunes:owner> with an address you read.",
		Bad:  "<itunes:owner>\n  <itunes:name>Jane</itunes:name>\n</itunes:owner>",
		Good: "<itunes:owner>\n  <itunes:name>Jane</itunes:name>\n  <itunes:email>jane@example.com</itunes:email>\n</itunes:owner>",
		Refs: []string{spotRef},
		Channel: func(p *Pass, ch *Node) {
			own := ch.Child(NSItunes, "owner")
			if own == nil && spotItunesMisbound(ch) {
				return
			}
			if own == nil {
				p.Reportf(ch.Pos, "channel has no itunes:owner with an itunes:email; Spotify sends its verification code there")
				return
			}
			em := own.Child(NSItunes, "email")
			if em == nil {
				p.Reportf(own.Pos, "itunes:owner has no itunes:email; Spotify sends its verification code there")
				return
			}
			if v := piVal(em); v == "" {
				p.Reportf(em.Pos, "itunes:owner email is empty; Spotify sends its verification code there")
			} else if !piIsEmail(v) {
				p.Reportf(piTextPos(em), "itunes:owner email %q is not an email address; Spotify sends its verification code there", v)
			}
		},
	}
}
