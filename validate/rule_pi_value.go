package validate

import "strings"

// piValueSlug reports whether s (any case) is in the namespace's
// valueslugs.txt.
func piValueSlug(s string) bool { return piInList("valueslugs.txt", strings.ToLower(s)) }

func rulePiValue() *Rule {
	check := func(p *Pass, n *Node) {
		for _, name := range [2]string{"type", "method"} {
			if a := piRequire(p, n, name); a != nil && !piValueSlug(trimSpace(a.Value)) {
				p.ReportSeverityf(Warning, a.Pos, "podcast:value %s %q is not in valueslugs.txt (as of %s); apps may not support it", name, a.Value, piListsCommit)
			}
		}
		if a := n.Attr("suggested"); a != nil && !piIsDecimal(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:value suggested %q is not a decimal number", a.Value)
		}
		if n.Child(NSPodcast, "valueRecipient") == nil {
			p.Reportf(n.Pos, "podcast:value has no podcast:valueRecipient; at least one is required")
		}
	}
	ch, it := piHooks("value", check)
	return &Rule{
		Code:     "pi-value",
		Title:    "podcast:value lacks type, method or a recipient",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI value, valueslugs.txt",
		Since:    "v0.1.0",
		Doc: "`podcast:value` sets up payments to the show. `type` (e.g. lightning) and `method` (e.g. " +
			"keysend) are required and come from the namespace's slug list (an unlisted value is a " +
			"warning, since the list grows). `suggested` is a decimal amount. At least one " +
			"`podcast:valueRecipient` is required.",
		Hint:    "Give type, method and at least one <podcast:valueRecipient>.",
		Bad:     "<podcast:value type=\"lightning\"/>",
		Good:    "<podcast:value type=\"lightning\" method=\"keysend\" suggested=\"0.00000005000\">\n  <podcast:valueRecipient name=\"host\" type=\"node\" address=\"02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52\" split=\"100\"/>\n</podcast:value>",
		Refs:    []string{piRef("value"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/value/valueslugs.txt"},
		Channel: ch,
		Item:    it,
	}
}
