package validate

func ruleAppleCategoryExtra() *Rule {
	return &Rule{
		Code:     "apple-category-extra",
		Title:    "Apple uses only the first category and subcategory",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "A feed may list several categories, but Apple Podcasts recognises only the first " +
			"category and its first subcategory; the others are ignored there (other apps may " +
			"still use them).",
		Hint: "Put the category that matters most first.",
		Bad:  "<itunes:category text=\"News\"/><itunes:category text=\"Comedy\"/>",
		Good: "<itunes:category text=\"News\"/>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			first := true
			for _, c := range ch.Children {
				if c.Space != NSItunes || c.Local != "category" {
					continue
				}
				v, _ := raAttrValue(c, "text")
				if !first {
					if raTrim(v) != "" { // an empty one is apple-category-invalid's
						p.Reportf(c.Pos, "itunes:category %q is ignored by Apple, which uses only the first category", v)
					}
					continue
				}
				first = false
				firstSub := true
				for _, s := range c.Children {
					if s.Space != NSItunes || s.Local != "category" {
						continue
					}
					if !firstSub {
						sv, _ := raAttrValue(s, "text")
						p.Reportf(s.Pos, "subcategory %q is ignored by Apple, which uses only the first subcategory", sv)
					}
					firstSub = false
				}
			}
		},
	}
}
