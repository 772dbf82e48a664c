package validate

import (
	"slices"
	"strings"

	"github.com/podfeed/podfeed/internal/version"
)

// Rules returns every rule of every family, sorted by code. Each call
// builds fresh values, so callers may not share state through them.
func Rules() []*Rule {
	var all []*Rule
	for _, fam := range [][]*Rule{
		xmlRules(), rssRules(), appleRules(), spotifyRules(),
		podcastRules(), crossRules(), networkRules(), chaptersRules(),
	} {
		all = append(all, fam...)
	}
	slices.SortFunc(all, func(a, b *Rule) int { return strings.Compare(a.Code, b.Code) })
	return all
}

// Lookup returns the rule with the given code, or nil.
func Lookup(code string) *Rule {
	for _, r := range Rules() {
		if r.Code == code {
			return r
		}
	}
	return nil
}

// ParseProfile returns the profile called name, or false.
func ParseProfile(name string) (Profile, bool) {
	for _, p := range AllProfiles() {
		if string(p) == name {
			return p, true
		}
	}
	return "", false
}

// AllProfiles lists the profiles in the order the docs present them.
func AllProfiles() []Profile {
	return []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex}
}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "unknown"
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return 0, false
}

// DocsURL returns the documentation page of rule code in the repository
// at ref (a release tag or a commit), or "" when ref is "".
func DocsURL(ref, code string) string {
	return version.DocURL(ref, "docs/rules/"+code+".md")
}

// FeedRules returns the rules Run applies to a feed under cfg, in
// catalogue order: the rules Result.Rules counts.
func FeedRules(cfg Config) []*Rule {
	var out []*Rule
	for _, r := range Rules() {
		if feedRule(r) && ruleSelected(r, &cfg) {
			out = append(out, r)
		}
	}
	return out
}

// ChapterRules returns the rules Chapters applies to a chapter file
// under cfg: the rules its Result.Rules counts.
func ChapterRules(cfg Config) []*Rule {
	var out []*Rule
	for _, r := range chaptersRules() {
		if ruleSelected(r, &cfg) {
			out = append(out, r)
		}
	}
	return out
}

// feedRule reports whether r judges feeds; the chapters-* rules judge
// chapter files (Chapters) instead.
func feedRule(r *Rule) bool { return !strings.HasPrefix(r.Code, "chapters-") }

// Selected reports whether r runs under cfg: one of its profiles is
// asked for (or cfg names none), and network rules only when cfg.Online.
func Selected(r *Rule, cfg Config) bool { return ruleSelected(r, &cfg) }
