package validate

func ruleAppleCategoryStructure() *Rule {
	return &Rule{
		Code:     "apple-category-structure",
		Title:    "itunes:category: value in text=, subcategory nested in its parent",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, ISS jpmonette/feed#229",
		Since:    "v0.1.0",
		Doc: "The category goes in the `text` attribute, not the element's content. A " +
			"subcategory is an `<itunes:category>` nested inside its parent's, at most two " +
			"levels deep; written on its own at the top level it is not a category at all.",
		Hint: "Write `<itunes:category text=\"News\"><itunes:category text=\"Tech News\"/></itunes:category>`.",
		Bad:  "<itunes:category>Tech News</itunes:category>",
		Good: "<itunes:category text=\"News\"><itunes:category text=\"Tech News\"/></itunes:category>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			for _, c := range ch.Children {
				if c.Space != NSItunes || c.Local != "category" {
					continue
				}
				raCategoryText(p, c)
				if a := c.Attr("text"); a != nil {
					v := raTrim(a.Value)
					if _, ok := raAppleSubcategories(v); !ok {
						if parent, isSub := raAppleParentOf(v); isSub {
							p.Reportf(a.Pos, "%q is a subcategory: nest it inside <itunes:category text=%q>", a.Value, parent)
						}
					}
				}
				for _, s := range c.Children {
					if s.Space != NSItunes || s.Local != "category" {
						continue
					}
					raCategoryText(p, s)
					for _, g := range s.Children {
						if g.Space == NSItunes && g.Local == "category" {
							p.Reportf(g.Pos, "itunes:category is nested three levels deep; Apple allows a category and one subcategory level")
						}
					}
				}
			}
		},
	}
}

func raCategoryText(p *Pass, c *Node) {
	if c.Attr("text") != nil {
		return
	}
	if t := raText(c); t != "" {
		p.Reportf(c.Pos, "itunes:category has its value %q as text; put it in the text attribute", t)
		return
	}
	p.Reportf(c.Pos, "itunes:category has no text attribute")
}
