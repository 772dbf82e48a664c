package validate

// consTrailerState remembers the guid of each numbered full episode and
// trailer, as hashes.
type consTrailerState struct {
	full, trailer map[consSeasonEpisode]consGUIDAt
}

type consGUIDAt struct {
	hash uint64
	line int
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
		Hint: "Give the trailer a guid of its own.",
		Bad:  "<item><itunes:episodeType>trailer</itunes:episodeType><itunes:episode>4</itunes:episode><guid>ep4</guid></item>\n<item><itunes:episode>4</itunes:episode><guid>ep4</guid></item>",
		Good: "<item><itunes:episodeType>trailer</itunes:episodeType><itunes:episode>4</itunes:episode><guid>ep4-trailer</guid></item>\n<item><itunes:episode>4</itunes:episode><guid>ep4</guid></item>",
		Refs: []string{consAPG},
		NewState: func() any {
			return &consTrailerState{full: map[consSeasonEpisode]consGUIDAt{}, trailer: map[consSeasonEpisode]consGUIDAt{}}
		},
		Item: func(p *Pass, it *Node) {
			ep, _, ok := consItunesInt(it, "episode")
			if !ok || ep == 0 { // 0 is apple-episode-int's
				return
			}
			g := it.Child(NSNone, "guid")
			if g == nil || piVal(g) == "" {
				return
			}
			season, _, _ := consItunesInt(it, "season")
			k := consSeasonEpisode{season, ep}
			cur := consGUIDAt{consHash(piVal(g)), g.Pos.Line}
			st := p.State.(*consTrailerState)
			isTrailer := false
			if t := it.Child(NSItunes, "episodeType"); t != nil && piVal(t) == "trailer" {
				isTrailer = true
			}
			mine, other := st.full, st.trailer
			if isTrailer {
				mine, other = st.trailer, st.full
			}
			if o, ok := other[k]; ok && o.hash == cur.hash {
				p.Reportf(piTextPos(g), "guid %q is shared by the trailer and the full episode %d (other item's guid at line %d); a trailer needs its own guid", piVal(g), ep, o.line)
			}
			if _, ok := mine[k]; !ok {
				mine[k] = cur
			}
		},
	}
}
