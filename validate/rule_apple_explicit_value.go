package validate

func ruleAppleExplicitValue() *Rule {
	return &Rule{
		Code:     "apple-explicit-value",
		Title:    "itunes:explicit must be true or false",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV (InvalidTrueFalse), ISS wp-calypso#91623",
		Since:    "v0.1.0",
		Doc: "Apple's guide defines `itunes:explicit` as `true` or `false`. The legacy values " +
			"`yes`, `explicit`, `no` and `clean` are still met and still understood by many apps, " +
			"so they are warnings with the replacement; any other value is an error.",
		Hint:    "Write `true` for explicit content, `false` otherwise.",
		Bad:     "<itunes:explicit>clean</itunes:explicit>",
		Good:    "<itunes:explicit>false</itunes:explicit>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/5440-explicit-content"},
		Channel: func(p *Pass, ch *Node) { raCheckExplicit(p, ch.Child(NSItunes, "explicit")) },
		Item:    func(p *Pass, it *Node) { raCheckExplicit(p, it.Child(NSItunes, "explicit")) },
	}
}

func raCheckExplicit(p *Pass, n *Node) {
	if n == nil {
		return
	}
	v := raTrim(n.Text)
	switch {
	case raEqualFold(v, "true"), raEqualFold(v, "false"):
	case raEqualFold(v, "yes"), raEqualFold(v, "explicit"):
		p.ReportSeverityf(Warning, raTextPos(n), "itunes:explicit %q is a legacy value; use \"true\"", v)
	case raEqualFold(v, "no"), raEqualFold(v, "clean"):
		p.ReportSeverityf(Warning, raTextPos(n), "itunes:explicit %q is a legacy value; use \"false\"", v)
	default:
		p.Reportf(raTextPos(n), "itunes:explicit %q must be \"true\" or \"false\"", v)
	}
}
