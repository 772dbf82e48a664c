package validate

func ruleConsTitleDup() *Rule {
	return &Rule{
		Code:     "cons-title-dup",
		Title:    "Two episodes have the same title",
		Severity: Info,
		Profiles: consAllProfiles(),
		Source:   "heuristic",
		Since:    "v0.1.0",
		Doc: "Listeners pick episodes by title. Two episodes with exactly the same title look like a " +
			"duplicate upload, and some apps merge or hide one of them.",
		Hint:     "Make each title distinct, e.g. add a part number or date.",
		Bad:      "<item><title>Q&amp;A</title>…</item>\n<item><title>Q&amp;A</title>…</item>",
		Good:     "<item><title>Q&amp;A, March</title>…</item>\n<item><title>Q&amp;A, April</title>…</item>",
		NewState: func() any { return map[uint64]int32{} },
		Item: func(p *Pass, it *Node) {
			t := p.kid(it, ckTitle)
			if t == nil {
				return
			}
			v := piVal(t)
			if v == "" {
				return
			}
			seen := p.State.(map[uint64]int32)
			h := consHash(v)
			if line, dup := seen[h]; dup {
				p.Reportf(piTextPos(t), "title %q is also the title of the item at line %d", v, line)
				return
			}
			seen[h] = int32(t.Pos.Line)
		},
	}
}
