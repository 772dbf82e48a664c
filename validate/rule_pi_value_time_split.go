package validate

func rulePiValueTimeSplit() *Rule {
	check := func(p *Pass, n *Node) {
		for _, name := range [2]string{"startTime", "duration"} {
			if a := piRequire(p, n, name); a != nil && !piIsDecimal(trimSpace(a.Value)) {
				p.Reportf(a.Pos, "podcast:valueTimeSplit %s %q is not a number of seconds ≥ 0", name, a.Value)
			}
		}
		if a := n.Attr("remoteStartTime"); a != nil && !piIsDecimal(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:valueTimeSplit remoteStartTime %q is not a number of seconds ≥ 0", a.Value)
		}
		remotes, recipients := 0, 0
		for _, c := range n.Children {
			if c.Space == NSPodcast {
				switch c.Local {
				case "remoteItem":
					remotes++
				case "valueRecipient":
					recipients++
				}
			}
		}
		switch {
		case remotes == 0 && recipients == 0:
			p.Reportf(n.Pos, "podcast:valueTimeSplit has neither a podcast:remoteItem nor a podcast:valueRecipient")
		case remotes > 0 && recipients > 0:
			p.Reportf(n.Pos, "podcast:valueTimeSplit has both a podcast:remoteItem and podcast:valueRecipient; use one or the other")
		case remotes > 1:
			p.Reportf(n.Pos, "podcast:valueTimeSplit has %d podcast:remoteItem children; exactly one is allowed", remotes)
		}
		if a := n.Attr("remotePercentage"); a != nil {
			v := trimSpace(a.Value)
			f, ok := piDecimal(v)
			switch {
			case !ok && piIsSignedDecimal(v):
				p.ReportSeverityf(Warning, a.Pos, "podcast:valueTimeSplit remotePercentage %q is below 0; apps will use 0", v)
			case !ok:
				p.Reportf(a.Pos, "podcast:valueTimeSplit remotePercentage %q is not a number", v)
			case f > 100:
				p.ReportSeverityf(Warning, a.Pos, "podcast:valueTimeSplit remotePercentage %q is above 100; apps will use 100", v)
			}
		}
	}
	ch, it := piHooks("valueTimeSplit", check)
	return &Rule{
		Code:     "pi-value-time-split",
		Title:    "podcast:valueTimeSplit lacks its times or recipients",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI value-time-split",
		Since:    "v0.1.0",
		Doc: "`podcast:valueTimeSplit` changes who is paid during part of an episode. `startTime` and " +
			"`duration` are required seconds. It holds exactly one `podcast:remoteItem` or at least " +
			"one `podcast:valueRecipient`. `remotePercentage` outside 0–100 is clamped by apps " +
			"(warning).",
		Hint:    "Give startTime and duration in seconds and one remoteItem or the recipients.",
		Bad:     "<podcast:valueTimeSplit startTime=\"60\"/>",
		Good:    "<podcast:valueTimeSplit startTime=\"60\" duration=\"237\" remotePercentage=\"95\">\n  <podcast:remoteItem feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\" itemGuid=\"ep-1\"/>\n</podcast:valueTimeSplit>",
		Refs:    []string{piRef("value-time-split")},
		Channel: ch,
		Item:    it,
	}
}
