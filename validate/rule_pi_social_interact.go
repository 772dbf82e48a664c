package validate

// piSocialProtocol reports whether v is in socialprotocols.txt, or is
// "bluesky", which an earlier version of the list named (atproto now).
func piSocialProtocol(v string) bool { return v == "bluesky" || piInList("socialprotocols.txt", v) }

func rulePiSocialInteract() *Rule {
	check := func(p *Pass, n *Node) {
		proto := ""
		if a := piRequire(p, n, "protocol"); a != nil {
			proto = trimSpace(a.Value)
			if !piSocialProtocol(proto) {
				p.ReportSeverityf(Warning, a.Pos, "podcast:socialInteract protocol %q is not in socialprotocols.txt (as of %s)", a.Value, piListsCommit)
			}
		}
		if proto == "disabled" {
			for i := range n.Attrs {
				if a := &n.Attrs[i]; a.Space == "" && a.Local != "protocol" {
					p.Reportf(a.Pos, "podcast:socialInteract with protocol=\"disabled\" must carry no other attribute, but has %s", a.Local)
				}
			}
			if piVal(n) != "" {
				p.Reportf(piTextPos(n), "podcast:socialInteract with protocol=\"disabled\" must be empty")
			}
			return
		}
		piRequire(p, n, "uri")
		if a := n.Attr("priority"); a != nil && !piIsInt(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:socialInteract priority %q is not an integer", a.Value)
		}
		if proto != "" && n.Attr("accountId") == nil {
			p.ReportSeverityf(Info, n.Pos, "podcast:socialInteract has no accountId; it is recommended so apps can show who posted")
		}
	}
	ch, it := piHooks("socialInteract", check)
	return &Rule{
		Code:     "pi-social-interact",
		Title:    "podcast:socialInteract lacks protocol or uri, or has an invalid attribute",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI social-interact, socialprotocols.txt",
		Since:    "v0.1.0",
		Doc: "`podcast:socialInteract` links the episode's comment thread. `protocol` (activitypub, " +
			"twitter, lightning, atproto, hive, matrix, nostr, or disabled) and `uri` are required; " +
			"`protocol=\"disabled\"` turns comments off and must carry nothing else. `priority` is an " +
			"integer and `accountId` is recommended (info). An unlisted protocol is a warning.",
		Hint:    "Give protocol and the root post's uri, or only protocol=\"disabled\".",
		Bad:     "<podcast:socialInteract protocol=\"activitypub\" accountId=\"@dave\"/>",
		Good:    "<podcast:socialInteract protocol=\"activitypub\" uri=\"https://podcastindex.social/@dave/1050\" accountId=\"@dave\"/>",
		Refs:    []string{piRef("social-interact"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/socialprotocols.txt"},
		Channel: ch,
		Item:    it,
	}
}
