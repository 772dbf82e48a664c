package validate

import (
	"context"
	"strconv"

	"github.com/podfeed/podfeed/fetch"
)

// DefaultFeedSizeWarn is the feed size above which net-feed-size warns
// when Config.FeedSizeWarn is 0: the W3C feed validator's own limit.
const DefaultFeedSizeWarn = 5_000_000

func ruleNetFeedSize() *Rule {
	channel, finish := onlineFeedHooks(func(_ context.Context, p *Pass, _ fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		limit := p.Config.FeedSizeWarn
		if limit == 0 {
			limit = DefaultFeedSizeWarn
		}
		if n := pr.length(); limit > 0 && n > limit {
			p.Reportf(t.Pos, "feed %q is %s (%s bytes), over %s: every app and directory downloads all of it on each poll", t.URL, megabytes(n), strconv.FormatInt(n, 10), megabytes(limit))
		}
	})
	return &Rule{
		Code:     "net-feed-size",
		Title:    "Feed should not be very large",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "FV, TAP",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Apps and directories fetch the whole feed every time they poll it, roughly every " +
			"hour, and some give up on very large ones (the W3C feed validator stops at " +
			"5,000,000 bytes). With `--online`, the size the feed URL reports (Content-Length " +
			"of HEAD, else the total of a ranged GET) above `--feed-size-warn` (default 5 MB; " +
			"0 in the library means that default, a negative value turns the check off) is a " +
			"warning.",
		Hint: "Keep the newest episodes in the feed (older ones can stay on the site), and move long HTML out of the notes: link to a page instead.",
		Bad:  `<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/> <!-- Content-Length: 48000000 -->`,
		Good: `<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/> <!-- Content-Length: 900000 -->`,
		Refs: []string{"https://validator.w3.org/feed/docs/"},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}

// megabytes writes n bytes as "5.2 MB".
func megabytes(n int64) string {
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}
