package validate

import (
	"context"

	"github.com/podfeed/podfeed/fetch"
)

func ruleNetFeedHead() *Rule {
	channel, finish := onlineFeedHooks(func(_ context.Context, p *Pass, _ fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		if !pr.headOK() && pr.rngOK() {
			p.Reportf(t.Pos, "feed %q answers GET but not HEAD (%s); Apple asks hosts to support HEAD, and a refused HEAD has been seen to fail Podcasts Connect checks", t.URL, onlineFailure(pr.head, pr.headErr))
		}
	})
	return &Rule{
		Code:     "net-feed-head",
		Title:    "Feed URL should answer HEAD",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "APR, ISS Audicle#52, ISS dullhunk/cdyf#282",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "With `--online`, the feed URL is asked for with HEAD as well as GET. Apple's " +
			"requirements ask hosts to enable HTTP HEAD (and byte ranges) for artwork and " +
			"episodes, and Podcasts Connect has reported feeds whose server refused HEAD; no " +
			"Apple text says the feed itself must answer HEAD, so a feed that answers GET but " +
			"refuses HEAD (405, 403, 501…) is a warning. A feed that answers neither is " +
			"`net-feed-status`; HEAD refused on artwork is `net-artwork`.",
		Hint: "Let the server answer HEAD on the feed URL like GET, without the body (most servers and CDNs do by default; check rewrite rules and serverless handlers).",
		Bad:  `<atom:link href="https://example.com/feed.php" rel="self" type="application/rss+xml"/> <!-- HEAD: 405 Method Not Allowed -->`,
		Good: `<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/> <!-- HEAD: 200 OK -->`,
		Refs: []string{"https://podcasters.apple.com/support/823-podcast-requirements", "https://github.com/ttlequals0/Audicle/issues/52"},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}
