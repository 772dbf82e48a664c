package validate

func rulePiLocked() *Rule {
	check := func(p *Pass, n *Node) {
		if v := piVal(n); v != "yes" && v != "no" {
			p.Reportf(piTextPos(n), "podcast:locked is %q; it must be \"yes\" or \"no\"", v)
		}
		if o := n.Attr("owner"); o != nil && !piIsEmail(o.Value) {
			p.Reportf(o.Pos, "podcast:locked owner %q is not an email address", o.Value)
		}
	}
	ch, _ := piHooks("locked", check)
	return &Rule{
		Code:     "pi-locked",
		Title:    "podcast:locked value or owner is invalid",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI locked",
		Since:    "v0.1.0",
		Doc: "`podcast:locked` tells other platforms whether they may import the feed. Its value is " +
			"`yes` or `no`, in lower case; the optional `owner` is the email address used to verify " +
			"ownership during a move.",
		Hint:    "Write yes or no, and put a working email address in owner.",
		Bad:     "<podcast:locked owner=\"the owner\">true</podcast:locked>",
		Good:    "<podcast:locked owner=\"owner@example.com\">yes</podcast:locked>",
		Refs:    []string{piRef("locked")},
		Channel: ch,
	}
}
