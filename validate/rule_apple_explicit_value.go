package validate

func ruleAppleExplicitValue() *Rule {
	return &Rule{
		Code:     "apple-explicit-value",
		Title:    "itunes:explicit must be true or false",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, FV (InvalidTrueFalse), ISS wp-calypso#91623",
		Since:    "v0.1.0",
		Doc: "Apple's guide defines `itunes:explicit` as `true` or `false`. The legacy values " +
			"`yes`, `explicit`, `no` and `clean` are still met and still understood by many apps, " +
			"so they are warnings with the replacement; any other value is an error.",
		Hint:     "Write `true` for explicit content, `false` otherwise.",
		Bad:      "<itunes:explicit>clean</itunes:explicit>",
		Good:     "<itunes:explicit>false</itunes:explicit>",
		Refs:     []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/5440-explicit-content"},
		NewState: func() any { return &raExplicitState{} },
		Channel:  func(p *Pass, ch *Node) { raCheckExplicit(p, ch.Child(NSItunes, "explicit"), nil) },
		Item: func(p *Pass, it *Node) {
			raCheckExplicit(p, p.kid(it, ckItExplicit), p.State.(*raExplicitState))
		},
		Finish: func(p *Pass) {
			st := p.State.(*raExplicitState)
			if st.more > 0 {
				p.ReportSeverityf(Warning, st.firstMore, "itunes:explicit has a legacy value in %d more items from here on (only the first %d are listed)", st.more, raExplicitListed)
			}
		},
	}
}

// raExplicitListed is how many items with a legacy itunes:explicit value
// are reported one by one; the rest are counted in one finding, since a
// feed that writes "yes"/"no" writes it in every item.
const raExplicitListed = 3

type raExplicitState struct {
	legacy    int // items with a legacy value
	more      int // of those, not listed
	firstMore Pos
}

func raCheckExplicit(p *Pass, n *Node, st *raExplicitState) {
	if n == nil {
		return
	}
	v := raTrim(n.Text)
	want := ""
	switch {
	case raEqualFold(v, "true"), raEqualFold(v, "false"):
		return
	case raEqualFold(v, "yes"), raEqualFold(v, "explicit"):
		want = "true"
	case raEqualFold(v, "no"), raEqualFold(v, "clean"):
		want = "false"
	default:
		p.Reportf(raTextPos(n), "itunes:explicit %q must be \"true\" or \"false\"", v)
		return
	}
	if st != nil {
		st.legacy++
		if st.legacy > raExplicitListed {
			if st.more == 0 {
				st.firstMore = raTextPos(n)
			}
			st.more++
			return
		}
	}
	p.ReportSeverityf(Warning, raTextPos(n), "itunes:explicit %q is a legacy value; use %q", v, want)
}
