package validate

// ruleXmlUnboundPrefix is reported by the engine while it scans.
func ruleXmlUnboundPrefix() *Rule {
	return &Rule{
		Code:     "xml-unbound-prefix",
		Title:    "Every namespace prefix must be declared",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XMLNS, ISS node-rss#57",
		Since:    "v0.1.0",
		Doc:      "A prefixed name such as `itunes:image` only means something when the prefix is bound with `xmlns:itunes=\"…\"` on the element or an ancestor. Without the declaration namespace-aware parsers reject the feed or ignore the tags. podfeed reports the first use of each undeclared prefix and then reads well-known prefixes (itunes, podcast, content, atom, …) with their usual namespace, so the other rules still run.",
		Hint:     "Declare the namespace on the root element, e.g. `<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">`.",
		Bad:      "<rss version=\"2.0\">\n  <channel><itunes:author>Ann</itunes:author>",
		Good:     "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n  <channel><itunes:author>Ann</itunes:author>",
		Refs:     []string{"https://www.w3.org/TR/xml-names/#nsc-NSDeclared", "https://github.com/dylang/node-rss/issues/57"},
	}
}
