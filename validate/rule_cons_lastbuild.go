package validate

import "strings"

// consNewest remembers the newest item pubDate seen so far.
type consNewest struct {
	t    int64
	raw  string
	line int
	ok   bool
}

func ruleConsLastBuild() *Rule {
	return &Rule{
		Code:     "cons-lastbuild",
		Title:    "lastBuildDate is older than the newest episode",
		Severity: Info,
		Profiles: consAllProfiles(),
		Source:   "RSS",
		Since:    "v0.1.0",
		Doc: "`lastBuildDate` is \"the last time the content of the channel changed\". When it is older " +
			"than the newest item's `pubDate`, the feed generator did not update it, and clients " +
			"that use it to skip unchanged feeds may miss the new episode.",
		Hint:     "Set lastBuildDate whenever the feed is rebuilt, at least to the newest pubDate.",
		Bad:      "<lastBuildDate>Mon, 02 Jan 2023 10:00:00 GMT</lastBuildDate>\n<item><pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate></item>",
		Good:     "<lastBuildDate>Mon, 09 Jan 2023 10:00:00 GMT</lastBuildDate>\n<item><pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate></item>",
		Refs:     []string{"https://www.rssboard.org/rss-specification#optionalChannelElements"},
		NewState: func() any { return &consNewest{} },
		Item: func(p *Pass, it *Node) {
			t, n, ok := consPubDate(p, it)
			if !ok {
				return
			}
			st := p.State.(*consNewest)
			if !st.ok || t > st.t {
				*st = consNewest{t: t, raw: strings.Clone(piVal(n)), line: n.Pos.Line, ok: true} // no reference into the input
			}
		},
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*consNewest)
			lb := ch.Child(NSNone, "lastBuildDate")
			if !st.ok || lb == nil {
				return
			}
			t, ok := piParseRFC2822(lb.Text)
			if ok && t < st.t {
				p.Reportf(piTextPos(lb), "lastBuildDate %q is older than the newest item's pubDate %q (line %d)", piVal(lb), st.raw, st.line)
			}
		},
	}
}
