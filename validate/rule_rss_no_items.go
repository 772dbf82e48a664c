package validate

func ruleRssNoItems() *Rule {
	type state struct {
		ch   Pos
		list bool
		seen bool
	}
	return &Rule{
		Code:     "rss-no-items",
		Title:    "Feed needs at least one episode",
		Severity: Error,
		Profiles: raRSSProfiles(),
		Source:   "PRX, HE, PI medium (§7)",
		Since:    "v0.1.0",
		Doc: "Apple and the other directories refuse a feed without episodes, and apps show an " +
			"empty show. Publisher and list feeds (`podcast:medium` publisher, mixed or `…L`) " +
			"legitimately have no items and are exempt (catalogue §7).",
		Hint:     "Publish at least one `<item>` with an enclosure before submitting the feed.",
		Bad:      "<channel><title>My Show</title>…</channel>",
		Good:     "<channel><title>My Show</title>…<item>…</item></channel>",
		Refs:     []string{"https://help.prx.org/hc/en-us/articles/360023748473-Overview-of-feed-requirements", "https://podcastindex.org/namespace/1.0#medium"},
		NewState: func() any { return &state{} },
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*state)
			if !st.seen {
				st.seen, st.ch, st.list = true, ch.Pos, raListMedium(ch)
			}
		},
		Finish: func(p *Pass) {
			st := p.State.(*state)
			if st.seen && !st.list && p.Doc.ItemCount == 0 {
				p.Reportf(st.ch, "the channel has no <item>: there are no episodes")
			}
		},
	}
}
