package validate

// crossRules returns the rules of this family, in any order; Rules sorts them.
func crossRules() []*Rule {
	return []*Rule{
		ruleConsDurationVsLength(),
		ruleConsEpisodeDup(),
		ruleConsLastBuild(),
		ruleConsMixedScheme(),
		ruleConsOrder(),
		ruleConsSeasonMismatch(),
		ruleConsSerialOrder(),
		ruleConsSoundbiteRange(),
		ruleConsTitleDup(),
		ruleConsTrailerGUID(),
	}
}
