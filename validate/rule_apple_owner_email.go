package validate

func ruleAppleOwnerEmail() *Rule {
	return &Rule{
		Code:     "apple-owner-email",
		Title:    "itunes:owner should carry a valid itunes:email",
		Severity: Warning,
		Profiles: []Profile{ProfileApple, ProfileSpotify},
		Source:   "APG, FV (MissingItunesEmail), SPOT",
		Since:    "v0.1.0",
		Doc: "`<itunes:owner>` with `<itunes:email>` is how directories contact the owner and " +
			"verify ownership (Spotify emails a code to it). It is no longer in Apple's required or " +
			"recommended lists, so a missing email is information and only an invalid one is a " +
			"warning (catalogue §7). Spotify sends its verification code to that address, so with " +
			"the spotify profile in effect (the default) a missing or empty email is a warning " +
			"too. `itunes:name` is at most 255 characters. (This rule replaces the retired " +
			"spotify-owner-email, which said the same again.)",
		Hint: "Add `<itunes:owner><itunes:name>…</itunes:name><itunes:email>you@example.com</itunes:email></itunes:owner>`.",
		Bad:  "<itunes:owner><itunes:email>not an address</itunes:email></itunes:owner>",
		Good: "<itunes:owner><itunes:name>Jane</itunes:name><itunes:email>jane@example.com</itunes:email></itunes:owner>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			if itunesMisbound(ch, "owner") {
				return // xml-itunes-ns-uri says why Apple cannot see it
			}
			missing := Info
			if raProfileOn(p.Config, ProfileSpotify) {
				missing = Warning
			}
			o := ch.Child(NSItunes, "owner")
			if o == nil {
				p.ReportSeverityf(missing, ch.Pos, "the channel has no <itunes:owner> email; directories use it to verify ownership (Spotify sends its verification code there)")
				return
			}
			if n := o.Child(NSItunes, "name"); n != nil {
				if c := raRuneCount(raText(n)); c > 255 {
					p.Reportf(raTextPos(n), "<%s> is %d characters long; the limit is 255", n.Name(), c)
				}
			}
			e := o.Child(NSItunes, "email")
			switch {
			case e == nil || raText(e) == "":
				p.ReportSeverityf(missing, o.Pos, "<%s> has no email; directories use it to verify ownership (Spotify sends its verification code there)", o.Name())
			case !raEmailValid(raText(e)):
				p.ReportSeverityf(Warning, raTextPos(e), "<%s> %q is not an email address", e.Name(), raText(e))
			}
		},
	}
}
