package validate

func rulePiLiveItem() *Rule {
	check := func(p *Pass, n *Node) {
		if a := piRequire(p, n, "status"); a != nil {
			switch trimSpace(a.Value) {
			case "pending", "live", "ended":
			default:
				p.Reportf(a.Pos, "podcast:liveItem status %q must be \"pending\", \"live\" or \"ended\"", a.Value)
			}
		}
		if a := piRequire(p, n, "start"); a != nil && !piIsISO8601(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:liveItem start %q is not an ISO 8601 date-time such as \"2021-09-26T07:30:00.000-06:00\"", a.Value)
		}
		if a := n.Attr("end"); a == nil {
			p.ReportSeverityf(Info, n.Pos, "podcast:liveItem has no end time; it is recommended")
		} else if !piIsISO8601(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:liveItem end %q is not an ISO 8601 date-time", a.Value)
		}
		if n.Child(NSPodcast, "contentLink") == nil {
			p.Reportf(n.Pos, "podcast:liveItem has no podcast:contentLink; one is required so apps that cannot play the stream can link to it")
		}
		if g := n.Child(NSNone, "guid"); g == nil || piVal(g) == "" {
			p.ReportSeverityf(Warning, n.Pos, "podcast:liveItem has no guid; apps need one to match the live item with the episode it becomes")
		}
		if n.Child(NSNone, "enclosure") == nil {
			p.ReportSeverityf(Info, n.Pos, "podcast:liveItem has no enclosure; one is recommended as a fallback for apps without live support")
		}
	}
	ch, _ := piHooks("liveItem", check)
	return &Rule{
		Code:     "pi-live-item",
		Title:    "podcast:liveItem lacks status, start or a content link",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI live-item",
		Since:    "v0.1.0",
		Doc: "`podcast:liveItem` announces a live stream. `status` (pending, live or ended), `start` " +
			"(ISO 8601; fractional seconds and offsets with or without a colon are accepted) and a " +
			"`podcast:contentLink` are required. A guid (warning), an `end` time and an enclosure as a " +
			"fallback (info) are recommended.",
		Hint:    "Give status, start and a <podcast:contentLink href=\"…\">.",
		Bad:     "<podcast:liveItem status=\"on air\" start=\"Sunday 7:30\">…</podcast:liveItem>",
		Good:    "<podcast:liveItem status=\"live\" start=\"2021-09-26T07:30:00.000-06:00\" end=\"2021-09-26T09:30:00.000-06:00\">\n  <guid>live-1</guid>\n  <podcast:contentLink href=\"https://example.com/live\">Watch live</podcast:contentLink>\n</podcast:liveItem>",
		Refs:    []string{piRef("live-item")},
		Channel: ch,
	}
}
