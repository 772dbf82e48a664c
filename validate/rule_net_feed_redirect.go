package validate

import (
	"context"
	"errors"

	"github.com/podfeed/podfeed/fetch"
)

func ruleNetFeedRedirect() *Rule {
	channel, finish := onlineFeedHooks(func(_ context.Context, p *Pass, _ fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		for _, err := range []error{pr.headErr, pr.rngErr} {
			if errors.Is(err, fetch.ErrRedirectLoop) {
				p.Reportf(t.Pos, "feed %q redirects in a loop", t.URL)
				return
			}
			if errors.Is(err, fetch.ErrTooManyRedirects) {
				p.Reportf(t.Pos, "feed %q redirects more than %d times", t.URL, onlineMaxHops)
				return
			}
		}
		chain := pr.chain()
		if len(chain) == 0 {
			return
		}
		if len(chain) > netMaxHops {
			p.Reportf(t.Pos, "feed %q takes %d redirects (%s); apps give up after 5", t.URL, len(chain), onlineHops(chain))
			return
		}
		for _, h := range chain {
			if !h.Permanent() {
				p.ReportSeverityf(Warning, t.Pos, "feed %q answers with a temporary redirect (%s); apps keep asking the old URL", t.URL, onlineHops(chain))
				return
			}
		}
		final := chain[len(chain)-1].To
		p.ReportSeverityf(Info, t.Pos, "feed %q moved permanently to %q; point atom:link rel=\"self\" there, and keep itunes:new-feed-url in the new feed while apps migrate", t.URL, final)
	})
	return &Rule{
		Code:     "net-feed-redirect",
		Title:    "Feed URL redirects",
		Severity: Error,
		Profiles: onlineProfiles(),
		Source:   "LW, FV (TempRedirect)",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "A temporary redirect (302, 303, 307) of the feed URL is a warning: apps keep polling " +
			"the old URL and never learn the new one. A permanent one (301, 308) is information, " +
			"with the suggestion to use `itunes:new-feed-url`. A loop or more than five hops is " +
			"an error.",
		Hint: "Link the feed's final URL directly; when the feed moved, redirect with 301 and set itunes:new-feed-url.",
		Bad:  `<atom:link href="https://example.com/old-feed" rel="self" type="application/rss+xml"/>`,
		Good: `<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>`,
		Refs: []string{
			"https://github.com/skymethod/livewire-validator",
			"https://validator.w3.org/feed/docs/warning/TempRedirect.html",
		},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}
