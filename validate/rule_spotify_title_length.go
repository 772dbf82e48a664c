package validate

// spotTitleAdvice is the title length, in characters, above which the
// distinguishing words are likely cut off on small screens. Spotify gives
// no figure; 100 is a conservative heuristic.
const spotTitleAdvice = 100

func ruleSpotifyTitleLength() *Rule {
	return &Rule{
		Code:     "spotify-title-length",
		Title:    "Long episode title will be truncated",
		Severity: Info,
		Profiles: spotProfiles(),
		Source:   "SPOT §4.3 (as quoted)",
		Since:    "v0.1.0",
		Doc: "Spotify sets no hard cap on episode titles, but truncates them according to the device. " +
			"Long titles lose their end on phones, so the words that tell the episode apart should " +
			"come first. Titles over 100 characters are reported (a heuristic: Spotify gives no figure).",
		Hint: "Shorten the title, or put the distinguishing words first.",
		Bad:  "<title>The Weekly Show with Jane and John, Episode 212: in which we finally talk about the garden shed and other things</title>",
		Good: "<title>The garden shed, finally (ep. 212)</title>",
		Refs: []string{spotRef},
		Item: func(p *Pass, it *Node) {
			t := p.kid(it, ckTitle)
			if t == nil {
				return
			}
			v := piVal(t)
			if len(v) <= spotTitleAdvice {
				return
			}
			if n := raRuneCount(v); n > spotTitleAdvice {
				p.Reportf(piTextPos(t), "episode title is %d characters long; Spotify truncates long titles on small screens, so put the distinguishing words first: %q", n, v)
			}
		},
	}
}
