// Package version is the one place podfeed's version comes from: the
// value a release build stamps in with the linker
// (-ldflags "-X github.com/podfeed/podfeed/internal/version.stamped=v1.2.3",
// as .goreleaser.yaml does), else what the Go toolchain recorded in the
// binary's build information (the module version of `go install
// …@v1.2.3`, the VCS revision and time of a build in a checkout), else
// Dev.
//
// It imports the standard library only.
package version

import (
	"runtime/debug"
	"strings"
)

// stamped is set by the linker at release time; empty otherwise. It is
// the package's only variable, written once before main runs.
var stamped string

// Dev is the version of a build that was neither stamped nor installed
// from a module version: go build or go run in a checkout, go test.
const Dev = "v0.1.0-dev"

// Info is what a binary knows about its own build.
type Info struct {
	Version   string // the stamped version, the module version, or Dev
	Revision  string // VCS revision, "" when not recorded
	Time      string // VCS commit time (RFC 3339), "" when not recorded
	Modified  bool   // the work tree had uncommitted changes
	GoVersion string // the toolchain that built the binary
}

// String returns the version alone (Info().Version).
func String() string { return Read().Version }

// Read returns the build's information.
func Read() Info {
	return fromBuildInfo(stamped, debug.ReadBuildInfo)
}

// fromBuildInfo is Read with its inputs passed in, for tests.
func fromBuildInfo(stamp string, read func() (*debug.BuildInfo, bool)) Info {
	info := Info{Version: Dev}
	bi, ok := read()
	if ok {
		info.GoVersion = bi.GoVersion
		if v := bi.Main.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
			info.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Revision = s.Value
			case "vcs.time":
				info.Time = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if stamp != "" {
		info.Version = stamp
	}
	return info
}
