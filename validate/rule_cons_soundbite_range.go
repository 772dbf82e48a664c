package validate

func ruleConsSoundbiteRange() *Rule {
	return &Rule{
		Code:     "cons-soundbite-range",
		Title:    "podcast:soundbite extends past the end of the episode",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI soundbite",
		Since:    "v0.1.0",
		Doc: "A soundbite is a part of the episode's enclosure. When `startTime` + `duration` is past " +
			"the episode's `itunes:duration`, apps cannot play it (or the duration is wrong).",
		Hint: "Fix the soundbite's times, or the episode's itunes:duration.",
		Bad:  "<itunes:duration>600</itunes:duration>\n<podcast:soundbite startTime=\"590\" duration=\"60\"/>",
		Good: "<itunes:duration>600</itunes:duration>\n<podcast:soundbite startTime=\"500\" duration=\"60\"/>",
		Refs: []string{piRef("soundbite")},
		Item: func(p *Pass, it *Node) {
			dn := p.kid(it, ckItDuration)
			if dn == nil {
				return
			}
			total, ok := piDurationSeconds(dn.Text)
			if !ok || total <= 0 {
				return
			}
			p.eachKid(it, ckPodSoundbite, func(sb *Node) {
				sa, da := sb.Attr("startTime"), sb.Attr("duration")
				if sa == nil || da == nil {
					return
				}
				s, ok1 := piDecimal(trimSpace(sa.Value))
				d, ok2 := piDecimal(trimSpace(da.Value))
				if !ok1 || !ok2 {
					return
				}
				if s+d > total+1 { // one second of slack for rounded durations
					p.Reportf(sb.Pos, "soundbite from %s s for %s s ends at %.1f s, after the episode's itunes:duration %q (%.0f s)", sa.Value, da.Value, s+d, piVal(dn), total)
				}
			})
		},
	}
}
