package validate

import (
	"context"
	"net/http"
	"strings"

	"github.com/podfeed/podfeed/fetch"
)

// netCheckCaching asks for the feed with a validator (If-None-Match or
// If-Modified-Since) and with Accept-Encoding: gzip, and says what is
// missing.
func netCheckCaching(ctx context.Context, opt fetch.Options, u string, f *fetch.Response) []string {
	var missing []string
	switch {
	case f.ETag == "" && f.LastModified == "":
		missing = append(missing, "sends neither ETag nor Last-Modified, so every poll downloads the whole feed")
	default:
		cond := opt
		cond.Header = http.Header{}
		if f.ETag != "" {
			cond.Header.Set("If-None-Match", f.ETag)
		} else {
			cond.Header.Set("If-Modified-Since", f.LastModified)
		}
		if r, err := fetch.Head(ctx, u, cond); err == nil && r.Status != http.StatusNotModified {
			missing = append(missing, "does not answer a conditional request with 304 Not Modified (it answered "+onlineStatusText(r.Status)+")")
		}
	}
	gz := opt
	gz.Header = http.Header{"Accept-Encoding": {"gzip"}}
	if r, err := fetch.Get(ctx, u, gz); err == nil {
		r.Body.Close()
		if r.Status == http.StatusOK && !strings.Contains(strings.ToLower(r.Header.Get("Content-Encoding")), "gzip") {
			missing = append(missing, "is not compressed (no gzip Content-Encoding)")
		}
	}
	return missing
}

func ruleNetFeedCaching() *Rule {
	channel, finish := onlineFeedHooks(func(ctx context.Context, p *Pass, opt fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		f := pr.final()
		if f == nil {
			return
		}
		for _, m := range netCheckCaching(ctx, opt, t.URL, f) {
			p.Reportf(t.Pos, "feed %q %s", t.URL, m)
		}
	})
	return &Rule{
		Code:     "net-feed-caching",
		Title:    "Feed should support conditional requests and compression",
		Severity: Info,
		Profiles: onlineProfiles(),
		Source:   "FV, TAP",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Apps and directories poll feeds about once an hour. A server that sends `ETag` or " +
			"`Last-Modified` and answers a conditional request with 304 Not Modified, and that " +
			"compresses the feed with gzip, saves most of that traffic.",
		Hint: "Serve the feed as a static file or through a CDN, which gives ETag, Last-Modified, 304 answers and gzip for free.",
		Bad:  `(a feed served by a script that sends no ETag and no gzip)`,
		Good: `(a static feed.xml behind a CDN)`,
		Refs: []string{"https://theaudacitytopodcast.com/how-to-reduce-the-size-of-your-podcast-rss-feed-tap269/"},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}
