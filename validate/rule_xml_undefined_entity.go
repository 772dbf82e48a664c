package validate

// ruleXmlUndefinedEntity is reported by the engine while it scans.
func ruleXmlUndefinedEntity() *Rule {
	return &Rule{
		Code:     "xml-undefined-entity",
		Title:    "Only XML's five named entities are defined",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XML, FV",
		Since:    "v0.1.0",
		Doc:      "XML defines only `&lt;`, `&gt;`, `&amp;`, `&apos;` and `&quot;`. HTML names such as `&nbsp;`, `&eacute;` or `&mdash;` are undefined, so a strict parser (Apple's included) rejects the whole feed. podfeed reports each one and reads it as HTML would, so the other rules still run.",
		Hint:     "Write the character itself in UTF-8 (é, —) or use a numeric reference (`&#160;` for a no-break space), or put the HTML inside CDATA.",
		Bad:      "<description>Caf&eacute;&nbsp;talk</description>",
		Good:     "<description>Café&#160;talk</description>",
		Refs:     []string{"https://www.w3.org/TR/xml/#sec-predefined-ent"},
	}
}
