package validate

// crossRules returns the rules of this family, in any order; Rules sorts them.
func crossRules() []*Rule {
	return []*Rule{}
}
