package validate

func rulePiRemoteItem() *Rule {
	check := func(p *Pass, n *Node) {
		if a := piRequire(p, n, "feedGuid"); a != nil && !piIsUUID(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:remoteItem feedGuid %q is not a UUID (the remote feed's podcast:guid)", a.Value)
		}
		piReportURL(p, n.Attr("feedUrl"), "podcast:remoteItem", "feedUrl")
		if a := n.Attr("medium"); a != nil && !piMedium(trimSpace(a.Value)) {
			p.ReportSeverityf(Warning, a.Pos, "podcast:remoteItem medium %q is not in the medium list (as of %s)", a.Value, piListsCommit)
		}
	}
	ch, it := piHooks("remoteItem", check)
	return &Rule{
		Code:     "pi-remote-item",
		Title:    "podcast:remoteItem lacks a UUID feedGuid, or has a bad feedUrl or medium",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI remote-item",
		Since:    "v0.1.0",
		Doc: "`podcast:remoteItem` points at another feed, or an item in it. `feedGuid` (the other " +
			"feed's `podcast:guid`, a UUID) is required; `feedUrl` is a URL, `itemGuid` optional, and " +
			"`medium` comes from the medium list (an unlisted value is a warning).",
		Hint:    "Give the remote feed's podcast:guid in feedGuid.",
		Bad:     "<podcast:remoteItem feedUrl=\"https://example.com/feed.xml\"/>",
		Good:    "<podcast:remoteItem feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\" feedUrl=\"https://example.com/feed.xml\"/>",
		Refs:    []string{piRef("remote-item")},
		Channel: ch,
		Item:    it,
	}
}
