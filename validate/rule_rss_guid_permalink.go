package validate

func ruleRssGuidPermalink() *Rule {
	return &Rule{
		Code:     "rss-guid-permalink",
		Title:    "A <guid> that is not a URL needs isPermaLink=\"false\"",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS, FV (InvalidHttpGUID), APG",
		Since:    "v0.1.0",
		Doc: "In RSS 2.0 `isPermaLink` defaults to true, which claims the guid is a URL that " +
			"opens the episode in a browser. A guid that is not an http or https URL (a plain " +
			"string, or a `urn:` or `tag:` identifier, which no browser opens) should say " +
			"`isPermaLink=\"false\"`. Apple treats guids as opaque strings, so this is a warning " +
			"(catalogue §7), not an error. `isPermaLink` takes only `true` or `false`.",
		Hint: "Add `isPermaLink=\"false\"` to the guid.",
		Bad:  `<guid>episode-42</guid>`,
		Good: `<guid isPermaLink="false">episode-42</guid>`,
		Refs: []string{"https://www.rssboard.org/rss-specification#ltguidgtSubelementOfLtitemgt"},
		Item: func(p *Pass, it *Node) {
			g := p.kid(it, ckGUID)
			if g == nil {
				return
			}
			v := raText(g)
			pl, has := raAttrValue(g, "isPermaLink")
			if has {
				switch raTrim(pl) {
				case "false":
					return
				case "true":
				default:
					p.Reportf(raAttrPos(g, "isPermaLink"), "isPermaLink=%q: use \"true\" or \"false\"", pl)
					return
				}
			}
			if v == "" {
				return
			}
			switch scheme, _ := raURLScheme(v); {
			case scheme == "":
				p.Reportf(raTextPos(g), "<guid> %q is not a URL but claims to be a permalink; add isPermaLink=\"false\"", v)
			case !raEqualFold(scheme, "http") && !raEqualFold(scheme, "https"):
				p.Reportf(raTextPos(g), "<guid> %q is a %s: identifier, not a link a browser can open, but claims to be a permalink; add isPermaLink=\"false\"", v, scheme)
			}
		},
	}
}
