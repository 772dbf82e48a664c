package validate

func ruleAppleBlockValue() *Rule {
	return &Rule{
		Code:     "apple-block-value",
		Title:    "itunes:block only has an effect with Yes",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "`<itunes:block>Yes</itunes:block>` hides the show (in the channel) or the episode " +
			"(in an item) from Apple Podcasts; that is reported as information so it is never a " +
			"surprise. Apple says any other value has no effect: `No` is fine, an empty element " +
			"is information (it does nothing; perhaps a template left it blank), anything else " +
			"(e.g. `true`) is a warning because it does not do what it seems to (catalogue §7).",
		Hint: "Use `Yes` to hide, or remove the element.",
		Bad:  "<itunes:block>true</itunes:block>",
		Good: "<itunes:block>Yes</itunes:block>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			raYesFlag(p, ch.Child(NSItunes, "block"), "the whole show is hidden from Apple Podcasts")
		},
		Item: func(p *Pass, it *Node) {
			raYesFlag(p, p.kid(it, ckItBlock), "this episode is hidden from Apple Podcasts")
		},
	}
}

// raYesFlag checks an Apple Yes-only flag (itunes:block, itunes:complete).
func raYesFlag(p *Pass, n *Node, effect string) {
	if n == nil {
		return
	}
	v := raTrim(n.Text)
	switch {
	case raEqualFold(v, "yes"):
		p.ReportSeverityf(Info, raTextPos(n), "<%s>%s</%s>: %s", n.Name(), v, n.Name(), effect)
	case v == "":
		p.ReportSeverityf(Info, n.Pos, "<%s> is empty and has no effect; write Yes to hide, or remove it", n.Name())
	case raEqualFold(v, "no"):
	default:
		p.Reportf(raTextPos(n), "<%s> %q has no effect; only \"Yes\" does", n.Name(), v)
	}
}
