package validate

func ruleAppleValueWhitespace() *Rule {
	return &Rule{
		Code:     "apple-value-whitespace",
		Title:    "No spaces around attribute values and single-token values",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide says not to add leading or trailing spaces to values. Following " +
			"catalogue §7 this is checked only where a space changes the value: the attributes of " +
			"`enclosure`, `itunes:image` and `itunes:category`, and the single-token elements " +
			"`itunes:explicit`, `type`, `episodeType`, `episode`, `season`, `duration`, `block` " +
			"and `complete`. Prose and URLs laid out on their own line are not reported.",
		Hint: "Remove the spaces around the value.",
		Bad:  "<itunes:episode> 12 </itunes:episode>",
		Good: "<itunes:episode>12</itunes:episode>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			raValueSpaces(p, ch)
			for _, c := range ch.Children {
				if c.Space == NSItunes && c.Local == "category" {
					for _, s := range c.Children {
						raValueSpaces(p, s)
					}
				}
			}
		},
		Item: func(p *Pass, it *Node) { raValueSpaces(p, it) },
	}
}

func raValueSpaces(p *Pass, parent *Node) {
	for _, c := range parent.Children {
		attrs := false
		switch {
		case c.Space == NSNone && c.Local == "enclosure":
			attrs = true
		case c.Space == NSItunes && (c.Local == "image" || c.Local == "category"):
			attrs = true
		case c.Space == NSItunes && raSingleTokenItunes(c.Local):
			if raHasOuterSpace(c.Text) && raTrim(c.Text) != "" {
				p.Reportf(raTextPos(c), "<%s> %q has spaces around its value", c.Name(), c.Text)
			}
		}
		if !attrs {
			continue
		}
		for i := range c.Attrs {
			a := &c.Attrs[i]
			if a.Space == NSNone && raHasOuterSpace(a.Value) && raTrim(a.Value) != "" {
				p.Reportf(a.Pos, "<%s> %s=%q has spaces around its value", c.Name(), a.Local, a.Value)
			}
		}
	}
}

// raSingleTokenItunes reports whether an itunes element holds a single token.
func raSingleTokenItunes(local string) bool {
	switch local {
	case "explicit", "type", "episodeType", "episode", "season", "duration", "block", "complete":
		return true
	}
	return false
}
