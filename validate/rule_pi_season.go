package validate

func rulePiSeason() *Rule {
	check := func(p *Pass, n *Node) {
		if v := piVal(n); !piIsInt(v) {
			p.Reportf(piTextPos(n), "podcast:season %q is not an integer", v)
		}
	}
	ch, it := piHooks("season", check)
	return &Rule{
		Code:     "pi-season",
		Title:    "podcast:season is not an integer",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI season",
		Since:    "v0.1.0",
		Doc: "The value of `podcast:season` is the season number, an integer, and is required. A name " +
			"for the season goes in the optional `name` attribute.",
		Hint:    "Put the number in the value and any name in name=\"…\".",
		Bad:     "<podcast:season>Season One</podcast:season>",
		Good:    "<podcast:season name=\"Season One\">1</podcast:season>",
		Refs:    []string{piRef("season")},
		Channel: ch,
		Item:    it,
	}
}
