package validate

// ruleXmlNotWellFormed is reported by the engine while it scans.
func ruleXmlNotWellFormed() *Rule {
	return &Rule{
		Code:     "xml-not-well-formed",
		Title:    "Feed must be well-formed XML",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XML, APR",
		Since:    "v0.1.0",
		Doc:      "The feed must parse as well-formed XML 1.0: every tag closed and properly nested, `&` and `<` escaped in text, attribute values quoted, exactly one root element. Apple, Spotify and every podcast app refuse a feed that does not parse, usually without saying where it broke. podfeed reports the first place the document stops being XML, with everything it found before that point.",
		Hint:     "Fix the markup at the reported position: escape a bare `&` as `&amp;` and `<` as `&lt;`, close or re-nest the tag named in the message, or quote the attribute value.",
		Bad:      "<title>Tom & Jerry</title>",
		Good:     "<title>Tom &amp; Jerry</title>",
		Refs:     []string{"https://www.w3.org/TR/xml/#sec-well-formed", "https://podcasters.apple.com/support/823-podcast-requirements"},
	}
}
