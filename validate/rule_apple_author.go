package validate

func ruleAppleAuthor() *Rule {
	return &Rule{
		Code:     "apple-author",
		Title:    "Channel should name its author in itunes:author",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple recommends `<itunes:author>` in the channel: the show's company, network or " +
			"hosts, shown under the show's name.",
		Hint: "Add `<itunes:author>` with the people or company behind the show.",
		Bad:  "<channel><title>My Show</title>…</channel>",
		Good: "<channel><title>My Show</title><itunes:author>Jane Doe</itunes:author>…</channel>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			if itunesMisbound(ch, "author") {
				return // xml-itunes-ns-uri says why Apple cannot see it
			}
			a := ch.Child(NSItunes, "author")
			switch {
			case a == nil:
				p.Reportf(ch.Pos, "the channel has no <itunes:author>; Apple recommends naming the show's hosts or company")
			case raText(a) == "":
				p.Reportf(a.Pos, "<%s> is empty", a.Name())
			}
		},
	}
}
