package validate

func ruleAppleCompleteValue() *Rule {
	return &Rule{
		Code:     "apple-complete-value",
		Title:    "itunes:complete only has an effect with Yes",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG, ISS feedvalidator#183",
		Since:    "v0.1.0",
		Doc: "`<itunes:complete>Yes</itunes:complete>` in the channel tells Apple the show will " +
			"publish no more episodes; that is reported as information. Any other value has no " +
			"effect: `No` or empty is fine, anything else is a warning (catalogue §7). The tag " +
			"is valid Apple vocabulary and is never reported as unknown.",
		Hint: "Use `Yes` when the show has ended, or remove the element.",
		Bad:  "<itunes:complete>true</itunes:complete>",
		Good: "<itunes:complete>Yes</itunes:complete>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			raYesFlag(p, ch.Child(NSItunes, "complete"), "Apple will treat the show as finished, with no more episodes")
		},
	}
}
