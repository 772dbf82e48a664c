package validate

func ruleAppleEnclosureUrlDuplicate() *Rule {
	// the set holds hashes, not the values: it grows with the feed
	type state struct{ seen map[uint64]int32 }
	return &Rule{
		Code:     "apple-enclosure-url-duplicate",
		Title:    "Each episode needs its own enclosure URL",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APR, PRX, CFV",
		Since:    "v0.1.0",
		Doc: "Apple ignores an episode whose enclosure URL is already used by another episode " +
			"of the feed, so the later one never appears.",
		Hint:     "Give every episode its own media file URL.",
		Bad:      "<item>…<enclosure url=\"https://example.com/ep1.mp3\" …/></item><item>…<enclosure url=\"https://example.com/ep1.mp3\" …/></item>",
		Good:     "<item>…<enclosure url=\"https://example.com/ep1.mp3\" …/></item><item>…<enclosure url=\"https://example.com/ep2.mp3\" …/></item>",
		Refs:     []string{"https://podcasters.apple.com/support/823-podcast-requirements"},
		NewState: func() any { return &state{seen: make(map[uint64]int32)} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*state)
			raEachEnclosureAttr(p, it, "url", func(_ *Node, a *Attr, v string) {
				if v == "" {
					return
				}
				h := consHash(v)
				if line, dup := st.seen[h]; dup {
					p.Reportf(a.Pos, "enclosure url %q is already used at line %d; Apple ignores this episode", v, line)
					return
				}
				st.seen[h] = int32(a.Pos.Line)
			})
		},
	}
}
