package validate

func ruleRssEmail() *Rule {
	return &Rule{
		Code:     "rss-email",
		Title:    "managingEditor and webMaster must be an email address",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS, FV",
		Since:    "v0.1.0",
		Doc: "RSS 2.0 defines `managingEditor` and `webMaster` as an email address, optionally " +
			"followed by the person's name in parentheses: `editor@example.com (Jane Doe)`. A " +
			"name alone, or `Name <address>`, is not what readers expect.",
		Hint: "Write `address@example.com (Name)`.",
		Bad:  "<managingEditor>Jane Doe</managingEditor>",
		Good: "<managingEditor>jane@example.com (Jane Doe)</managingEditor>",
		Refs: []string{"https://www.rssboard.org/rss-specification#optionalChannelElements"},
		Channel: func(p *Pass, ch *Node) {
			for _, c := range ch.Children {
				if c.Space != NSNone || (c.Local != "managingEditor" && c.Local != "webMaster") {
					continue
				}
				v := raText(c)
				if v == "" || raRSSEmailValid(v) {
					continue
				}
				p.Reportf(raTextPos(c), "<%s> %q is not in the form \"address@example.com (Name)\"", c.Local, v)
			}
		},
	}
}

// raRSSEmailValid accepts "address" and "address (Name)".
func raRSSEmailValid(v string) bool {
	addr, rest := raNextField(v)
	if !raEmailValid(addr) {
		return false
	}
	rest = raTrim(rest)
	return rest == "" || len(rest) >= 2 && rest[0] == '(' && rest[len(rest)-1] == ')'
}
