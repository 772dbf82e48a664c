package validate

func rulePiTxt() *Rule {
	check := func(p *Pass, n *Node) {
		v := piVal(n)
		if v == "" {
			p.ReportSeverityf(Warning, n.Pos, "podcast:txt is empty")
			return
		}
		if a := n.Attr("purpose"); a != nil && trimSpace(a.Value) == "ai-content" && v != "true" && v != "false" {
			p.Reportf(piTextPos(n), "podcast:txt purpose=\"ai-content\" needs the value \"true\" or \"false\", not %q", v)
		}
	}
	ch, it := piHooks("txt", check)
	return &Rule{
		Code:     "pi-txt",
		Title:    "podcast:txt is empty, or its ai-content value is not a boolean",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI txt",
		Since:    "v0.1.0",
		Doc: "`podcast:txt` carries free text for other services, such as a verification code " +
			"(`purpose=\"verify\"`, `\"applepodcastsverify\"`). With `purpose=\"ai-content\"` the value " +
			"must be `true` or `false`. An empty tag (warning) says nothing.",
		Hint:    "Give the text; for ai-content write true or false.",
		Bad:     "<podcast:txt purpose=\"ai-content\">partly</podcast:txt>",
		Good:    "<podcast:txt purpose=\"ai-content\">false</podcast:txt>",
		Refs:    []string{piRef("txt")},
		Channel: ch,
		Item:    it,
	}
}
