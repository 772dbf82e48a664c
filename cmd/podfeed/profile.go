package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the whole command to the file
// named by PODFEED_CPUPROFILE, when set (for `go tool pprof`; bench/run
// and docs/benchmarks.md use it). The returned function stops it.
func startCPUProfile(getenv func(string) string, stderr io.Writer) func() {
	name := getenv("PODFEED_CPUPROFILE")
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		fmt.Fprintf(stderr, "podfeed: PODFEED_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "podfeed: PODFEED_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "podfeed: PODFEED_CPUPROFILE: %v\n", err)
		}
	}
}
