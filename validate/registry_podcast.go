package validate

// podcastRules returns the rules of this family, in any order; Rules sorts them.
func podcastRules() []*Rule {
	return []*Rule{}
}
