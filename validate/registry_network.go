package validate

// networkRules returns the rules of this family, in any order; Rules sorts them.
func networkRules() []*Rule {
	return []*Rule{
		ruleNetEnclosureReachable(),
		ruleNetEnclosureByteRange(),
		ruleNetEnclosureLength(),
		ruleNetEnclosureContentType(),
		ruleNetEnclosureRedirects(),
		ruleNetArtwork(),
		ruleNetChaptersJson(),
		ruleNetTranscript(),
		ruleNetCors(),
		ruleNetHttps(),
		ruleNetFeedStatus(),
		ruleNetFeedContentType(),
		ruleNetFeedRedirect(),
		ruleNetFeedHead(),
		ruleNetFeedSize(),
		ruleNetFeedCaching(),
		ruleNetMediaProbe(),
		ruleNetThirdPartyUrl(),
	}
}
