module github.com/podfeed/podfeed/bench/writers

go 1.26.8

require (
	github.com/eduncan911/podcast v1.4.2
	github.com/gorilla/feeds v1.2.0
	github.com/podfeed/podfeed v0.0.0
)

require github.com/pkg/errors v0.9.1 // indirect

replace github.com/podfeed/podfeed => ../..
