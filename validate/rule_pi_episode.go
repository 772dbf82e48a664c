package validate

func rulePiEpisode() *Rule {
	check := func(p *Pass, n *Node) {
		if v := piVal(n); !piIsSignedDecimal(v) {
			p.Reportf(piTextPos(n), "podcast:episode %q is not a number (decimals such as \"315.5\" are allowed)", v)
		}
	}
	ch, it := piHooks("episode", check)
	return &Rule{
		Code:     "pi-episode",
		Title:    "podcast:episode is not a number",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI episode",
		Since:    "v0.1.0",
		Doc: "The value of `podcast:episode` is a decimal number and is required (`315.5` is fine for a " +
			"mini-episode between two others). A label to display instead goes in `display`.",
		Hint:    "Put the number in the value and the label in display=\"…\".",
		Bad:     "<podcast:episode>Ch.3</podcast:episode>",
		Good:    "<podcast:episode display=\"Ch.3\">204</podcast:episode>",
		Refs:    []string{piRef("episode")},
		Channel: ch,
		Item:    it,
	}
}
