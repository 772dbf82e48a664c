package validate

// consSchemeState remembers the first enclosure's scheme.
type consSchemeState struct {
	first    string
	line     int
	reported bool
}

func ruleConsMixedScheme() *Rule {
	return &Rule{
		Code:     "cons-mixed-scheme",
		Title:    "Enclosures mix http and https",
		Severity: Info,
		Profiles: consAllProfiles(),
		Source:   "RFW",
		Since:    "v0.1.0",
		Doc: "When some episodes are served over https and others over plain http, the http ones are " +
			"usually left over from an old host or setting. Apps on platforms that block plain http " +
			"may fail to play them. Reported once, at the first enclosure whose scheme differs from " +
			"the first enclosure's.",
		Hint:     "Serve all media over https.",
		Bad:      "<enclosure url=\"https://example.com/ep2.mp3\" …/>\n<enclosure url=\"http://example.com/ep1.mp3\" …/>",
		Good:     "<enclosure url=\"https://example.com/ep2.mp3\" …/>\n<enclosure url=\"https://example.com/ep1.mp3\" …/>",
		Refs:     []string{"http://rfwilmut.net/notes/podcast.html"},
		NewState: func() any { return &consSchemeState{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*consSchemeState)
			if st.reported {
				return
			}
			enc := p.kid(it, ckEnclosure)
			if enc == nil {
				return
			}
			u := enc.Attr("url")
			if u == nil {
				return
			}
			sch := piScheme(trimSpace(u.Value))
			if sch != "http" && sch != "https" {
				return
			}
			if st.first == "" {
				st.first, st.line = sch, u.Pos.Line
				return
			}
			if sch != st.first {
				st.reported = true
				p.Reportf(u.Pos, "enclosure %q uses %s while the first enclosure (line %d) uses %s", u.Value, sch, st.line, st.first)
			}
		},
	}
}
