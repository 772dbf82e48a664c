package validate

func ruleAppleDurationInChannel() *Rule {
	return &Rule{
		Code:     "apple-duration-in-channel",
		Title:    "itunes:duration belongs in items, not the channel",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "FV test duration_in_channel",
		Since:    "v0.1.0",
		Doc: "`itunes:duration` is the length of one episode; in the channel it means nothing " +
			"and is ignored.",
		Hint: "Move the duration into the items, one per episode.",
		Bad:  "<channel><itunes:duration>3600</itunes:duration>…</channel>",
		Good: "<item><itunes:duration>3600</itunes:duration>…</item>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			if d := ch.Child(NSItunes, "duration"); d != nil {
				p.Reportf(d.Pos, "<%s> in the channel is ignored; it belongs in each item", d.Name())
			}
		},
	}
}
