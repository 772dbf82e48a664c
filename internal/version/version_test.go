package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-03T13:00:00Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	info := func(main string, settings []debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/podfeed/podfeed", Version: main}, Settings: settings}, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	for _, tc := range []struct {
		name    string
		stamp   string
		read    func() (*debug.BuildInfo, bool)
		want    Info
		line    string // after "podfeed version "
		docsRef string
	}{
		{"release build", "v1.2.3", info("(devel)", vcs("false")),
			Info{Version: "v1.2.3", Revision: rev, Time: "2026-12-03T13:00:00Z", GoVersion: "go1.26.8"},
			"v1.2.3 (commit 0123456789ab, 2026-12-03T13:00:00Z, go1.26.8)", "v1.2.3"},
		{"stamp without the v", "1.2.3", info("(devel)", nil),
			Info{Version: "v1.2.3", GoVersion: "go1.26.8"}, "v1.2.3 (go1.26.8)", "v1.2.3"},
		{"go install @version", "", info("v1.2.3", nil),
			Info{Version: "v1.2.3", GoVersion: "go1.26.8"}, "v1.2.3 (go1.26.8)", "v1.2.3"},
		{"a prerelease", "", info("v1.3.0-rc.1", nil),
			Info{Version: "v1.3.0-rc.1", GoVersion: "go1.26.8"}, "v1.3.0-rc.1 (go1.26.8)", "v1.3.0-rc.1"},
		{"go install @commit", "", info("v0.0.0-20261203130000-0123456789ab", nil),
			Info{Version: "v0.0.0-20261203130000-0123456789ab", Revision: "0123456789ab", GoVersion: "go1.26.8"},
			"v0.0.0-20261203130000-0123456789ab (commit 0123456789ab, go1.26.8)", "0123456789ab"},
		{"build in a clean checkout", "", info("v0.0.0-20261203130000-0123456789ab", vcs("false")),
			Info{Version: "v0.0.0-20261203130000-0123456789ab", Revision: rev, Time: "2026-12-03T13:00:00Z", GoVersion: "go1.26.8"},
			"v0.0.0-20261203130000-0123456789ab (commit 0123456789ab, 2026-12-03T13:00:00Z, go1.26.8)", rev},
		{"build in a modified checkout", "", info("v0.0.0-20261203130000-0123456789ab+dirty", vcs("true")),
			Info{Version: "v0.0.0-20261203130000-0123456789ab+dirty", Revision: rev, Time: "2026-12-03T13:00:00Z", Modified: true, GoVersion: "go1.26.8"},
			"v0.0.0-20261203130000-0123456789ab+dirty (commit 0123456789ab, modified, 2026-12-03T13:00:00Z, go1.26.8)", ""},
		{"build without a module version", "", info("(devel)", vcs("true")),
			Info{Version: Dev, Revision: rev, Time: "2026-12-03T13:00:00Z", Modified: true, GoVersion: "go1.26.8"},
			"devel (commit 0123456789ab, modified, 2026-12-03T13:00:00Z, go1.26.8)", ""},
		{"no build info", "", none, Info{Version: Dev}, "devel", ""},
		{"stamp without build info", "v2.0.0", none, Info{Version: "v2.0.0"}, "v2.0.0", "v2.0.0"},
	} {
		got := fromBuildInfo(tc.stamp, tc.read)
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
		if l := got.Line(); l != tc.line {
			t.Errorf("%s: Line() = %q, want %q", tc.name, l, tc.line)
		}
		if r := got.DocsRef(); r != tc.docsRef {
			t.Errorf("%s: DocsRef() = %q, want %q", tc.name, r, tc.docsRef)
		}
	}
}

// TestUnstampedTestBinary: a test binary is not stamped and has no module
// version, so it reports Dev (goldens that name the generator rely on it)
// and links no docs.
func TestUnstampedTestBinary(t *testing.T) {
	if got := String(); got != Dev {
		t.Errorf("String() = %q in a test binary, want %q", got, Dev)
	}
	if ref := Read().DocsRef(); ref != "" {
		t.Errorf("DocsRef() = %q in a test binary, want none", ref)
	}
}
