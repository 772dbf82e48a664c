package validate

// xmlRules returns the rules of this family, in any order; Rules sorts them.
func xmlRules() []*Rule {
	return []*Rule{}
}
