package validate

// rssRules returns the rules of this family, in any order; Rules sorts them.
func rssRules() []*Rule {
	return []*Rule{
		ruleRssEnclosureHTTP(),
		ruleRssRelativeLink(),
		ruleRssRoot(),
		ruleRssChannelTitle(),
		ruleRssChannelDescription(),
		ruleRssChannelLink(),
		ruleRssChannelLanguage(),
		ruleRssDateRfc822(),
		ruleRssDateImplausible(),
		ruleRssDuplicateSingleton(),
		ruleRssItemTitle(),
		ruleRssGuidMissing(),
		ruleRssGuidPermalink(),
		ruleRssGuidDuplicate(),
		ruleRssGuidWhitespace(),
		ruleRssEnclosureMissing(),
		ruleRssEnclosureAttrs(),
		ruleRssEnclosureUrl(),
		ruleRssEnclosureLengthInt(),
		ruleRssEnclosureLengthSuspect(),
		ruleRssEnclosureType(),
		ruleRssEnclosureMultiple(),
		ruleRssLinkUrl(),
		ruleRssAtomSelf(),
		ruleRssAtomSelfMismatch(),
		ruleRssImage(),
		ruleRssTtl(),
		ruleRssEmail(),
		ruleRssContentEncoded(),
		ruleRssNoItems(),
		ruleRssUnknownElement(),
	}
}
