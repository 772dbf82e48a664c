package validate

func rulePiGUIDV5() *Rule {
	check := func(p *Pass, n *Node) {
		v := piVal(n)
		if !piIsUUID(v) {
			return // pi-guid reports it
		}
		if v[14] != '5' {
			p.Reportf(piTextPos(n), "podcast:guid %q is a version %c UUID; the specification asks for a UUIDv5", v, v[14])
			return
		}
		switch v[19] {
		case '8', '9', 'a', 'b', 'A', 'B':
		default:
			p.Reportf(piTextPos(n), "podcast:guid %q does not have the RFC 4122 variant (character 20 should be 8, 9, a or b)", v)
		}
	}
	ch, _ := piHooks("guid", check)
	return &Rule{
		Code:     "pi-guid-v5",
		Title:    "podcast:guid is not a version 5 UUID",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI guid, LW",
		Since:    "v0.1.0",
		Doc: "The specification defines the value as \"a UUIDv5 string\", derived from the feed URL, so " +
			"that anyone can compute it. The version digit (the 15th character) must be `5` and the " +
			"variant digit (the 20th) one of `8`, `9`, `a`, `b`.",
		Hint:    "Use the UUIDv5 of the feed URL in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6.",
		Bad:     "<podcast:guid>c9bd9a76-4e48-4a53-8d3e-2f0a6a1c5b91</podcast:guid>",
		Good:    "<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>",
		Refs:    []string{piRef("guid")},
		Channel: ch,
	}
}
