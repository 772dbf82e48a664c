package validate

import (
	"slices"
	"strings"
)

// consNumbered is a full episode's number and where it was written.
type consNumbered struct {
	episode, line, col int32
}

func ruleConsSerialOrder() *Rule {
	return &Rule{
		Code:     "cons-serial-order",
		Title:    "Serial show skips episode numbers within a season",
		Severity: Info,
		Profiles: []Profile{ProfileApple},
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "A serial show (`itunes:type` serial) is meant to be heard in order, and apps present it " +
			"by `itunes:season` and `itunes:episode`. A gap in the numbers of a season's full " +
			"episodes makes listeners think an episode is missing.",
		Hint:     "Renumber the episodes, or add the missing one.",
		Bad:      "<itunes:type>serial</itunes:type>\n<item><itunes:episode>1</itunes:episode></item>\n<item><itunes:episode>3</itunes:episode></item>",
		Good:     "<itunes:type>serial</itunes:type>\n<item><itunes:episode>1</itunes:episode></item>\n<item><itunes:episode>2</itunes:episode></item>",
		Refs:     []string{consAPG},
		NewState: func() any { return map[int32][]consNumbered{} },
		Item: func(p *Pass, it *Node) {
			if !consIsFull(p, it) {
				return
			}
			ep, n, ok := consItunesInt(p, it, ckItEpisode)
			if !ok || ep == 0 { // 0 is apple-episode-int's
				return
			}
			season, _, _ := consItunesInt(p, it, ckItSeason)
			st := p.State.(map[int32][]consNumbered)
			pos := piTextPos(n)
			st[int32(season)] = append(st[int32(season)], consNumbered{int32(ep), int32(pos.Line), int32(pos.Col)})
		},
		Channel: func(p *Pass, ch *Node) {
			t := ch.Child(NSItunes, "type")
			if t == nil || strings.ToLower(piVal(t)) != "serial" {
				return
			}
			st := p.State.(map[int32][]consNumbered)
			seasons := make([]int32, 0, len(st))
			for s := range st {
				seasons = append(seasons, s)
			}
			slices.Sort(seasons)
			for _, s := range seasons {
				eps := st[s]
				slices.SortFunc(eps, func(a, b consNumbered) int { return int(a.episode - b.episode) })
				for i := 1; i < len(eps); i++ {
					if eps[i].episode > eps[i-1].episode+1 {
						if s > 0 {
							p.Reportf(Pos{int(eps[i].line), int(eps[i].col)}, "season %d jumps from episode %d to %d", s, eps[i-1].episode, eps[i].episode)
						} else {
							p.Reportf(Pos{int(eps[i].line), int(eps[i].col)}, "episode numbers jump from %d to %d", eps[i-1].episode, eps[i].episode)
						}
					}
				}
			}
		},
	}
}
