package validate

func ruleRssEnclosureMissing() *Rule {
	type state struct {
		with    int   // items with an enclosure
		without []Pos // items without one
		list    bool  // publisher or list feed
	}
	return &Rule{
		Code:     "rss-enclosure-missing",
		Title:    "Episode needs an <enclosure>",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "The `<enclosure>` is the episode's media file: items without one are ignored by " +
			"podcast apps and Apple. When no item of the feed has an enclosure it is not a " +
			"podcast feed at all (error, reported once); when only some items lack one, each is " +
			"a warning. Publisher and list feeds (`podcast:medium` publisher, mixed or `…L`) are " +
			"exempt.",
		Hint:     "Add `<enclosure url=\"…\" length=\"…\" type=\"audio/mpeg\"/>` to the item, or remove items that are not episodes.",
		Bad:      "<item><title>Ep</title></item>",
		Good:     "<item><title>Ep</title><enclosure url=\"https://example.com/ep.mp3\" length=\"1234\" type=\"audio/mpeg\"/></item>",
		Refs:     []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		NewState: func() any { return &state{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*state)
			if p.kid(it, ckEnclosure) != nil {
				st.with++
				return
			}
			st.without = append(st.without, it.Pos)
		},
		Channel: func(p *Pass, ch *Node) { p.State.(*state).list = raListMedium(ch) },
		Finish: func(p *Pass) {
			st := p.State.(*state)
			if st.list || len(st.without) == 0 {
				return
			}
			if st.with == 0 && len(st.without) == 1 {
				p.Reportf(st.without[0], "the feed's only item has no <enclosure>: apps see no episodes")
				return
			}
			if st.with == 0 {
				p.Reportf(st.without[0], "none of the %d items has an <enclosure>: apps see no episodes", len(st.without))
				return
			}
			for _, pos := range st.without {
				p.ReportSeverityf(Warning, pos, "the item has no <enclosure>; apps will ignore it")
			}
		},
	}
}
