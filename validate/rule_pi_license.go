package validate

import "strings"

// piKnownLicense reports whether v (any case) is in the namespace's
// licenseslugs.txt, or a common SPDX Creative Commons identifier (1.0.md:
// a well-known license is referenced by its SPDX identifier).
func piKnownLicense(v string) bool {
	for l := range piLists()["licenseslugs.txt"] {
		if strings.EqualFold(l, v) {
			return true
		}
	}
	switch strings.ToLower(v) {
	case "cc0-1.0", "cc-by-sa-4.0", "cc-by-nd-4.0", "cc-by-nc-sa-4.0",
		"cc-by-3.0", "cc-by-sa-3.0", "cc-by-nd-3.0", "cc-by-nc-3.0", "cc-by-nc-sa-3.0", "cc-by-nc-nd-3.0":
		return true
	}
	return false
}

func rulePiLicense() *Rule {
	check := func(p *Pass, n *Node) {
		v := piVal(n)
		if v == "" {
			p.Reportf(n.Pos, "podcast:license is empty; give a license identifier such as \"CC-BY-4.0\"")
			return
		}
		if piKnownLicense(v) {
			return
		}
		if u := n.Attr("url"); u == nil || trimSpace(u.Value) == "" {
			p.Reportf(piTextPos(n), "podcast:license %q is not a known license identifier, so it is a custom license and needs a url to its full text", v)
		} else {
			piReportURL(p, u, "podcast:license", "url")
		}
	}
	ch, it := piHooks("license", check)
	return &Rule{
		Code:     "pi-license",
		Title:    "Custom podcast:license without a url",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI license",
		Since:    "v0.1.0",
		Doc: "`podcast:license` names the license of the audio or video. A well-known license is given " +
			"by its identifier (the namespace's licenseslugs.txt: ARR, CC-BY-4.0, CC-BY-NC-4.0, " +
			"CC-BY-NC-ND-4.0, POD-V4V-1.0, and SPDX identifiers), compared without regard to case. " +
			"Any other value is a custom license, which must carry a `url` to its full text.",
		Hint:    "Use a known identifier, or add url=\"…\" pointing at the license text.",
		Bad:     "<podcast:license>my-podcast-license-v1</podcast:license>",
		Good:    "<podcast:license url=\"https://example.org/license.pdf\">my-podcast-license-v1</podcast:license>",
		Refs:    []string{piRef("license"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/license/licenseslugs.txt"},
		Channel: ch,
		Item:    it,
	}
}
