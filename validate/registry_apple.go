package validate

// appleRules returns the rules of this family, in any order; Rules sorts them.
func appleRules() []*Rule {
	return []*Rule{}
}
