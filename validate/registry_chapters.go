package validate

// chaptersRules returns the rules for chapter files given to validate
// (reported by Chapters, not by Run), in any order; Rules sorts them.
func chaptersRules() []*Rule {
	return []*Rule{
		ruleChaptersJsonInvalid(),
		ruleChaptersOrder(),
		ruleChaptersEndBeforeStart(),
	}
}
