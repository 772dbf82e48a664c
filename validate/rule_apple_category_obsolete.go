package validate

func ruleAppleCategoryObsolete() *Rule {
	return &Rule{
		Code:     "apple-category-obsolete",
		Title:    "itunes:category uses a pre-2019 name",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "FV (ObsoleteItunesCategory)",
		Since:    "v0.1.0",
		Doc: "Apple replaced its category list in 2019. Old values such as `Games & Hobbies`, " +
			"`Health` or `Technology > Podcasting` no longer exist, so the show is filed under " +
			"whatever Apple maps them to, or nowhere.",
		Hint: "Replace the old value with the suggested current one.",
		Bad:  "<itunes:category text=\"Games &amp; Hobbies\"/>",
		Good: "<itunes:category text=\"Leisure\"/>",
		Refs: []string{"https://podcasters.apple.com/support/1691-apple-podcasts-categories"},
		Channel: func(p *Pass, ch *Node) {
			raEachAttr(ch, NSItunes, "category", "text", func(c *Node, a *Attr, v string) {
				if repl, obs := raAppleObsolete("", v); obs {
					p.Reportf(a.Pos, "itunes:category %q is a pre-2019 category; use %q", a.Value, repl)
				}
				raEachAttr(c, NSItunes, "category", "text", func(_ *Node, sa *Attr, sv string) {
					if repl, obs := raAppleObsolete(v, sv); obs {
						p.Reportf(sa.Pos, "%q > %q is a pre-2019 category; use %s", v, sa.Value, repl)
					}
				})
			})
		},
	}
}
