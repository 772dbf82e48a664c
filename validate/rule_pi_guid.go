package validate

func rulePiGUID() *Rule {
	check := func(p *Pass, n *Node) {
		v := piVal(n)
		if !piIsUUID(v) {
			p.Reportf(piTextPos(n), "podcast:guid %q is not a UUID (36 characters, 8-4-4-4-12 hexadecimal digits)", v)
		}
	}
	ch, _ := piHooks("guid", check)
	return &Rule{
		Code:     "pi-guid",
		Title:    "podcast:guid is not a UUID",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI guid",
		Since:    "v0.1.0",
		Doc: "`podcast:guid` is the show's global identifier, which survives moves between hosts. Its " +
			"value must be a UUID written as 36 characters: 8-4-4-4-12 hexadecimal digits.",
		Hint:    "Compute the UUIDv5 of the feed URL (without scheme and trailing slashes) in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6, once, and keep it forever.",
		Bad:     "<podcast:guid>my-show-guid</podcast:guid>",
		Good:    "<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>",
		Refs:    []string{piRef("guid")},
		Channel: ch,
	}
}
