package validate

func ruleAppleTypeValue() *Rule {
	return &Rule{
		Code:     "apple-type-value",
		Title:    "itunes:type must be episodic or serial",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV",
		Since:    "v0.1.0",
		Doc: "The channel's `itunes:type` is `episodic` (newest first, the default) or `serial` " +
			"(oldest first, numbered), in lower case. Apple ignores other values.",
		Hint: "Write `<itunes:type>episodic</itunes:type>` or `serial`.",
		Bad:  "<itunes:type>Serial</itunes:type>",
		Good: "<itunes:type>serial</itunes:type>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			t := ch.Child(NSItunes, "type")
			if t == nil {
				return
			}
			v := raTrim(t.Text)
			if v == "episodic" || v == "serial" {
				return
			}
			if f, ok := raInListFold("episodic|serial", v); ok {
				p.Reportf(raTextPos(t), "itunes:type %q must be lower case: %q", v, f)
				return
			}
			p.Reportf(raTextPos(t), "itunes:type %q must be \"episodic\" or \"serial\"", v)
		},
	}
}
