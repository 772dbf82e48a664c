package validate

import "time"

func ruleRssDateImplausible() *Rule {
	type state struct{ now time.Time }
	return &Rule{
		Code:     "rss-date-implausible",
		Title:    "Episode date is in the future or before podcasting existed",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "FV (ImplausibleDate)",
		Since:    "v0.1.0",
		Doc: "An item `pubDate` more than a day in the future, or before 2000 (typically the Unix " +
			"epoch, 1970, written by a broken generator), is almost always a mistake. Apps may hide " +
			"future episodes or sort the feed wrongly.",
		Hint:     "Set `pubDate` to the date the episode was published.",
		Bad:      `<pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate>`,
		Good:     `<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>`,
		Refs:     []string{"https://validator.w3.org/feed/docs/warning/ImplausibleDate.html"},
		NewState: func() any { return &state{now: time.Now()} },
		Item: func(p *Pass, it *Node) {
			n := p.kid(it, ckPubDate)
			if n == nil {
				return
			}
			d := p.raDateOf(it, n)
			if !d.ok {
				return
			}
			now := p.State.(*state).now
			switch {
			case d.t.After(now.Add(26 * time.Hour)):
				p.Reportf(raTextPos(n), "<pubDate> %q is in the future; apps may hide or mis-sort the episode", raTrim(n.Text))
			case d.t.Year() < 2000:
				p.Reportf(raTextPos(n), "<pubDate> %q is before podcasting existed; the date is probably wrong", raTrim(n.Text))
			}
		},
	}
}
