package validate

import (
	"context"
	"net/http"

	"github.com/podfeed/podfeed/fetch"
)

// netCORSState collects the feed URL and the chapter and transcript URLs
// of the newest items.
type netCORSState struct {
	items onlineNewest[onlineTarget]
	feed  []onlineTarget
}

func ruleNetCors() *Rule {
	return &Rule{
		Code:     "net-cors",
		Title:    "Feed, chapters and transcripts should allow cross-origin requests",
		Severity: Info,
		Profiles: []Profile{ProfilePodcastIndex},
		Source:   "PI transcripts, LW",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Web players and browser-based apps can only read the feed, the chapters and the " +
			"transcripts when the server sends `Access-Control-Allow-Origin`; the transcripts " +
			"page of the podcast namespace says CORS headers are required. With `--online`, " +
			"each of these URLs is asked for (HEAD, or a ranged GET when HEAD fails) with an " +
			"`Origin` header, and a missing `Access-Control-Allow-Origin` is reported.",
		Hint: "Make the server send `Access-Control-Allow-Origin: *` for the feed, chapter and transcript files.",
		Bad:  `<podcast:transcript url="https://example.com/no-cors/ep1.vtt" type="text/vtt"/>`,
		Good: `<podcast:transcript url="https://cdn.example.com/ep1.vtt" type="text/vtt"/>`,
		Refs: []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/transcripts/transcripts.md"},

		NewState: func() any { return &netCORSState{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*netCORSState)
			ts := onlineItemTargets(it, NSPodcast, "chapters", "url")
			ts = append(ts, onlineItemTargets(it, NSPodcast, "transcript", "url")...)
			st.items.add(p, it, ts)
		},
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*netCORSState)
			if t, ok := onlineFeedTarget(p, ch); ok {
				st.feed = []onlineTarget{t}
			}
		},
		Finish: func(p *Pass) {
			st := p.State.(*netCORSState)
			targets := onlineDedupe(append(st.feed, st.items.all()...))
			opt := onlineOptions(p)
			defer onlineClose(opt)
			opt.Header = http.Header{"Origin": {onlineOrigin}}
			heads := onlineEach(p, targets, func(ctx context.Context, t onlineTarget) *fetch.Response {
				if r, err := fetch.Head(ctx, t.URL, opt); onlineOK(r, err) {
					return r
				}
				if r, err := fetch.Range(ctx, t.URL, 0, 1, opt); onlineOK(r, err) {
					return r
				}
				return nil // unreachable: other rules say so
			})
			for i, t := range targets {
				r := heads[i]
				if r == nil || r.Header.Get("Access-Control-Allow-Origin") != "" {
					continue
				}
				what := t.Elem
				if what != "feed" {
					what = t.Elem + " file"
				}
				p.Reportf(t.Pos, "%s %q is served without Access-Control-Allow-Origin; web players cannot read it", what, t.URL)
			}
		},
	}
}
