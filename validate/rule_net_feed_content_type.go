package validate

import (
	"context"
	"strings"

	"github.com/podfeed/podfeed/fetch"
)

// netCharsetName normalizes a charset label for comparison.
func netCharsetName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "utf8":
		return "utf-8"
	case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1":
		return "iso-8859-1"
	case "cp1252":
		return "windows-1252"
	case "ascii", "us-ascii":
		return "us-ascii"
	}
	return s
}

func ruleNetFeedContentType() *Rule {
	channel, finish := onlineFeedHooks(func(_ context.Context, p *Pass, _ fetch.Options, t onlineTarget, pr onlineMediaProbe) {
		f := pr.final()
		if f == nil {
			return
		}
		switch f.ContentType {
		case "application/rss+xml", "application/xml", "text/xml":
		case "text/html":
			return // net-feed-status reports it
		case "":
			p.Reportf(t.Pos, "feed %q is served without a Content-Type; use application/rss+xml or application/xml", t.URL)
			return
		default:
			p.Reportf(t.Pos, "feed %q is served as %q; use application/rss+xml, application/xml or text/xml", t.URL, f.ContentType)
			return
		}
		if f.Charset == "" {
			return // no charset is no conflict (RFC 7303)
		}
		declared := p.Doc.DeclaredEncoding
		if declared == "" {
			declared = "utf-8" // XML's default without a declaration or BOM
		}
		if netCharsetName(f.Charset) != netCharsetName(declared) && !(netCharsetName(f.Charset) == "us-ascii" && netCharsetName(declared) == "utf-8") {
			p.Reportf(t.Pos, "feed %q is served with charset=%q but the document is %q; the header wins in most readers", t.URL, f.Charset, declared)
		}
	})
	return &Rule{
		Code:     "net-feed-content-type",
		Title:    "Feed should be served as XML with a charset that agrees with the document",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "FV (mediaTypes), RFC 7303",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "A feed should be served as `application/rss+xml`, `application/xml` or `text/xml` " +
			"(RFC 7303 makes `text/xml` an alias of `application/xml`). An explicit `charset=` " +
			"parameter that disagrees with the XML declaration (or UTF-8 when there is none) is " +
			"reported, because readers decode with the header's charset; a missing charset is " +
			"no conflict. `text/html` is reported by `net-feed-status`.",
		Hint: "Serve the feed with Content-Type: application/rss+xml; charset=utf-8 (matching the XML declaration).",
		Bad:  `<?xml version="1.0" encoding="UTF-8"?> served with Content-Type: text/plain; charset=iso-8859-1`,
		Good: `<?xml version="1.0" encoding="UTF-8"?> served with Content-Type: application/rss+xml; charset=utf-8`,
		Refs: []string{"https://www.rfc-editor.org/rfc/rfc7303"},

		NewState: onlineNewFeedState,
		Channel:  channel,
		Finish:   finish,
	}
}
