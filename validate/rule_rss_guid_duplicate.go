package validate

func ruleRssGuidDuplicate() *Rule {
	// the set holds hashes, not the values: it grows with the feed
	type state struct{ seen map[uint64]int32 }
	return &Rule{
		Code:     "rss-guid-duplicate",
		Title:    "Episode <guid>s must be unique",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "APG, APR, FV (DuplicateValue)",
		Since:    "v0.1.0",
		Doc: "Apps identify episodes by guid. Two items with the same guid are taken as one " +
			"episode: one of them disappears, or listeners' play state jumps between them. " +
			"The comparison is case-sensitive.",
		Hint:     "Give every item its own guid; never reuse one.",
		Bad:      "<item><guid>ep1</guid>…</item><item><guid>ep1</guid>…</item>",
		Good:     "<item><guid>ep1</guid>…</item><item><guid>ep2</guid>…</item>",
		Refs:     []string{"https://podcasters.apple.com/support/823-podcast-requirements"},
		NewState: func() any { return &state{seen: make(map[uint64]int32)} },
		Item: func(p *Pass, it *Node) {
			g := p.kid(it, ckGUID)
			if g == nil {
				return
			}
			v := raText(g)
			if v == "" {
				return
			}
			st := p.State.(*state)
			h := consHash(v)
			if line, dup := st.seen[h]; dup {
				p.Reportf(raTextPos(g), "<guid> %q is already used by the item at line %d", v, line)
				return
			}
			st.seen[h] = int32(g.Pos.Line)
		},
	}
}
