package validate

import (
	"context"
	"slices"
	"strings"
)

// netHTTPSState collects the enclosure and artwork URLs of the newest
// items, the channel artwork and the feed URL.
type netHTTPSState struct {
	items   onlineNewest[onlineTarget]
	channel []onlineTarget
}

func ruleNetHttps() *Rule {
	return &Rule{
		Code:     "net-https",
		Title:    "Media, artwork and feed should be served over HTTPS",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "PI-1.0, RFW",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Plain `http:` downloads can be altered on the way and are blocked or warned about " +
			"by some apps and browsers. With `--online`, the feed URL, the channel artwork and " +
			"the enclosures and artwork of the newest episodes are checked: an `http:` URL is " +
			"reported, and so is an `https:` URL whose redirects end on `http:`. URLs of " +
			"`podcast:` tags are covered by `pi-https` without going online; other schemes " +
			"(ipfs:, …) are not reported, and neither are `http:` artwork when the apple profile " +
			"runs nor `http:` enclosures, since `apple-image-href` and `rss-enclosure-http` " +
			"report them without going online.",
		Hint: "Serve the file over HTTPS and write the https: URL in the feed.",
		Bad:  `<enclosure url="http://media.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{
			"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
			"http://rfwilmut.net/notes/podcast.html",
		},

		NewState: func() any { return &netHTTPSState{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*netHTTPSState)
			ts := onlineEnclosures(it)
			ts = append(ts, onlineItemTargets(it, NSItunes, "image", "href")...)
			st.items.add(p, it, ts)
		},
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*netHTTPSState)
			if t, ok := onlineFeedTarget(p, ch); ok {
				st.channel = append(st.channel, t)
			}
			st.channel = append(st.channel, onlineItemTargets(ch, NSItunes, "image", "href")...)
		},
		Finish: func(p *Pass) {
			st := p.State.(*netHTTPSState)
			targets := onlineDedupe(append(st.channel, st.items.all()...))
			opt := onlineOptions(p)
			defer onlineClose(opt)
			// Only https URLs need a request: to see where they end up.
			finals := onlineEach(p, targets, func(ctx context.Context, t onlineTarget) string {
				if !strings.HasPrefix(strings.ToLower(t.URL), "https:") {
					return ""
				}
				if f := onlineProbeMedia(ctx, opt, t.URL, false).final(); f != nil {
					return f.URL
				}
				return ""
			})
			// apple-image-href already reports http: artwork in the apple profile.
			appleOn := len(p.Config.Profiles) == 0 || slices.Contains(p.Config.Profiles, ProfileApple)
			for i, t := range targets {
				switch {
				case strings.HasPrefix(strings.ToLower(t.URL), "http:") && t.Elem == "itunes:image" && appleOn:
				case strings.HasPrefix(strings.ToLower(t.URL), "http:") && t.Elem == "enclosure" && Selected(Lookup("rss-enclosure-http"), *p.Config):
					// rss-enclosure-http reports it, offline, for every item
				case strings.HasPrefix(strings.ToLower(t.URL), "http:"):
					p.Reportf(t.Pos, "%s %q is served over http:, not https:", t.Elem, t.URL)
				case strings.HasPrefix(finals[i], "http:"):
					p.Reportf(t.Pos, "%s %q redirects to %q, which is http:, not https:", t.Elem, t.URL, finals[i])
				}
			}
		},
	}
}
