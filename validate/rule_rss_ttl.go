package validate

func ruleRssTtl() *Rule {
	return &Rule{
		Code:     "rss-ttl",
		Title:    "<ttl> must be a whole number of minutes",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS",
		Since:    "v0.1.0",
		Doc: "`<ttl>` says how many minutes a feed may be cached before it is refreshed: a " +
			"non-negative integer. Other values are ignored by apps.",
		Hint: "Write the number of minutes only, e.g. `<ttl>60</ttl>`, or remove the element.",
		Bad:  "<ttl>1 hour</ttl>",
		Good: "<ttl>60</ttl>",
		Refs: []string{"https://www.rssboard.org/rss-specification#ltttlgtSubelementOfLtchannelgt"},
		Channel: func(p *Pass, ch *Node) {
			t := ch.Child(NSNone, "ttl")
			if t == nil || raIsDigits(raText(t)) {
				return
			}
			p.Reportf(raTextPos(t), "<ttl> %q is not a non-negative whole number of minutes", raText(t))
		},
	}
}
