// Package golden compares generated test output with a golden file in
// testdata and rewrites the file when the test runs with -update.
//
// It is imported by tests only. It must not import any podfeed package,
// and it defines no flags: each test package declares its own
// flag.Bool("update", …) and passes its value.
package golden
