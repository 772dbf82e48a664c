package validate

import "strings"

func ruleRssGuidDuplicate() *Rule {
	type state struct{ seen map[string]int }
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
		NewState: func() any { return &state{seen: make(map[string]int)} },
		Item: func(p *Pass, it *Node) {
			g := it.Child(NSNone, "guid")
			if g == nil {
				return
			}
			v := raText(g)
			if v == "" {
				return
			}
			st := p.State.(*state)
			if line, dup := st.seen[v]; dup {
				p.Reportf(raTextPos(g), "<guid> %q is already used by the item at line %d", v, line)
				return
			}
			st.seen[strings.Clone(v)] = g.Pos.Line
		},
	}
}
