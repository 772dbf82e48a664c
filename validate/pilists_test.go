package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// specDir returns ../shared/spec/podcast-namespace found beside the corpus
// ($PODFEED_CORPUS is ../shared/corpus), or "" with the reason.
func specDir() (string, string) {
	c := os.Getenv("PODFEED_CORPUS")
	if c == "" {
		return "", "PODFEED_CORPUS is unset, so ../shared/spec is not known"
	}
	dir := filepath.Join(filepath.Dir(filepath.Clean(c)), "spec", "podcast-namespace")
	if _, err := os.Stat(dir); err != nil {
		return "", dir + " is absent"
	}
	return dir, ""
}

// TestPiListsMatchSpec checks that every bundled namespace list is the
// file of the same name in the shared spec folder, byte for byte.
func TestPiListsMatchSpec(t *testing.T) {
	dir, why := specDir()
	if dir == "" {
		t.Skip("not comparing the bundled podcast-namespace lists: " + why)
	}
	entries, err := piListFiles.ReadDir("pilists")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no bundled lists: %v", err)
	}
	for _, e := range entries {
		bundled, _ := piListFiles.ReadFile("pilists/" + e.Name())
		spec, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if string(bundled) != string(spec) {
			t.Errorf("validate/pilists/%s differs from %s: copy the spec's file (and update piListsCommit)", e.Name(), filepath.Join(dir, e.Name()))
		}
	}
}

// TestPiListsUsed checks a value from each list as the rules see it: the
// slugs the old hand-written lists lacked are known now.
func TestPiListsUsed(t *testing.T) {
	for _, slug := range []string{"tiktok", "youtube", "audible", "facebook"} {
		if !piServiceSlug(slug) {
			t.Errorf("serviceslugs.txt: %q unknown", slug)
		}
	}
	if !piSocialProtocol("atproto") || !piValueSlug("lnaddress") || !piKnownLicense("POD-V4V-1.0") || !piInList("chatprotocols.txt", "matrix") {
		t.Error("a value of the bundled lists is unknown to its rule")
	}
	if piServiceSlug("myspace") {
		t.Error("myspace is a known service slug")
	}
}
