package validate

import "strings"

// piKnownTags lists the specification's tags, for spelling suggestions.
const piKnownTags = "alternateEnclosure block chapters chat contentLink episode funding guid image images integrity " +
	"license liveItem location locked medium person podping podroll publisher remoteItem season socialInteract " +
	"soundbite source trailer transcript txt updateFrequency value valueRecipient valueTimeSplit"

func rulePiUnknownTag() *Rule {
	check := func(p *Pass, root *Node) {
		seen := p.State.(map[string]bool)
		piWalk(root, func(_, n *Node) {
			if _, _, known := piTag(n.Local); known || seen[n.Local] {
				return
			}
			seen[strings.Clone(n.Local)] = true // once per name: the generator writes them all
			for _, k := range strings.Fields(piKnownTags) {
				if strings.EqualFold(k, n.Local) {
					p.Reportf(n.Pos, "%s is not a tag of the podcast namespace; tag names are case-sensitive: did you mean %q?", n.Name(), "podcast:"+k)
					return
				}
			}
			if piProposalTag(n.Local) {
				p.ReportSeverityf(Info, n.Pos, "%s is a proposal, not (yet) part of the podcast namespace; most apps ignore it", n.Name())
				return
			}
			p.Reportf(n.Pos, "%s is not a tag of the podcast namespace; apps ignore it", n.Name())
		})
	}
	return &Rule{
		Code:     "pi-unknown-tag",
		Title:    "Element in the podcast namespace that the specification does not define",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "LW",
		Since:    "v0.1.0",
		Doc: "Only the tags listed in the Podcasting 2.0 specification are understood by apps. An unknown " +
			"name is usually a typo or a wrong case (`podcast:Transcript`); tags from the proposal " +
			"documents are reported as info only. Each unknown name is reported once, at its first " +
			"occurrence.",
		Hint:     "Check the tag name against the specification, including its case.",
		Bad:      "<podcast:Transcript url=\"https://example.com/t.vtt\" type=\"text/vtt\"/>",
		Good:     "<podcast:transcript url=\"https://example.com/t.vtt\" type=\"text/vtt\"/>",
		Refs:     []string{piSpecURL},
		NewState: func() any { return map[string]bool{} },
		Channel:  check,
		Item:     check,
	}
}
