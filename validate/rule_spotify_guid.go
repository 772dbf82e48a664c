package validate

func ruleSpotifyGUID() *Rule {
	return &Rule{
		Code:     "spotify-guid",
		Title:    "Episode lacks exactly one guid",
		Severity: Error,
		Profiles: spotProfiles(),
		Source:   "SPOT v1.9 (as summarised)",
		Since:    "v0.1.0",
		Doc: "Spotify's delivery specification requires one `<guid>` per episode; Spotify uses it to " +
			"recognise an episode across feed updates.",
		Hint: "Give every item one stable, unique <guid>.",
		Bad:  "<item>\n  <title>Episode 1</title>\n</item>",
		Good: "<item>\n  <title>Episode 1</title>\n  <guid isPermaLink=\"false\">show-ep-1</guid>\n</item>",
		Refs: []string{spotRef},
		Item: func(p *Pass, it *Node) {
			gs := it.ChildrenNamed(NSNone, "guid")
			switch {
			case len(gs) == 0:
				p.Reportf(it.Pos, "item has no guid; Spotify requires one per episode")
			case len(gs) > 1:
				p.Reportf(gs[1].Pos, "item has %d guid elements; Spotify requires exactly one", len(gs))
			case piVal(gs[0]) == "":
				p.Reportf(gs[0].Pos, "item guid is empty; Spotify requires one per episode")
			}
		},
	}
}
