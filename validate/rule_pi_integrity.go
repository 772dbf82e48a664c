package validate

func rulePiIntegrity() *Rule {
	check := func(p *Pass, n *Node) {
		if t := piRequire(p, n, "type"); t != nil {
			if v := trimSpace(t.Value); v != "sri" && v != "pgp-signature" {
				p.Reportf(t.Pos, "podcast:integrity type %q must be \"sri\" or \"pgp-signature\"", t.Value)
			}
		}
		piRequire(p, n, "value")
	}
	ch, it := piHooks("integrity", check)
	return &Rule{
		Code:     "pi-integrity",
		Title:    "podcast:integrity has a bad type or no value",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI integrity",
		Since:    "v0.1.0",
		Doc: "`podcast:integrity` lets apps verify an alternate enclosure's file. `type` is `sri` " +
			"(a Subresource Integrity hash) or `pgp-signature`, and `value` is required.",
		Hint:    "Use type=\"sri\" with value=\"sha384-…\", or type=\"pgp-signature\" with the signature.",
		Bad:     "<podcast:integrity type=\"sha384\" value=\"ExVqijgYHm15PqQq\"/>",
		Good:    "<podcast:integrity type=\"sri\" value=\"sha384-ExVqijgYHm15PqQqdXfW95x+Rs6C+d6E/ICxyQOeFevnxNLR/wtJNrNYTjIysUBo\"/>",
		Refs:    []string{piRef("integrity")},
		Channel: ch,
		Item:    it,
	}
}
