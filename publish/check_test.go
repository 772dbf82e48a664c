package publish

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/podfeed/podfeed/feed"
)

func sum(self, newFeed string, items ...feed.SummaryItem) *feed.Summary {
	return &feed.Summary{SelfURL: self, NewFeedURL: newFeed, Items: items}
}

func ep(guid, title, enc string) feed.SummaryItem {
	return feed.SummaryItem{GUID: guid, Title: title, EnclosureURL: enc}
}

const (
	feedA = "https://a.example.com/feed.xml"
	feedB = "https://b.example.com/feed.xml"
)

func TestCheck(t *testing.T) {
	e1 := ep("g1", "One", "https://cdn/1.mp3")
	e2 := ep("g2", "Two", "https://cdn/2.mp3")
	e3 := ep("g3", "Three", "https://cdn/3.mp3")
	for _, tc := range []struct {
		name     string
		old, new *feed.Summary
		want     []Change
	}{{
		name: "nothing_published",
		old:  nil, new: sum(feedA, "", e1),
	}, {
		name: "same",
		old:  sum(feedA, "", e2, e1), new: sum(feedA, "", e2, e1),
	}, {
		name: "new_episode_and_reordered",
		old:  sum(feedA, "", e1, e2), new: sum(feedA, "", e3, e2, e1),
	}, {
		name: "edited_title_and_enclosure_same_guid",
		old:  sum(feedA, "", e1), new: sum(feedA, "", ep("g1", "One (fixed)", "https://cdn/1b.mp3")),
	}, {
		name: "episode_removed",
		old:  sum(feedA, "", e3, e2, e1), new: sum(feedA, "", e3, e1),
		want: []Change{{Kind: EpisodeRemoved, Title: "Two", GUID: "g2"}},
	}, {
		name: "all_removed",
		old:  sum(feedA, "", e2, e1), new: sum(feedA, ""),
		want: []Change{{Kind: EpisodeRemoved, Title: "Two", GUID: "g2"}, {Kind: EpisodeRemoved, Title: "One", GUID: "g1"}},
	}, {
		name: "guid_changed_same_enclosure",
		old:  sum(feedA, "", e2, e1), new: sum(feedA, "", e2, ep("new-1", "One, renamed", "https://cdn/1.mp3")),
		want: []Change{{Kind: GUIDChanged, Title: "One", GUID: "g1", NewGUID: "new-1", Match: "same enclosure URL"}},
	}, {
		name: "guid_changed_same_title",
		old:  sum(feedA, "", e1), new: sum(feedA, "", ep("new-1", "One", "https://cdn/1-v2.mp3")),
		want: []Change{{Kind: GUIDChanged, Title: "One", GUID: "g1", NewGUID: "new-1", Match: "same title"}},
	}, {
		name: "enclosure_match_wins_over_title",
		old:  sum(feedA, "", e1), new: sum(feedA, "", ep("x", "One", "https://cdn/other.mp3"), ep("y", "Other", "https://cdn/1.mp3")),
		want: []Change{{Kind: GUIDChanged, Title: "One", GUID: "g1", NewGUID: "y", Match: "same enclosure URL"}},
	}, {
		name: "new_item_matched_once",
		old:  sum(feedA, "", ep("g1", "Same", ""), ep("g2", "Same", "")), new: sum(feedA, "", ep("n", "Same", "")),
		want: []Change{
			{Kind: GUIDChanged, Title: "Same", GUID: "g1", NewGUID: "n", Match: "same title"},
			{Kind: EpisodeRemoved, Title: "Same", GUID: "g2"},
		},
	}, {
		name: "no_guid_identified_by_enclosure",
		old:  sum(feedA, "", ep("", "One", "https://cdn/1.mp3")), new: sum(feedA, "", ep("", "One!", "https://cdn/1.mp3")),
	}, {
		name: "guid_added_to_episode_without_one",
		old:  sum(feedA, "", ep("", "One", "https://cdn/1.mp3")), new: sum(feedA, "", ep("g1", "One", "https://cdn/1.mp3")),
		want: []Change{{Kind: GUIDChanged, Title: "One", NewGUID: "g1", Match: "same enclosure URL"}},
	}, {
		name: "feed_url_changed",
		old:  sum(feedA, "", e1), new: sum(feedB, "", e1),
		want: []Change{{Kind: FeedURLChanged, OldURL: feedA, NewURL: feedB}},
	}, {
		name: "feed_url_changed_with_new_feed_url",
		old:  sum(feedA, "", e1), new: sum(feedB, feedB, e1),
	}, {
		name: "feed_url_changed_new_feed_url_elsewhere",
		old:  sum(feedA, "", e1), new: sum(feedB, "https://c.example.com/feed.xml", e1),
		want: []Change{{Kind: FeedURLChanged, OldURL: feedA, NewURL: feedB}},
	}, {
		name: "move_announced_by_old_feed",
		old:  sum(feedA, feedB, e1), new: sum(feedB, "", e1),
	}, {
		name: "no_self_url_before",
		old:  sum("", "", e1), new: sum(feedB, "", e1),
	}, {
		name: "podcast_guid_changed",
		old:  &feed.Summary{SelfURL: feedA, GUID: "g-old", Items: []feed.SummaryItem{e1}},
		new:  &feed.Summary{SelfURL: feedA, GUID: "g-new", Items: []feed.SummaryItem{e1}},
		want: []Change{{Kind: PodcastGUIDChanged, GUID: "g-old", NewGUID: "g-new"}},
	}, {
		name: "podcast_guid_added",
		old:  sum(feedA, "", e1), new: &feed.Summary{SelfURL: feedA, GUID: "g", Items: []feed.SummaryItem{e1}},
	}, {
		name: "feed_url_and_episode",
		old:  sum(feedA, "", e2, e1), new: sum(feedB, "", e1),
		want: []Change{{Kind: FeedURLChanged, OldURL: feedA, NewURL: feedB}, {Kind: EpisodeRemoved, Title: "Two", GUID: "g2"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.old, tc.new)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Check mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChangeMessages(t *testing.T) {
	for _, tc := range []struct {
		c    Change
		want []string
	}{
		{Change{Kind: EpisodeRemoved, Title: "Two", GUID: "g2"}, []string{`"Two"`, `"g2"`, "disappears"}},
		{Change{Kind: GUIDChanged, Title: "One", GUID: "g1", NewGUID: "n1", Match: "same title"}, []string{`"One"`, `"g1"`, `"n1"`, "same title"}},
		{Change{Kind: FeedURLChanged, OldURL: feedA, NewURL: feedB}, []string{feedA, feedB, "itunes:new-feed-url", "new_feed_url: " + feedB}},
		{Change{Kind: PodcastGUIDChanged, GUID: "g-old", NewGUID: "g-new"}, []string{`"g-old"`, `"g-new"`, "guid: g-old"}},
	} {
		s := tc.c.String()
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("%v.String() = %q, want it to contain %q", tc.c.Kind, s, w)
			}
		}
	}
	err := &UnsafeError{Changes: []Change{{Kind: EpisodeRemoved, Title: "Two", GUID: "g2"}, {Kind: FeedURLChanged, OldURL: feedA, NewURL: feedB}}}
	msg := err.Error()
	if !strings.HasPrefix(msg, "the new feed would break subscribers (2 changes):\n  - episode \"Two\"") || strings.Count(msg, "\n  - ") != 2 {
		t.Errorf("UnsafeError.Error() = %q", msg)
	}
}

// TestCheckRoundTrip compares a written feed, read back, with a channel.
func TestCheckRoundTrip(t *testing.T) {
	ch := &feed.Channel{SelfURL: feedA, Items: []feed.Item{
		{Title: "Two", GUID: "g2", Enclosure: &feed.Enclosure{URL: "https://cdn/2.mp3"}},
		{Title: "One", GUID: "g1", Enclosure: &feed.Enclosure{URL: "https://cdn/1.mp3"}},
	}}
	var b strings.Builder
	if err := feed.Encode(&b, ch); err != nil {
		t.Fatal(err)
	}
	old, err := feed.ReadSummary(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	ch.Items = ch.Items[1:]
	ch.Items[0].GUID = "changed"
	got := Check(old, feed.SummaryOf(ch))
	want := []Change{
		{Kind: EpisodeRemoved, Title: "Two", GUID: "g2", Line: 6},
		{Kind: GUIDChanged, Title: "One", GUID: "g1", NewGUID: "changed", Match: "same enclosure URL", Line: 11},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check mismatch (-want +got):\n%s", diff)
	}
}
