package validate

// ruleChaptersOrder is reported by Chapters for chapters out of order.
func ruleChaptersOrder() *Rule {
	return &Rule{
		Code:     "chapters-order",
		Title:    "Chapters should be in ascending start order",
		Severity: Warning,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "PI-CH",
		Since:    "v0.1.0",
		Doc:      "The Podcasting 2.0 chapters format says chapter order is *assumed* to be ascending by `startTime`; apps list chapters in file order and jump to the wrong place when a chapter starts before the one above it, or at the same time.",
		Hint:     "Sort the chapters by start time and remove duplicates.",
		Bad:      `{"version": "1.2.0", "chapters": [{"startTime": 60}, {"startTime": 0}]}`,
		Good:     `{"version": "1.2.0", "chapters": [{"startTime": 0}, {"startTime": 60}]}`,
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md"},
	}
}
