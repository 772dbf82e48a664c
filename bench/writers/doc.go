// Package writers compares podfeed's feed writer with two Go peers,
// github.com/eduncan911/podcast and github.com/gorilla/feeds, writing the
// same episodes in one benchmark run. It is a separate module so that the
// peers never enter podfeed's own go.mod.
//
// Run: cd bench/writers && go test -run '^$' -bench . -benchmem -count 5
package writers
