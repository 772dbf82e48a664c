package validate

import (
	"embed"
	"strings"
	"sync"
)

// The Podcasting 2.0 namespace's lists of known values, bundled verbatim
// from Podcastindex-org/podcast-namespace at commit piListsCommit (CC0):
// serviceslugs.txt, socialprotocols.txt, docs/chatprotocols.txt,
// docs/examples/license/licenseslugs.txt and
// docs/examples/value/valueslugs.txt. TestPiListsMatchSpec compares them
// with ../shared/spec/podcast-namespace when it is there.
//
//go:embed pilists/*.txt
var piListFiles embed.FS

// piLists holds each bundled list as a set, keyed by file name.
var piLists = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	entries, _ := piListFiles.ReadDir("pilists")
	for _, e := range entries {
		b, err := piListFiles.ReadFile("pilists/" + e.Name())
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		set := map[string]bool{}
		for _, line := range strings.Split(string(b), "\n") {
			if v := strings.TrimSpace(line); v != "" && !strings.HasPrefix(v, "#") {
				set[v] = true
			}
		}
		out[e.Name()] = set
	}
	return out
})

// piInList reports whether v is in the bundled list file (exact match).
func piInList(file, v string) bool { return piLists()[file][v] }

// piListText is the list as "a, b, c" for messages.
func piListText(file string) string {
	b, _ := piListFiles.ReadFile("pilists/" + file)
	var vs []string
	for _, line := range strings.Split(string(b), "\n") {
		if v := strings.TrimSpace(line); v != "" {
			vs = append(vs, v)
		}
	}
	return strings.Join(vs, ", ")
}
