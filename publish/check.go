package publish

import (
	"fmt"
	"strings"

	"github.com/podfeed/podfeed/feed"
)

// Kind says what a subscriber-unsafe change is.
type Kind int

// The kinds of change Check reports.
const (
	// EpisodeRemoved: an episode of the old feed is not in the new one.
	EpisodeRemoved Kind = iota + 1
	// GUIDChanged: an episode is still there (same enclosure URL, or same
	// title) under a different GUID, so apps list it again as new.
	GUIDChanged
	// FeedURLChanged: the feed's self URL changes and the new feed does not
	// point at it with itunes:new-feed-url, so subscribers do not follow.
	FeedURLChanged
	// PodcastGUIDChanged: the channel's podcast:guid changes; Podcasting
	// 2.0 apps and indexes know the show by it, and it must never change,
	// even when the feed moves.
	PodcastGUIDChanged
)

// String returns the kind's kebab-case name, such as "guid-changed".
func (k Kind) String() string {
	switch k {
	case EpisodeRemoved:
		return "episode-removed"
	case GUIDChanged:
		return "guid-changed"
	case FeedURLChanged:
		return "feed-url-changed"
	case PodcastGUIDChanged:
		return "podcast-guid-changed"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Change is one subscriber-unsafe difference between the published feed and
// the new one.
type Change struct {
	Kind Kind

	// Episodes (EpisodeRemoved, GUIDChanged): the old episode's title and
	// GUID, the new GUID and why the two are taken for the same episode
	// ("same enclosure URL" or "same title").
	Title   string
	GUID    string
	NewGUID string
	Match   string

	// FeedURLChanged: the old and new self URLs.
	OldURL, NewURL string
	// PodcastGUIDChanged: the old and new podcast:guid (in GUID and
	// NewGUID).

	// Line is the line of the old episode's <item> in the old feed (0 when
	// unknown or not an episode).
	Line int
}

// String is the change as one line for a person.
func (c Change) String() string {
	switch c.Kind {
	case EpisodeRemoved:
		return fmt.Sprintf("episode %q (guid %q) disappears from the feed: apps will remove it from subscribers' libraries", c.Title, c.GUID)
	case GUIDChanged:
		return fmt.Sprintf("episode %q changes guid from %q to %q (%s): apps will show it again as a new episode", c.Title, c.GUID, c.NewGUID, c.Match)
	case FeedURLChanged:
		return fmt.Sprintf("feed URL changes from %q to %q, and the feed does not announce the move: set new_feed_url: %s in podcast.yaml (itunes:new-feed-url), and serve this feed, or a 301 redirect to it, at the old URL, so that subscribers follow (docs/migration.md)", c.OldURL, c.NewURL, c.NewURL)
	case PodcastGUIDChanged:
		return fmt.Sprintf("the show's podcast:guid changes from %q to %q: Podcasting 2.0 apps and indexes know the show by it, and it must never change; set guid: %s in podcast.yaml", c.GUID, c.NewGUID, c.GUID)
	}
	return c.Kind.String()
}

// Check compares the feed already published (old) with the one about to
// replace it (new; feed.SummaryOf gives it from a Channel) and returns the
// changes that would hurt subscribers, feed URL first, then episodes in the
// old feed's order. An episode is identified by its GUID, or by its
// enclosure URL when it has no GUID. A nil old means nothing was published:
// no changes.
//
// The self URL counts as moved when old and new both have one and they
// differ, unless the new feed's itunes:new-feed-url names the new URL, or
// the old feed already announced the move (its itunes:new-feed-url is the
// new URL).
func Check(old, new *feed.Summary) []Change {
	if old == nil || new == nil {
		return nil
	}
	var changes []Change
	oldSelf, newSelf := strings.TrimSpace(old.SelfURL), strings.TrimSpace(new.SelfURL)
	if oldSelf != "" && newSelf != "" && oldSelf != newSelf &&
		strings.TrimSpace(new.NewFeedURL) != newSelf && strings.TrimSpace(old.NewFeedURL) != newSelf {
		changes = append(changes, Change{Kind: FeedURLChanged, OldURL: oldSelf, NewURL: newSelf})
	}
	if og, ng := strings.TrimSpace(old.GUID), strings.TrimSpace(new.GUID); og != "" && ng != "" && og != ng {
		changes = append(changes, Change{Kind: PodcastGUIDChanged, GUID: og, NewGUID: ng})
	}

	oldKeys := make(map[string]bool, len(old.Items))
	for _, it := range old.Items {
		oldKeys[key(it)] = true
	}
	newKeys := make(map[string]bool, len(new.Items))
	// Candidates for a changed GUID: new episodes whose key the old feed
	// did not have, by enclosure URL and by title (first one wins).
	byEnclosure := map[string]int{}
	byTitle := map[string]int{}
	for i, it := range new.Items {
		k := key(it)
		newKeys[k] = true
		if oldKeys[k] {
			continue
		}
		if u := strings.TrimSpace(it.EnclosureURL); u != "" {
			if _, ok := byEnclosure[u]; !ok {
				byEnclosure[u] = i
			}
		}
		if t := strings.TrimSpace(it.Title); t != "" {
			if _, ok := byTitle[t]; !ok {
				byTitle[t] = i
			}
		}
	}

	used := make(map[int]bool)
	for _, it := range old.Items {
		k := key(it)
		if k == "" || newKeys[k] {
			continue
		}
		c := Change{Kind: EpisodeRemoved, Title: it.Title, GUID: it.GUID, Line: it.Line}
		if i, ok := byEnclosure[strings.TrimSpace(it.EnclosureURL)]; ok && it.EnclosureURL != "" && !used[i] {
			used[i] = true
			c.Kind, c.NewGUID, c.Match = GUIDChanged, new.Items[i].GUID, "same enclosure URL"
		} else if i, ok := byTitle[strings.TrimSpace(it.Title)]; ok && it.Title != "" && !used[i] {
			used[i] = true
			c.Kind, c.NewGUID, c.Match = GUIDChanged, new.Items[i].GUID, "same title"
		}
		changes = append(changes, c)
	}
	return changes
}

// key identifies an episode as apps do: its GUID, else its enclosure URL,
// else its title.
func key(it feed.SummaryItem) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return "g:" + g
	}
	if u := strings.TrimSpace(it.EnclosureURL); u != "" {
		return "u:" + u
	}
	if t := strings.TrimSpace(it.Title); t != "" {
		return "t:" + t
	}
	return ""
}

// UnsafeError carries the changes that stopped a build. Its message lists
// every change, one per line.
type UnsafeError struct {
	Changes []Change
}

// Error lists every change that stopped the build, one per line.
func (e *UnsafeError) Error() string {
	var b strings.Builder
	if len(e.Changes) == 1 {
		b.WriteString("the new feed would break subscribers (1 change):")
	} else {
		fmt.Fprintf(&b, "the new feed would break subscribers (%d changes):", len(e.Changes))
	}
	for _, c := range e.Changes {
		b.WriteString("\n  - ")
		b.WriteString(c.String())
	}
	return b.String()
}
