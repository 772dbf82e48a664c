// Package writers maps the generated show (package gen) into the models of
// three feed writers, podfeed's feed package, github.com/eduncan911/podcast
// v1.4.2 and github.com/gorilla/feeds v1.2.0, each as far as it can express
// the episodes, so that the same items can be written by each. What a
// writer cannot express is listed in its Cannot constant.
//
// bench/cmd/benchcase times these writers as separate processes; the Go
// benchmark in this package compares them in one process:
//
//	cd bench && go test -run '^$' -bench . -benchmem -count 5 ./writers
package writers
