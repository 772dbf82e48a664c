package validate

func rulePiChat() *Rule {
	check := func(p *Pass, n *Node) {
		if a := piRequire(p, n, "server"); a != nil && !piIsFQDN(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:chat server %q is not a fully qualified domain name such as \"irc.libera.chat\"", a.Value)
		}
		if a := piRequire(p, n, "protocol"); a != nil {
			if !piInList("chatprotocols.txt", trimSpace(a.Value)) {
				p.ReportSeverityf(Warning, a.Pos, "podcast:chat protocol %q is not in chatprotocols.txt (%s as of %s)", a.Value, piListText("chatprotocols.txt"), piListsCommit)
			}
		}
		if n.Attr("accountId") == nil {
			p.ReportSeverityf(Info, n.Pos, "podcast:chat has no accountId; it is recommended")
		}
	}
	ch, it := piHooks("chat", check)
	return &Rule{
		Code:     "pi-chat",
		Title:    "podcast:chat lacks server or protocol, or has an invalid one",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI chat, chatprotocols.txt",
		Since:    "v0.1.0",
		Doc: "`podcast:chat` points at a chat room for the show. `server` (a fully qualified domain " +
			"name) and `protocol` (irc, xmpp, nostr or matrix; an unlisted one is a warning) are " +
			"required; `accountId` is recommended and `space` names the room.",
		Hint:    "Give server and protocol, e.g. server=\"irc.zeronode.net\" protocol=\"irc\".",
		Bad:     "<podcast:chat server=\"https://irc.example\" space=\"#show\"/>",
		Good:    "<podcast:chat server=\"irc.zeronode.net\" protocol=\"irc\" accountId=\"@jsmith\" space=\"#show\"/>",
		Refs:    []string{piRef("chat"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/chatprotocols.txt"},
		Channel: ch,
		Item:    it,
	}
}
