package validate

import "strings"

// piIsLNAddress is a shape check for a Lightning address (user@domain).
func piIsLNAddress(s string) bool { return piIsEmail(s) }

func rulePiValueRecipient() *Rule {
	check := func(p *Pass, n *Node) {
		typ := ""
		if a := piRequire(p, n, "type"); a != nil {
			typ = strings.ToLower(trimSpace(a.Value))
			if typ != "node" && typ != "lnaddress" {
				p.ReportSeverityf(Warning, a.Pos, "podcast:valueRecipient type %q is not a known value (node, lnaddress as of %s)", a.Value, piListsCommit)
			}
		}
		if a := piRequire(p, n, "address"); a != nil {
			v := trimSpace(a.Value)
			switch {
			case typ == "node" && !(len(v) == 66 && piIsHex(v)):
				p.Reportf(a.Pos, "podcast:valueRecipient address %q is not a node public key (66 hexadecimal digits)", v)
			case typ == "lnaddress" && !piIsLNAddress(v):
				p.Reportf(a.Pos, "podcast:valueRecipient address %q is not a Lightning address (user@domain)", v)
			}
		}
		if a := piRequire(p, n, "split"); a != nil {
			if v := trimSpace(a.Value); !raIsDigits(v) {
				p.Reportf(a.Pos, "podcast:valueRecipient split %q is not a whole number of shares", a.Value)
			}
		}
		if a := n.Attr("fee"); a != nil && !piIsBool(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:valueRecipient fee %q must be \"true\" or \"false\"", a.Value)
		}
	}
	ch, it := piHooks("valueRecipient", check)
	return &Rule{
		Code:     "pi-value-recipient",
		Title:    "podcast:valueRecipient lacks type, address or split, or has an invalid one",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI value-recipient",
		Since:    "v0.1.0",
		Doc: "Each `podcast:valueRecipient` receives a share of payments. `type` (node or lnaddress; " +
			"another value is a warning), `address` (a 66-digit hex node key, or a Lightning " +
			"address) and `split` (a whole number of shares) are required; `fee` is a boolean and " +
			"`name` is recommended.",
		Hint:    "Give type, address and split, e.g. type=\"node\" address=\"02…\" split=\"90\".",
		Bad:     "<podcast:valueRecipient type=\"node\" address=\"alice\" split=\"90%\"/>",
		Good:    "<podcast:valueRecipient name=\"Alice\" type=\"node\" address=\"02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52\" split=\"90\"/>",
		Refs:    []string{piRef("value-recipient")},
		Channel: ch,
		Item:    it,
	}
}
