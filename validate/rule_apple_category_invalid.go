package validate

func ruleAppleCategoryInvalid() *Rule {
	return &Rule{
		Code:     "apple-category-invalid",
		Title:    "itunes:category must be one of Apple's categories",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, APR, FV",
		Since:    "v0.1.0",
		Doc: "The `text` of `<itunes:category>` must match a value of Apple's category list " +
			"exactly, case included (`Kids & Family`, written `Kids &amp; Family` in XML), and a " +
			"subcategory must belong to the category it is nested in. Apple ignores other values. " +
			"Pre-2019 names are apple-category-obsolete; a subcategory used at the top level is " +
			"apple-category-structure.",
		Hint: "Pick the value from Apple's list (https://podcasters.apple.com/support/1691-apple-podcasts-categories), spelled exactly.",
		Bad:  "<itunes:category text=\"Kids & family\"/>",
		Good: "<itunes:category text=\"Kids &amp; Family\"/>",
		Refs: []string{"https://podcasters.apple.com/support/1691-apple-podcasts-categories", "https://podcasters.apple.com/support/823-podcast-requirements"},
		Channel: func(p *Pass, ch *Node) {
			raEachAttr(ch, NSItunes, "category", "text", func(c *Node, a *Attr, v string) {
				if v == "" {
					p.Reportf(a.Pos, "itunes:category has an empty text attribute")
					return
				}
				subs, ok := raAppleSubcategories(v)
				if !ok {
					if _, obs := raAppleObsolete("", v); obs {
						return
					}
					if _, isSub := raAppleParentOf(v); isSub {
						return // apple-category-structure
					}
					if f, fold := raInListFold(raAppleCategoryNamesList(), v); fold {
						p.Reportf(a.Pos, "itunes:category %q is not an Apple category; matching is case-sensitive: use %q", a.Value, f)
					} else {
						p.Reportf(a.Pos, "itunes:category %q is not an Apple category", a.Value)
					}
					return
				}
				raEachAttr(c, NSItunes, "category", "text", func(_ *Node, sa *Attr, sv string) {
					if raInList(subs, sv) {
						return
					}
					if _, obs := raAppleObsolete(v, sv); obs {
						return
					}
					if f, fold := raInListFold(subs, sv); fold {
						p.Reportf(sa.Pos, "%q is not a subcategory of %q; matching is case-sensitive: use %q", sa.Value, v, f)
					} else if parent, isSub := raAppleParentOf(sv); isSub {
						p.Reportf(sa.Pos, "%q is a subcategory of %q, not of %q", sa.Value, parent, v)
					} else if _, isCat := raAppleSubcategories(sv); isCat {
						p.Reportf(sa.Pos, "%q is a category of its own, not a subcategory of %q; list it as a separate top-level itunes:category", sa.Value, v)
					} else if subs == "" {
						p.Reportf(sa.Pos, "%q is not a subcategory of %q, which has none", sa.Value, v)
					} else {
						p.Reportf(sa.Pos, "%q is not a subcategory of %q", sa.Value, v)
					}
				})
			})
		},
	}
}
