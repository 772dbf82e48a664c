package validate

func ruleAppleText255() *Rule {
	return &Rule{
		Code:     "apple-text-255",
		Title:    "Titles and itunes text values are limited to 255 characters",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV (TooLong)",
		Since:    "v0.1.0",
		Doc: "Apple limits the channel and episode `title`, `itunes:title` and `itunes:author` to " +
			"255 characters; longer values are cut. `itunes:subtitle` and `itunes:keywords` are no " +
			"longer in Apple's guide, so, as catalogue §2.3 asks, their old 255-character limit " +
			"is only information. (The owner's " +
			"`itunes:name` is checked by apple-owner-email, descriptions by apple-description-4000.)",
		Hint:    "Shorten the value to 255 characters or fewer; put details in the description.",
		Bad:     "<title>A very long title … (300 characters)</title>",
		Good:    "<title>A short title</title>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { raCheck255(p, ch) },
		Item:    func(p *Pass, it *Node) { raCheck255(p, it) },
	}
}

func raCheck255(p *Pass, parent *Node) {
	for _, c := range parent.Children {
		legacy := false
		switch {
		case c.Space == NSNone && c.Local == "title":
		case c.Space == NSItunes && (c.Local == "title" || c.Local == "author"):
		case c.Space == NSItunes && (c.Local == "subtitle" || c.Local == "keywords"):
			legacy = true
		default:
			continue
		}
		if len(c.Text) <= 255 {
			continue
		}
		n := raRuneCount(raTrim(c.Text))
		long := "is %d characters long"
		if c.TextLen > len(c.Text) {
			long = "is more than %d characters long" // only the start was kept
		}
		switch {
		case n <= 255:
		case legacy:
			p.ReportSeverityf(Info, raTextPos(c), "<%s> "+long+"; it is no longer in Apple's guide, but its old limit was 255 and apps that still show it cut it there", c.Name(), n)
		default:
			p.Reportf(raTextPos(c), "<%s> "+long+"; Apple's limit is 255", c.Name(), n)
		}
	}
}
