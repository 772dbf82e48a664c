package validate

// consOrderState remembers the previous item's date.
type consOrderState struct {
	prev     int64
	prevLine int
	have     bool
	reported bool
}

func ruleConsOrder() *Rule {
	return &Rule{
		Code:     "cons-order",
		Title:    "Items are not in reverse chronological order",
		Severity: Info,
		Profiles: consAllProfiles(),
		Source:   "heuristic",
		Since:    "v0.1.0",
		Doc: "RSS does not require an order, but the convention is newest first, and some apps and " +
			"directories read only the first N items of a feed. An older feed order can hide new " +
			"episodes. Reported once, at the first item that is newer than the one before it.",
		Hint:     "Write items newest first.",
		Bad:      "<item><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate></item>\n<item><pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate></item>",
		Good:     "<item><pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate></item>\n<item><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate></item>",
		NewState: func() any { return &consOrderState{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*consOrderState)
			if st.reported {
				return
			}
			t, n, ok := consPubDate(p, it)
			if !ok {
				return
			}
			if st.have && t > st.prev {
				st.reported = true
				p.Reportf(piTextPos(n), "this item (%q) is newer than the item before it (line %d); items are not newest first", piVal(n), st.prevLine)
				return
			}
			st.prev, st.prevLine, st.have = t, n.Pos.Line, true
		},
	}
}
