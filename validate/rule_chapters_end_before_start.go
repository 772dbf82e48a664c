package validate

// ruleChaptersEndBeforeStart is reported by Chapters for a chapter that
// ends before it starts.
func ruleChaptersEndBeforeStart() *Rule {
	return &Rule{
		Code:     "chapters-end-before-start",
		Title:    "A chapter should not end before it starts",
		Severity: Warning,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "PI-CH",
		Since:    "v0.1.0",
		Doc:      "An `endTime` at or before the chapter's `startTime` is meaningless; the spec does not say what apps should do, so they differ (a heuristic check, hence a warning).",
		Hint:     "Fix the endTime, or drop it: the next chapter's start ends a chapter anyway.",
		Bad:      `{"startTime": 120, "endTime": 60, "title": "Outro"}`,
		Good:     `{"startTime": 120, "endTime": 180, "title": "Outro"}`,
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md"},
	}
}
