package validate

import (
	"context"
	"net/http"

	"github.com/podfeed/podfeed/fetch"
)

func ruleNetFeedStatus() *Rule {
	channel, finish := onlineFeedHooks(func(_ context.Context, p *Pass, _ fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		switch {
		case !pr.reachable():
			for _, r := range []*fetch.Response{pr.rng, pr.head} {
				if r != nil && (r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden) {
					p.Reportf(t.Pos, "feed %q asks for authentication (%s); apps and directories fetch feeds without credentials", t.URL, onlineStatusText(r.Status))
					return
				}
			}
			p.Reportf(t.Pos, "feed %q cannot be fetched: %s", t.URL, pr.failure())
		case pr.contentType() == "text/html":
			p.Reportf(t.Pos, "feed %q is served as text/html: a web page, not a feed", t.URL)
		}
	})
	return &Rule{
		Code:     "net-feed-status",
		Title:    "Feed URL must answer 200 without authentication, and not with a web page",
		Severity: Error,
		Profiles: onlineProfiles(),
		Source:   "APR, PB",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Directories and apps fetch the feed anonymously. With `--online`, the feed URL (the " +
			"URL given on the command line, or the channel's `atom:link rel=\"self\"` when a file " +
			"is validated) is asked for with HEAD and GET; it is an error when neither answers " +
			"2xx, when it asks for authentication (401, 403), or when it is served as " +
			"`text/html`, which usually means a login, parking or error page.",
		Hint: "Publish the feed at a public URL that answers 200 with the XML, and point atom:link rel=\"self\" at it.",
		Bad:  `<atom:link href="https://example.com/private/feed.xml" rel="self" type="application/rss+xml"/>`,
		Good: `<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>`,
		Refs: []string{"https://podcasters.apple.com/support/823-podcast-requirements", "http://podba.se/validate/"},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}
