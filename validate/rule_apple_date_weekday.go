package validate

func ruleAppleDateWeekday() *Rule {
	check := func(p *Pass, n *Node) {
		if n == nil {
			return
		}
		// A date with its weekday starts with a letter: parse only the
		// ones that start with a digit (the day of the month).
		if v := raTrim(n.Text); v == "" || v[0] < '0' || v[0] > '9' {
			return
		}
		if d := raParseDate(n.Text); d.ok && d.weekday < 0 {
			p.Reportf(raTextPos(n), "<%s> %q has no day of the week; Apple asks for one (e.g. %q)", n.Name(), raTrim(n.Text), d.t.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT"))
		}
	}
	return &Rule{
		Code:     "apple-date-weekday",
		Title:    "Dates should start with the day of the week",
		Severity: Warning,
		Profiles: []Profile{ProfileApple},
		Source:   "APR, RFC 822 §5.1",
		Since:    "v0.1.0",
		Doc: "RFC 822 and RFC 2822 make the day of the week optional (`05 Mar 2024 10:00:00 GMT` is " +
			"a valid date), so rss-date-rfc822 accepts it, but Apple's requirements give dates with " +
			"one, as `Tue, 05 Mar 2024 10:00:00 GMT`, and strict parsers expect it. Reported only for " +
			"dates that are otherwise readable.",
		Hint: "Start the date with the English three-letter day and a comma: `Tue, 05 Mar 2024 10:00:00 GMT`.",
		Bad:  "<pubDate>05 Mar 2024 10:00:00 GMT</pubDate>",
		Good: "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>",
		Refs: []string{"https://podcasters.apple.com/support/823-podcast-requirements", "https://datatracker.ietf.org/doc/html/rfc822#section-5"},
		Channel: func(p *Pass, ch *Node) {
			check(p, ch.Child(NSNone, "pubDate"))
			check(p, ch.Child(NSNone, "lastBuildDate"))
		},
		Item: func(p *Pass, it *Node) { check(p, p.kid(it, ckPubDate)) },
	}
}
