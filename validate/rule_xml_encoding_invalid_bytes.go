package validate

// ruleXmlEncodingInvalidBytes is reported by the engine while it scans.
func ruleXmlEncodingInvalidBytes() *Rule {
	return &Rule{
		Code:     "xml-encoding-invalid-bytes",
		Title:    "Bytes must be valid in the feed's encoding",
		Severity: Error,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "XML",
		Since:    "v0.1.0",
		Doc:      "Every byte must decode in the declared encoding, which for podcast feeds is UTF-8. A Windows-1252 or ISO-8859-1 byte (`0xE9` for é) in a UTF-8 feed is a fatal error for strict parsers and shows as � in lenient ones.",
		Hint:     "Re-encode the text as UTF-8, or declare the encoding the bytes are really in (then convert the feed to UTF-8, which Apple asks for).",
		Bad:      "<title>Caf\\xe9</title>  (byte 0xE9 in a UTF-8 feed)",
		Good:     "<title>Café</title>  (bytes 0xC3 0xA9)",
		Refs:     []string{"https://www.w3.org/TR/xml/#charencoding"},
	}
}
