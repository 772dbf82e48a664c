package validate

import (
	"errors"
	"strings"

	"github.com/podfeed/podfeed/fetch"
)

// netMaxHops is the number of redirects before a chain is reported as a
// warning rather than information.
const netMaxHops = 5

func ruleNetEnclosureRedirects() *Rule {
	item, finish := onlineEnclosureHooks(false, func(p *Pass, t onlineTarget, pr onlineMediaProbe) {
		if errors.Is(pr.headErr, fetch.ErrTooManyRedirects) || errors.Is(pr.rngErr, fetch.ErrTooManyRedirects) {
			p.Reportf(t.Pos, "enclosure %q redirects more than %d times", t.URL, onlineMaxHops)
			return
		}
		if errors.Is(pr.headErr, fetch.ErrRedirectLoop) || errors.Is(pr.rngErr, fetch.ErrRedirectLoop) {
			p.Reportf(t.Pos, "enclosure %q redirects in a loop", t.URL)
			return
		}
		chain := pr.chain()
		if len(chain) == 0 {
			return
		}
		for _, h := range chain {
			if strings.HasPrefix(h.From, "https:") && strings.HasPrefix(h.To, "http:") {
				p.Reportf(t.Pos, "enclosure %q is redirected from https to http (%d to %q)", t.URL, h.Status, h.To)
				return
			}
		}
		if len(chain) > netMaxHops {
			p.Reportf(t.Pos, "enclosure %q takes %d redirects to reach the file (%s)", t.URL, len(chain), onlineHops(chain))
			return
		}
		if pr.rngOK() && !pr.headOK() {
			p.Reportf(t.Pos, "enclosure %q is redirected (%s) but HEAD fails along the way (%s)", t.URL, onlineHops(chain), onlineFailure(pr.head, pr.headErr))
			return
		}
		p.ReportSeverityf(Info, t.Pos, "enclosure %q is redirected: %s", t.URL, onlineHops(chain))
	})
	return &Rule{
		Code:     "net-enclosure-redirects",
		Title:    "Enclosure redirect chain",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "ISS django-applepodcast#27",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Tracking prefixes (Podtrac, OP3, Chartable …) put one or more redirects in front of " +
			"the media, which is normal, so the hop list is reported as information. More than " +
			"five hops, a redirect from https to http, a hop that breaks HEAD, a loop or more " +
			"than ten hops are warnings: players give up or lose the secure connection. Apple " +
			"has asked for direct media links.",
		Hint: "Link the media URL as directly as you can: one tracking prefix at most, https all the way.",
		Bad:  `<enclosure url="https://tracker.example.com/r/https://cdn.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://cdn.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://github.com/richardcornish/django-applepodcast/issues/27"},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
