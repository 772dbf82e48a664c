package flatyaml

// Diff is diff, for package flatyaml_test.
var Diff = diff

// KeyCompares parses data and returns how many key comparisons the
// duplicate check made.
func KeyCompares(data string) (ok bool, compares int) {
	_, ok, p := parse(data, nil)
	return ok, p.compares
}
