package validate

// ruleXmlInvalidChar is reported by the engine while it scans.
func ruleXmlInvalidChar() *Rule {
	return &Rule{
		Code:     "xml-invalid-char",
		Title:    "Control characters are not allowed in XML",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XML",
		Since:    "v0.1.0",
		Doc:      "XML 1.0 forbids the control characters U+0000–U+001F other than tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF, even as numeric references. They usually come from text pasted out of word processors or databases; strict parsers reject the feed.",
		Hint:     "Delete the character, or replace it with a space; check the tool that produced the text.",
		Bad:      "<title>Episode\u000b1</title>  (a raw U+000B vertical tab)",
		Good:     "<title>Episode 1</title>",
		Refs:     []string{"https://www.w3.org/TR/xml/#charsets"},
	}
}
