package validate

func ruleAppleDescription4000() *Rule {
	return &Rule{
		Code:     "apple-description-4000",
		Title:    "Descriptions are limited to 4000 bytes",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide limits the channel and episode `<description>` to 4000 bytes; longer " +
			"text is truncated (warning). Apple states no limit for `content:encoded`, so a long " +
			"one is only information (catalogue §7), and so is an `itunes:summary` over 4000 bytes " +
			"(no longer in Apple's guide; catalogue §2.3 note).",
		Hint:    "Shorten the description to 4000 bytes, or move the long show notes to `content:encoded` or a web page.",
		Bad:     "<description>… (5000 bytes)</description>",
		Good:    "<description>A concise summary of the episode.</description>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { raCheck4000(p, ch) },
		Item:    func(p *Pass, it *Node) { raCheck4000(p, it) },
	}
}

func raCheck4000(p *Pass, parent *Node) {
	for _, c := range parent.Children {
		if len(c.Text) <= 4000 && c.TextLen <= 4000 {
			continue
		}
		switch {
		case c.Space == NSNone && c.Local == "description":
			if n := raTrimmedLen(c); n > 4000 {
				p.Reportf(raTextPos(c), "<%s> is %d bytes long; Apple truncates it after 4000", c.Name(), n)
			}
		case c.Space == NSItunes && c.Local == "summary":
			if n := raTrimmedLen(c); n > 4000 {
				p.ReportSeverityf(Info, raTextPos(c), "<%s> is %d bytes long; it is no longer in Apple's guide, but its old limit was 4000 bytes", c.Name(), n)
			}
		case c.Space == NSContent && c.Local == "encoded":
			if n := raTrimmedLen(c); n > 4000 {
				p.ReportSeverityf(Info, raTextPos(c), "<%s> is %d bytes long; Apple's 4000-byte limit is stated for <description> only, so some apps may cut it", c.Name(), n)
			}
		}
	}
}

// raTrimmedLen is the length in bytes of c's text without the white space
// around it, counting the part past what the engine kept (Node.TextLen).
func raTrimmedLen(c *Node) int {
	n := len(raTrim(c.Text))
	if c.TextLen > len(c.Text) {
		n += c.TextLen - len(c.Text)
	}
	return n
}
