package validate

// appleRules returns the rules of this family, in any order; Rules sorts them.
//
// apple-image-size and apple-image-format need the image itself and belong
// to the network family; apple-image-changed-url cannot be judged from one
// copy of a feed.
func appleRules() []*Rule {
	return []*Rule{
		ruleAppleDuplicateTag(),
		ruleAppleDateWeekday(),
		ruleAppleImageMissing(),
		ruleAppleImageHref(),
		ruleAppleImageExtension(),
		ruleAppleCategoryMissing(),
		ruleAppleCategoryInvalid(),
		ruleAppleCategoryObsolete(),
		ruleAppleCategoryStructure(),
		ruleAppleCategoryExtra(),
		ruleAppleExplicitMissing(),
		ruleAppleExplicitValue(),
		ruleAppleAuthor(),
		ruleAppleOwnerEmail(),
		ruleAppleTypeValue(),
		ruleAppleSerialEpisodeNumber(),
		ruleAppleEpisodetypeValue(),
		ruleAppleEpisodeInt(),
		ruleAppleSeasonInt(),
		ruleAppleDurationFormat(),
		ruleAppleDurationInChannel(),
		ruleAppleBlockValue(),
		ruleAppleCompleteValue(),
		ruleAppleNewFeedUrl(),
		ruleAppleTitleTag(),
		ruleAppleText255(),
		ruleAppleDescription4000(),
		ruleAppleValueWhitespace(),
		ruleAppleDescriptionHtml(),
		ruleAppleTitleNumbering(),
		ruleAppleMediaFormat(),
		ruleAppleTypeExtensionMismatch(),
		ruleAppleEnclosureUrlDuplicate(),
		ruleAppleUrlAscii(),
		ruleAppleTagCase(),
	}
}
