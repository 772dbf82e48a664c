package validate

func rulePiPublisher() *Rule {
	check := func(p *Pass, n *Node) {
		items := n.ChildrenNamed(NSPodcast, "remoteItem")
		switch len(items) {
		case 0:
			p.Reportf(n.Pos, "podcast:publisher has no podcast:remoteItem; it must hold exactly one, with medium=\"publisher\"")
			return
		case 1:
		default:
			p.Reportf(items[1].Pos, "podcast:publisher holds %d podcast:remoteItem elements; it must hold exactly one", len(items))
		}
		r := items[0]
		if m := r.Attr("medium"); m == nil || trimSpace(m.Value) != "publisher" {
			p.Reportf(r.Pos, "the podcast:remoteItem in podcast:publisher must have medium=\"publisher\"")
		}
		if r.Attr("feedUrl") == nil {
			p.ReportSeverityf(Info, r.Pos, "the podcast:remoteItem in podcast:publisher has no feedUrl; it is recommended")
		}
	}
	ch, _ := piHooks("publisher", check)
	return &Rule{
		Code:     "pi-publisher",
		Title:    "podcast:publisher does not hold one publisher remoteItem",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI publisher",
		Since:    "v0.1.0",
		Doc: "`podcast:publisher` links the show to its publisher's feed. It contains exactly one " +
			"`podcast:remoteItem` with `medium=\"publisher\"`; a `feedUrl` on it is recommended.",
		Hint:    "Use <podcast:publisher><podcast:remoteItem medium=\"publisher\" feedGuid=\"…\" feedUrl=\"…\"/></podcast:publisher>.",
		Bad:     "<podcast:publisher>\n  <podcast:remoteItem feedGuid=\"…\"/>\n</podcast:publisher>",
		Good:    "<podcast:publisher>\n  <podcast:remoteItem medium=\"publisher\" feedGuid=\"…\" feedUrl=\"https://example.com/publisher.xml\"/>\n</podcast:publisher>",
		Refs:    []string{piRef("publisher"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/publishers/publishers.md"},
		Channel: ch,
	}
}
