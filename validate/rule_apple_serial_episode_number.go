package validate

func ruleAppleSerialEpisodeNumber() *Rule {
	type state struct{ missing []Pos }
	return &Rule{
		Code:     "apple-serial-episode-number",
		Title:    "Episodes of a serial show need itunes:episode",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple presents a serial show (`<itunes:type>serial</itunes:type>`) in episode " +
			"order, and its guide makes episode numbers mandatory for serial shows. Trailers and " +
			"bonus episodes (`itunes:episodeType` trailer or bonus) have no number and are exempt " +
			"(catalogue §7).",
		Hint:     "Add `<itunes:episode>N</itunes:episode>` to every full episode.",
		Bad:      "<item><title>Chapter 1</title>…</item>",
		Good:     "<item><title>Chapter 1</title><itunes:episode>1</itunes:episode>…</item>",
		Refs:     []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		NewState: func() any { return &state{} },
		Item: func(p *Pass, it *Node) {
			if p.kid(it, ckItEpisode) != nil {
				return
			}
			switch raText(p.kid(it, ckItEpisodeType)) {
			case "trailer", "bonus":
				return
			}
			st := p.State.(*state)
			st.missing = append(st.missing, it.Pos)
		},
		Channel: func(p *Pass, ch *Node) {
			if raText(ch.Child(NSItunes, "type")) != "serial" {
				return
			}
			for _, pos := range p.State.(*state).missing {
				p.Reportf(pos, "this full episode of a serial show has no <itunes:episode> number")
			}
		},
	}
}
