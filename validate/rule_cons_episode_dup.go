package validate

func ruleConsEpisodeDup() *Rule {
	return &Rule{
		Code:     "cons-episode-dup",
		Title:    "Two full episodes share a season and episode number",
		Severity: Warning,
		Profiles: []Profile{ProfileApple},
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "`itunes:episode` (with `itunes:season`) numbers the full episodes; apps sort and label by " +
			"it, and serial shows are played in that order. Two full episodes with the same numbers " +
			"are shown as one slot or out of order. Trailers and bonus episodes may share a number " +
			"with the episode they belong to.",
		Hint:     "Give each full episode its own number, or mark extras as bonus or trailer.",
		Bad:      "<item><itunes:episode>3</itunes:episode>…</item>\n<item><itunes:episode>3</itunes:episode>…</item>",
		Good:     "<item><itunes:episode>3</itunes:episode>…</item>\n<item><itunes:episode>4</itunes:episode>…</item>",
		Refs:     []string{consAPG},
		NewState: func() any { return map[consSeasonEpisode]int32{} },
		Item: func(p *Pass, it *Node) {
			if !consIsFull(p, it) {
				return
			}
			ep, epn, ok := consItunesInt(p, it, ckItEpisode)
			if !ok || ep == 0 { // 0 is apple-episode-int's
				return
			}
			season, _, _ := consItunesInt(p, it, ckItSeason)
			seen := p.State.(map[consSeasonEpisode]int32)
			k := consSeasonEpisode{int32(season), int32(ep)}
			if line, dup := seen[k]; dup {
				if season > 0 {
					p.Reportf(epn.Pos, "season %d episode %d is also the number of the full episode at line %d", season, ep, line)
				} else {
					p.Reportf(epn.Pos, "episode %d is also the number of the full episode at line %d", ep, line)
				}
				return
			}
			seen[k] = int32(epn.Pos.Line)
		},
	}
}
