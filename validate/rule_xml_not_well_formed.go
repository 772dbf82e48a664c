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
		Doc:      "The feed must parse as well-formed XML 1.0: every tag closed and properly nested, `&` and `<` escaped in text, attribute values quoted, exactly one root element. Apple, Spotify and every podcast app refuse a feed that does not parse, usually without saying where it broke. podfeed reports the first place the document stops being XML, with everything it found before that point; a bare `&` (`Tom & Jerry`, a URL's `?a=1&b=2`), the most common slip, is reported at every place and read as a literal `&`, so one run lists them all and checks the rest of the feed. It also stops, under this code and with a message that names the limit, at its safety limits, which no real feed comes near: elements nested more than 256 deep (libxml2's own limit, which many podcast apps parse with), more than 10,000 attributes on one element, a single tag or declaration longer than 16 MiB, more than 50,000 elements and attributes in one item (200,000 in the channel outside its items). Text, CDATA sections and comments have no length limit: podfeed reads them in pieces and keeps the first MiB of each element's text for the rules.",
		Hint:     "Fix the markup at the reported position: escape a bare `&` as `&amp;` and `<` as `&lt;`, close or re-nest the tag named in the message, or quote the attribute value.",
		Bad:      "<title>Tom & Jerry</title>",
		Good:     "<title>Tom &amp; Jerry</title>",
		Refs:     []string{"https://www.w3.org/TR/xml/#sec-well-formed", "https://podcasters.apple.com/support/823-podcast-requirements"},
	}
}
