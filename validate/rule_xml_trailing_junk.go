package validate

// ruleXmlTrailingJunk is reported by the engine while it scans.
func ruleXmlTrailingJunk() *Rule {
	return &Rule{
		Code:     "xml-trailing-junk",
		Title:    "Comments after the root element",
		Severity: Info,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "BLU, XML",
		Since:    "v0.1.0",
		Doc:      "XML allows comments and processing instructions after `</rss>`, but caching plugins that append them (`<!-- generated in 0.2 s -->`) have been reported to upset Apple's ingestion intermittently. Text or elements after the root are a well-formedness error, reported as xml-not-well-formed.",
		Hint:     "Turn off the footer comment of the caching or minifying plugin for the feed URL.",
		Bad:      "</rss>\n<!-- Page cached by WP Super Cache -->",
		Good:     "</rss>",
		Refs:     []string{"https://www.w3.org/TR/xml/#sec-documents"},
	}
}
