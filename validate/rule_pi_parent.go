package validate

func rulePiParent() *Rule {
	check := func(p *Pass, root *Node) {
		piWalk(root, func(parent, n *Node) {
			ps, _, known := piTag(n.Local)
			if !known || piParentKind(parent)&ps != 0 {
				return
			}
			p.Reportf(n.Pos, "%s is not allowed inside %s; it belongs in %s", n.Name(), parent.Name(), piParentsText(ps))
		})
	}
	return &Rule{
		Code:     "pi-parent",
		Title:    "podcast: tag under a parent the specification does not allow",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI-tags",
		Since:    "v0.1.0",
		Doc: "Each tag of the podcast namespace is defined for specific parents (the channel, an item, " +
			"`podcast:alternateEnclosure`, `podcast:value`, …). Apps look for a tag only where the " +
			"specification puts it, so a misplaced tag is ignored. Every tag allowed in an `<item>` is " +
			"also allowed in a `<podcast:liveItem>`.",
		Hint:    "Move the tag to one of the parents its specification lists.",
		Bad:     "<item>\n  <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>\n</item>",
		Good:    "<channel>\n  <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>\n</channel>",
		Refs:    []string{piSpecURL, piRef("live-item")},
		Channel: check,
		Item:    check,
	}
}
