package validate

func rulePiSocialInteractPriority() *Rule {
	check := func(p *Pass, root *Node) {
		var walk func(n *Node)
		walk = func(n *Node) {
			count := 0
			for _, c := range n.Children {
				if c.Space == NSPodcast && c.Local == "socialInteract" {
					count++
				}
			}
			if count > 1 {
				for _, c := range n.Children {
					if c.Space == NSPodcast && c.Local == "socialInteract" && c.Attr("priority") == nil {
						p.Reportf(c.Pos, "%s has %d podcast:socialInteract tags; give each a priority so apps know which to use first", n.Name(), count)
					}
				}
			}
			for _, c := range n.Children {
				if c.Space == NSPodcast && c.Local == "liveItem" {
					walk(c)
				}
			}
		}
		walk(root)
	}
	return &Rule{
		Code:     "pi-social-interact-priority",
		Title:    "Several podcast:socialInteract tags without priority",
		Severity: Info,
		Profiles: piProfiles(),
		Source:   "PI social-interact",
		Since:    "v0.1.0",
		Doc: "When an item links several comment threads, the specification strongly recommends a " +
			"`priority` on each, so apps know which one to show first.",
		Hint:    "Add priority=\"1\", priority=\"2\", … to the tags.",
		Bad:     "<podcast:socialInteract protocol=\"activitypub\" uri=\"https://a.example/1\"/>\n<podcast:socialInteract protocol=\"nostr\" uri=\"nostr:note1…\"/>",
		Good:    "<podcast:socialInteract priority=\"1\" protocol=\"activitypub\" uri=\"https://a.example/1\"/>\n<podcast:socialInteract priority=\"2\" protocol=\"nostr\" uri=\"nostr:note1…\"/>",
		Refs:    []string{piRef("social-interact")},
		Channel: check,
		Item:    check,
	}
}
