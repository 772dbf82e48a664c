package validate

// ruleXmlDoctypeEntities is reported by the engine while it scans.
func ruleXmlDoctypeEntities() *Rule {
	return &Rule{
		Code:     "xml-doctype-entities",
		Title:    "Feed should have no DOCTYPE or entity declarations",
		Severity: Warning,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XML, security",
		Since:    "v0.1.0",
		Doc:      "RSS feeds need no DOCTYPE. Entity declarations are a security hazard (external entities, the billion-laughs expansion) so careful parsers refuse them or do not expand them: podfeed never expands or fetches them, and reports their presence. References to declared entities are reported as xml-undefined-entity, since most podcast apps will not expand them either.",
		Hint:     "Remove the DOCTYPE and write the entities' text (or numeric references) directly.",
		Bad:      "<!DOCTYPE rss [<!ENTITY show \"My Show\">]>",
		Good:     "(no DOCTYPE)",
		Refs:     []string{"https://www.w3.org/TR/xml/#sec-prolog-dtd", "https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing"},
	}
}
