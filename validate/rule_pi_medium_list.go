package validate

func rulePiMediumList() *Rule {
	return &Rule{
		Code:     "pi-medium-list",
		Title:    "List medium with regular items",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI medium",
		Since:    "v0.1.0",
		Doc: "A list medium (`podcastL`, `musicL`, …, or `mixed`) describes a feed that points at other " +
			"feeds' items with `podcast:remoteItem`. Such feeds \"should not be expected to have " +
			"regular `<item>`s\"; items in them are likely a mistaken medium.",
		Hint:     "Use the non-list medium (e.g. music), or list remote items instead of items.",
		Bad:      "<podcast:medium>musicL</podcast:medium>\n<item>…</item>",
		Good:     "<podcast:medium>musicL</podcast:medium>\n<podcast:remoteItem feedGuid=\"…\" itemGuid=\"…\"/>",
		Refs:     []string{piRef("medium")},
		NewState: func() any { return new(int) },
		Item:     func(p *Pass, _ *Node) { *p.State.(*int)++ },
		Channel: func(p *Pass, ch *Node) {
			m := ch.Child(NSPodcast, "medium")
			if m == nil {
				return
			}
			n := *p.State.(*int)
			if v := piVal(m); piListMedium(v) && n > 0 {
				p.Reportf(piTextPos(m), "podcast:medium %q is a list medium, but the channel has %d regular item(s); a list should hold podcast:remoteItem elements", v, n)
			}
		},
	}
}
