package validate

func ruleConsSeasonMismatch() *Rule {
	return &Rule{
		Code:     "cons-season-mismatch",
		Title:    "podcast:season or podcast:episode disagrees with the itunes: value",
		Severity: Info,
		Profiles: []Profile{ProfileApple, ProfilePodcastIndex},
		Source:   "PI season, APG",
		Since:    "v0.1.0",
		Doc: "An item may number itself twice: `itunes:season`/`itunes:episode` for Apple and " +
			"`podcast:season`/`podcast:episode` for Podcasting 2.0 apps. When both are whole numbers " +
			"and differ, apps show different numbers. A decimal `podcast:episode` (`315.5`, a " +
			"mini-episode between two others) is not compared.",
		Hint: "Make both tags carry the same number.",
		Bad:  "<itunes:episode>12</itunes:episode>\n<podcast:episode>13</podcast:episode>",
		Good: "<itunes:episode>12</itunes:episode>\n<podcast:episode>12</podcast:episode>",
		Refs: []string{piRef("season"), piRef("episode"), consAPG},
		Item: func(p *Pass, it *Node) {
			for i, local := range [2]string{"season", "episode"} {
				pk, ik := ckPodSeason, ckItSeason
				if i == 1 {
					pk, ik = ckPodEpisode, ckItEpisode
				}
				pn := p.kid(it, pk)
				in := p.kid(it, ik)
				if pn == nil || in == nil {
					continue
				}
				pv, iv := piVal(pn), piVal(in)
				if !raIsDigits(pv) || !raIsDigits(iv) || len(pv) > 9 || len(iv) > 9 {
					continue
				}
				if piAtoi(pv) != piAtoi(iv) {
					p.Reportf(piTextPos(pn), "podcast:%s is %q but itunes:%s (line %d) is %q", local, pv, local, in.Pos.Line, iv)
				}
			}
		},
	}
}
