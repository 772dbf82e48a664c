package validate

// rssRules returns the rules of this family, in any order; Rules sorts them.
func rssRules() []*Rule {
	return []*Rule{}
}
