package validate

func rulePiPodroll() *Rule {
	check := func(p *Pass, n *Node) {
		if n.Child(NSPodcast, "remoteItem") == nil {
			p.Reportf(n.Pos, "podcast:podroll has no podcast:remoteItem; list at least one recommended feed")
		}
	}
	ch, _ := piHooks("podroll", check)
	return &Rule{
		Code:     "pi-podroll",
		Title:    "podcast:podroll is empty",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI podroll, LW",
		Since:    "v0.1.0",
		Doc: "`podcast:podroll` recommends other shows. It must contain at least one " +
			"`podcast:remoteItem`; an empty podroll recommends nothing.",
		Hint:    "Add <podcast:remoteItem feedGuid=\"…\"/> entries, or remove the podroll.",
		Bad:     "<podcast:podroll/>",
		Good:    "<podcast:podroll>\n  <podcast:remoteItem feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\"/>\n</podcast:podroll>",
		Refs:    []string{piRef("podroll")},
		Channel: ch,
	}
}
