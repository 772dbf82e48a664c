package validate

func ruleRssGuidWhitespace() *Rule {
	return &Rule{
		Code:     "rss-guid-whitespace",
		Title:    "No white space around the <guid>",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apps that do not trim the guid see `ep1` and ` ep1` as different episodes, so " +
			"reformatting the feed can silently duplicate every episode for them.",
		Hint: "Write the guid with no spaces or line breaks around it.",
		Bad:  "<guid isPermaLink=\"false\"> ep1 </guid>",
		Good: "<guid isPermaLink=\"false\">ep1</guid>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			g := p.kid(it, ckGUID)
			if g == nil || !raHasOuterSpace(g.Text) || raTrim(g.Text) == "" {
				return
			}
			p.Reportf(raTextPos(g), "<guid> %q has leading or trailing white space, which changes its identity for some apps", g.Text)
		},
	}
}
