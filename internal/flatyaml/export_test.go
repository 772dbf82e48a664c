package flatyaml

// Diff is diff, for package flatyaml_test.
var Diff = diff
