package validate

func ruleAppleCategoryMissing() *Rule {
	return &Rule{
		Code:     "apple-category-missing",
		Title:    "Channel needs an itunes:category",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple requires at least one `<itunes:category>` in the channel; it decides where the " +
			"show is browsed. Publisher and list feeds (`podcast:medium` publisher, mixed or `…L`) " +
			"are not submitted to Apple, so for them this is only information (catalogue §7).",
		Hint: "Add `<itunes:category text=\"…\"/>` with a value from Apple's category list.",
		Bad:  "<channel><title>My Show</title>…</channel>",
		Good: "<channel><title>My Show</title><itunes:category text=\"Technology\"/>…</channel>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/1691-apple-podcasts-categories"},
		Channel: func(p *Pass, ch *Node) {
			if itunesMisbound(ch, "category") {
				return // xml-itunes-ns-uri says why Apple cannot see it
			}
			if ch.Child(NSItunes, "category") != nil {
				return
			}
			if raListMedium(ch) {
				p.ReportSeverityf(Info, ch.Pos, "the channel has no <itunes:category>; Apple requires one, but a %s feed is not submitted to Apple", raMedium(ch))
				return
			}
			p.Reportf(ch.Pos, "the channel has no <itunes:category>; Apple requires one")
		},
	}
}
