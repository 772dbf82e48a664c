package validate

// ruleChaptersJsonInvalid is reported by Chapters for a JSON chapter file
// that does not follow its format.
func ruleChaptersJsonInvalid() *Rule {
	return &Rule{
		Code:     "chapters-json-invalid",
		Title:    "Chapter file must follow the JSON chapters format",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "PI-CH, PSC",
		Since:    "v0.1.0",
		Doc:      "A Podcasting 2.0 chapters file is a JSON object with a string `version` and a `chapters` array whose entries have a numeric `startTime` in seconds; a Podlove JSON file is an array of objects with a `start` time. Apps that cannot read the file show no chapters at all.",
		Hint:     "Fix the JSON at the reported position; `podfeed chapters` can convert other chapter formats into a valid file.",
		Bad:      `{"version": 1.2, "chapters": [{"startTime": "0:00", "title": "Intro"}]}`,
		Good:     `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}`,
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md"},
	}
}
