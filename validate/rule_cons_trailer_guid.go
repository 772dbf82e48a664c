package validate

// consTrailerGUIDs holds, for one (season, episode), the guid hashes of
// the first full episode and the first trailer with that number.
type consTrailerGUIDs struct {
	full, trailer         uint64
	fullLine, trailerLine int32
}

func ruleConsTrailerGUID() *Rule {
	return &Rule{
		Code:     "cons-trailer-guid",
		Title:    "Episode trailer has the same guid as its episode",
		Severity: Info,
		Profiles: []Profile{ProfileApple},
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "An episode trailer carries the number of the episode it announces (`itunes:episodeType` " +
			"trailer with `itunes:episode`). It is still a separate item and needs its own guid: with " +
			"the same guid, apps treat the two as one episode and one replaces the other.",
		Hint:     "Give the trailer a guid of its own.",
		Bad:      "<item><itunes:episodeType>trailer</itunes:episodeType><itunes:episode>4</itunes:episode><guid>ep4</guid></item>\n<item><itunes:episode>4</itunes:episode><guid>ep4</guid></item>",
		Good:     "<item><itunes:episodeType>trailer</itunes:episodeType><itunes:episode>4</itunes:episode><guid>ep4-trailer</guid></item>\n<item><itunes:episode>4</itunes:episode><guid>ep4</guid></item>",
		Refs:     []string{consAPG},
		NewState: func() any { return map[consSeasonEpisode]consTrailerGUIDs{} },
		Item: func(p *Pass, it *Node) {
			ep, _, ok := consItunesInt(p, it, ckItEpisode)
			if !ok || ep == 0 { // 0 is apple-episode-int's
				return
			}
			g := p.kid(it, ckGUID)
			if g == nil || piVal(g) == "" {
				return
			}
			season, _, _ := consItunesInt(p, it, ckItSeason)
			k := consSeasonEpisode{int32(season), int32(ep)}
			h, line := consHash(piVal(g)), int32(g.Pos.Line)
			st := p.State.(map[consSeasonEpisode]consTrailerGUIDs)
			e := st[k]
			if t := p.kid(it, ckItEpisodeType); t != nil && piVal(t) == "trailer" {
				if e.fullLine > 0 && e.full == h {
					p.Reportf(piTextPos(g), "guid %q is shared by this trailer and full episode %d (its guid at line %d); a trailer needs its own guid", piVal(g), ep, e.fullLine)
				}
				if e.trailerLine == 0 {
					e.trailer, e.trailerLine = h, line
				}
			} else {
				if e.trailerLine > 0 && e.trailer == h {
					p.Reportf(piTextPos(g), "guid %q is shared by this full episode %d and its trailer (guid at line %d); a trailer needs its own guid", piVal(g), ep, e.trailerLine)
				}
				if e.fullLine == 0 {
					e.full, e.fullLine = h, line
				}
			}
			st[k] = e
		},
	}
}
