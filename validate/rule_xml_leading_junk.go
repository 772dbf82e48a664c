package validate

// ruleXmlLeadingJunk is reported by the engine while it scans.
func ruleXmlLeadingJunk() *Rule {
	return &Rule{
		Code:     "xml-leading-junk",
		Title:    "Nothing may come before the XML declaration",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "FV (WPBlankLine)",
		Since:    "v0.1.0",
		Doc:      "The XML declaration must be the very first thing in the file: no blank line, no white space after a byte-order mark, no PHP warning or HTML. A blank line before `<?xml` is a classic WordPress plugin bug, and strict parsers (Apple's among them) reject the feed. Text before the root element of a feed without a declaration is equally broken.",
		Hint:     "Remove whatever comes before `<?xml`; in WordPress, look for a blank line before `<?php` or after `?>` in the theme or a plugin.",
		Bad:      "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
		Good:     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
		Refs:     []string{"https://validator.w3.org/feed/docs/warning/WPBlankLine.html", "https://www.w3.org/TR/xml/#sec-prolog-dtd"},
	}
}
