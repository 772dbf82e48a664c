package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abcd"},
		{Key: "vcs.time", Value: "2026-12-03T13:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	info := func(main string, settings []debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/podfeed/podfeed", Version: main}, Settings: settings}, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	for _, tc := range []struct {
		name  string
		stamp string
		read  func() (*debug.BuildInfo, bool)
		want  Info
	}{
		{"release build", "v1.2.3", info("(devel)", vcs), Info{Version: "v1.2.3", Revision: "0123abcd", Time: "2026-12-03T13:00:00Z", Modified: true, GoVersion: "go1.26.8"}},
		{"go install @version", "", info("v1.2.3", nil), Info{Version: "v1.2.3", GoVersion: "go1.26.8"}},
		{"build in a checkout", "", info("(devel)", vcs), Info{Version: Dev, Revision: "0123abcd", Time: "2026-12-03T13:00:00Z", Modified: true, GoVersion: "go1.26.8"}},
		{"pseudo-version of a dirty tree", "", info("v0.0.0-20261203130000-0123abcd+dirty", vcs), Info{Version: Dev, Revision: "0123abcd", Time: "2026-12-03T13:00:00Z", Modified: true, GoVersion: "go1.26.8"}},
		{"no build info", "", none, Info{Version: Dev}},
		{"stamp without build info", "v2.0.0", none, Info{Version: "v2.0.0"}},
	} {
		if got := fromBuildInfo(tc.stamp, tc.read); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestUnstampedTestBinary: a test binary is not stamped and has no module
// version, so it reports Dev (goldens that name the generator rely on it).
func TestUnstampedTestBinary(t *testing.T) {
	if got := String(); got != Dev {
		t.Errorf("String() = %q in a test binary, want %q", got, Dev)
	}
}
