package validate

func rulePiSoundbite() *Rule {
	check := func(p *Pass, n *Node) {
		if a := piRequire(p, n, "startTime"); a != nil {
			if !piIsDecimal(trimSpace(a.Value)) {
				p.Reportf(a.Pos, "podcast:soundbite startTime %q is not a number of seconds ≥ 0", a.Value)
			}
		}
		if a := piRequire(p, n, "duration"); a != nil {
			v := trimSpace(a.Value)
			d, ok := piDecimal(v)
			switch {
			case !ok:
				p.Reportf(a.Pos, "podcast:soundbite duration %q is not a number of seconds ≥ 0", a.Value)
			case d < 15 || d > 120:
				p.ReportSeverityf(Info, a.Pos, "podcast:soundbite duration %q is outside the recommended 15 to 120 seconds", v)
			}
		}
	}
	ch, it := piHooks("soundbite", check)
	return &Rule{
		Code:     "pi-soundbite",
		Title:    "podcast:soundbite lacks startTime or duration, or they are not seconds",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI soundbite",
		Since:    "v0.1.0",
		Doc: "`podcast:soundbite` points at a highlight of the episode. `startTime` and `duration` are " +
			"required decimal numbers of seconds (`73.0`, `42.25`). A duration of 15 to 120 seconds " +
			"is recommended (info). The text is an optional title. Whether the soundbite fits in the " +
			"episode is checked by cons-soundbite-range.",
		Hint:    "Give startTime and duration as seconds, e.g. startTime=\"73.0\" duration=\"60.0\".",
		Bad:     "<podcast:soundbite startTime=\"1:13\" duration=\"60\"/>",
		Good:    "<podcast:soundbite startTime=\"73.0\" duration=\"60.0\"/>",
		Refs:    []string{piRef("soundbite")},
		Channel: ch,
		Item:    it,
	}
}
