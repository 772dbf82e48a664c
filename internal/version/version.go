// Package version is the one place podfeed's version comes from: the
// value a release build stamps in with the linker
// (-ldflags "-X github.com/podfeed/podfeed/internal/version.stamped=v1.2.3",
// as .goreleaser.yaml does), else what the Go toolchain recorded in the
// binary's build information (the module version of `go install
// …@v1.2.3`; the pseudo-version, VCS revision and time of a build in a
// checkout), else Dev. What it reports is what --version prints, what a
// feed's <generator> says, and which published rule documentation
// matches the build.
//
// It imports the standard library only.
package version

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// stamped is set by the linker at release time; empty otherwise. It is
// the package's only variable, written once before main runs.
var stamped string

// Repo is podfeed's source repository.
const Repo = "https://github.com/podfeed/podfeed"

// DocURL returns the address of a file of the repository (a slash path
// such as "docs/format.md") at ref, a release tag or a commit; "" when
// ref is "".
func DocURL(ref, path string) string {
	if ref == "" {
		return ""
	}
	return Repo + "/blob/" + ref + "/" + path
}

// Dev is the version of a build that was neither stamped nor given a
// version by the toolchain: go test, or go build without VCS information.
// It is not a release number, so that no such build claims one.
const Dev = "devel"

// Info is what a binary knows about its own build.
type Info struct {
	Version   string // the stamped version, the module version, or Dev
	Revision  string // VCS revision, "" when not recorded
	Time      string // VCS commit time (RFC 3339), "" when not recorded
	Modified  bool   // the work tree had uncommitted changes
	GoVersion string // the toolchain that built the binary
}

// String returns the version alone (Read().Version).
func String() string { return Read().Version }

// Read returns the build's information.
func Read() Info {
	return fromBuildInfo(stamped, debug.ReadBuildInfo)
}

// pseudoRev takes the commit out of a pseudo-version
// (v0.0.0-20250102030405-abcdef123456, v1.2.4-0.2025…-abcdef123456).
var pseudoRev = regexp.MustCompile(`[.-]\d{14}-([0-9a-f]{12})(?:\+dirty)?$`)

// fromBuildInfo is Read with its inputs passed in, for tests.
func fromBuildInfo(stamp string, read func() (*debug.BuildInfo, bool)) Info {
	info := Info{Version: Dev}
	bi, ok := read()
	if ok {
		info.GoVersion = bi.GoVersion
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			info.Version = v // a pseudo-version of a modified tree ends in +dirty
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
		if stamp[0] >= '0' && stamp[0] <= '9' {
			stamp = "v" + stamp // goreleaser's {{.Version}} has no v
		}
		info.Version = stamp
	}
	if strings.HasSuffix(info.Version, "+dirty") {
		info.Modified = true
	}
	if info.Revision == "" {
		if m := pseudoRev.FindStringSubmatch(info.Version); m != nil {
			info.Revision = m[1]
		}
	}
	return info
}

// Line is what --version prints after "podfeed version": the version,
// then the commit (and whether the tree was modified), its time and the
// Go toolchain.
func (i Info) Line() string {
	var extra []string
	if i.Revision != "" {
		rev := i.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if i.Modified {
			rev += ", modified"
		}
		extra = append(extra, "commit "+rev)
	}
	if i.Time != "" {
		extra = append(extra, i.Time)
	}
	if i.GoVersion != "" {
		extra = append(extra, i.GoVersion)
	}
	if len(extra) == 0 {
		return i.Version
	}
	return i.Version + " (" + strings.Join(extra, ", ") + ")"
}

// Release reports whether the build is a tagged release (v1.2.3,
// v1.3.0-rc.1), not a pseudo-version, a modified tree or Dev.
func (i Info) Release() bool {
	return i.Version != Dev && !i.Modified && !pseudoRev.MatchString(i.Version)
}

// DocsRef is the git ref of the repository whose rule documentation
// matches this build: the release tag, or the commit of a build from an
// unmodified tree. It is "" when none is known to match (a modified tree,
// no version information): podfeed explain documents the rules then.
func (i Info) DocsRef() string {
	switch {
	case i.Modified:
		return ""
	case i.Release():
		return i.Version
	}
	return i.Revision
}
