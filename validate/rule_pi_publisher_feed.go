package validate

func rulePiPublisherFeed() *Rule {
	return &Rule{
		Code:     "pi-publisher-feed",
		Title:    "Publisher feed lacks its podcast:guid or remote items",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI publishers",
		Since:    "v0.1.0",
		Doc: "A feed with `podcast:medium` publisher describes a publisher, not a show. The namespace's " +
			"publisher feed requirements ask for a `podcast:guid` (which the shows' " +
			"`podcast:publisher` refer to) and at least one `podcast:remoteItem` listing the " +
			"publisher's shows.",
		Hint: "Add <podcast:guid> and a <podcast:remoteItem feedGuid=\"…\"/> per show.",
		Bad:  "<podcast:medium>publisher</podcast:medium>\n<title>Example Media</title>",
		Good: "<podcast:medium>publisher</podcast:medium>\n<podcast:guid>003af0a0-6a45-55cf-b765-68e3d349551a</podcast:guid>\n<podcast:remoteItem medium=\"podcast\" feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\"/>",
		Refs: []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/publishers/publishers.md"},
		Channel: func(p *Pass, ch *Node) {
			m := ch.Child(NSPodcast, "medium")
			if m == nil || piVal(m) != "publisher" {
				return
			}
			if ch.Child(NSPodcast, "guid") == nil {
				p.Reportf(piTextPos(m), "publisher feed has no podcast:guid; shows refer to their publisher by it")
			}
			if ch.Child(NSPodcast, "remoteItem") == nil {
				p.Reportf(piTextPos(m), "publisher feed has no podcast:remoteItem; list the publisher's shows")
			}
		},
	}
}
