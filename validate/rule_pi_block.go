package validate

// piServiceSlug reports whether v is in the namespace's serviceslugs.txt.
func piServiceSlug(v string) bool { return piInList("serviceslugs.txt", v) }

func rulePiBlock() *Rule {
	check := func(p *Pass, n *Node) {
		if v := piVal(n); v != "yes" && v != "no" {
			p.Reportf(piTextPos(n), "podcast:block is %q; it must be \"yes\" or \"no\"", v)
		}
		if a := n.Attr("id"); a != nil && !piServiceSlug(trimSpace(a.Value)) {
			p.ReportSeverityf(Warning, a.Pos, "podcast:block id %q is not in serviceslugs.txt (as of %s); the service may not recognise it", a.Value, piListsCommit)
		}
	}
	ch, _ := piHooks("block", check)
	return &Rule{
		Code:     "pi-block",
		Title:    "podcast:block value is not yes or no",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI block, serviceslugs.txt",
		Since:    "v0.1.0",
		Doc: "`podcast:block` asks platforms not to list the show. The value is `yes` or `no`; the " +
			"optional `id` names one platform from the namespace's service slug list (an unlisted " +
			"slug is a warning).",
		Hint:    "Write yes or no, and use a slug from serviceslugs.txt in id.",
		Bad:     "<podcast:block id=\"Spotify\">true</podcast:block>",
		Good:    "<podcast:block id=\"spotify\">yes</podcast:block>",
		Refs:    []string{piRef("block"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/serviceslugs.txt"},
		Channel: ch,
	}
}
