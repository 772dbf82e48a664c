package validate

import (
	"net/url"
	"strings"

	"github.com/podfeed/podfeed/fetch"
)

// netRedirectServices are feed proxies that are deprecated or gone.
func netRedirectServices() []string {
	return []string{"feedburner.com", "feedburner.google.com", "feedproxy.google.com"}
}

// netProxyHost returns the deprecated service u goes through, or "".
func netProxyHost(u string) string {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return ""
	}
	host := strings.ToLower(pu.Hostname())
	for _, d := range netRedirectServices() {
		if host == d || strings.HasSuffix(host, "."+d) {
			return host
		}
	}
	return ""
}

// netThirdPartyState holds the feed URL and the channel's
// itunes:new-feed-url.
type netThirdPartyState struct {
	feed    onlineTarget
	hasFeed bool
	newURL  string
	newPos  Pos
}

func ruleNetThirdPartyUrl() *Rule {
	return &Rule{
		Code:     "net-third-party-url",
		Title:    "Feed URL goes through a deprecated redirect service",
		Severity: Info,
		Profiles: onlineProfiles(),
		Source:   "PB",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "A feed published through a proxy such as FeedBurner depends on a service that can " +
			"stop or change its terms; Google has wound FeedBurner down. With `--online`, the feed " +
			"URL, where its redirects end, and `itunes:new-feed-url` are checked against a short " +
			"list of such services.",
		Hint: "Publish the feed at a URL on a domain you control, redirect the old one with 301, and set itunes:new-feed-url.",
		Bad:  `<itunes:new-feed-url>https://feeds.feedburner.com/myshow</itunes:new-feed-url>`,
		Good: `<itunes:new-feed-url>https://myshow.example.com/feed.xml</itunes:new-feed-url>`,
		Refs: []string{"http://podba.se/validate/"},

		NewState: func() any { return &netThirdPartyState{} },
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*netThirdPartyState)
			st.feed, st.hasFeed = onlineFeedTarget(p, ch)
			if n := ch.Child(NSItunes, "new-feed-url"); n != nil {
				st.newURL, st.newPos = strings.TrimSpace(n.Text), raTextPos(n)
			}
		},
		Finish: func(p *Pass) {
			st := p.State.(*netThirdPartyState)
			if st.newURL != "" {
				if h := netProxyHost(st.newURL); h != "" {
					p.Reportf(st.newPos, "itunes:new-feed-url %q moves the show to %s, a deprecated redirect service", st.newURL, h)
				}
			}
			if !st.hasFeed {
				return
			}
			if h := netProxyHost(st.feed.URL); h != "" {
				p.Reportf(st.feed.Pos, "feed %q goes through %s, a deprecated redirect service; if it stops, listeners lose the show", st.feed.URL, h)
				return
			}
			// Where the feed URL's redirects end (one HEAD, shared through the memo).
			opt := onlineOptions(p)
			defer onlineClose(opt)
			r, err := fetch.Head(onlineCtx(p), st.feed.URL, opt)
			if p.Config.Progress != nil {
				p.Config.Progress(1, 1)
			}
			if err != nil || r == nil {
				return
			}
			if h := netProxyHost(r.URL); h != "" {
				p.Reportf(st.feed.Pos, "feed %q redirects to %q on %s, a deprecated redirect service", st.feed.URL, r.URL, h)
			}
		},
	}
}
