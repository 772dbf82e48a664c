package validate

func rulePiCountSingle() *Rule {
	var walk func(p *Pass, n *Node)
	walk = func(p *Pass, n *Node) {
		for i, c := range n.Children {
			if c.Space == NSPodcast {
				if _, single, known := piTag(c.Local); known && single {
					for _, prev := range n.Children[:i] {
						if prev.Space == NSPodcast && prev.Local == c.Local {
							p.Reportf(c.Pos, "%s appears again in %s (first at line %d); only one is allowed", c.Name(), n.Name(), prev.Pos.Line)
							break
						}
					}
				}
			}
			if len(c.Children) > 0 {
				walk(p, c)
			}
		}
	}
	return &Rule{
		Code:     "pi-count-single",
		Title:    "podcast: tag that may appear once repeats under the same parent",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI-tags",
		Since:    "v0.1.0",
		Doc: "Tags such as `podcast:guid`, `podcast:locked`, `podcast:medium`, `podcast:chapters`, " +
			"`podcast:season`, `podcast:episode`, `podcast:license`, `podcast:chat` and " +
			"`podcast:integrity` are specified with a count of one per parent. When one repeats, apps " +
			"pick one of them arbitrarily.",
		Hint:    "Keep a single instance of the tag under this parent.",
		Bad:     "<podcast:medium>podcast</podcast:medium>\n<podcast:medium>music</podcast:medium>",
		Good:    "<podcast:medium>podcast</podcast:medium>",
		Refs:    []string{piSpecURL},
		Channel: walk,
		Item:    walk,
	}
}
