package validate

import "strings"

func rulePiImagesDeprecated() *Rule {
	check := func(p *Pass, n *Node) {
		p.Reportf(n.Pos, "podcast:images is deprecated; use one podcast:image per image")
		a := n.Attr("srcset")
		if a == nil || trimSpace(a.Value) == "" {
			p.Reportf(n.Pos, "podcast:images has no srcset")
			return
		}
		for _, cand := range strings.Split(a.Value, ",") {
			f := strings.Fields(cand)
			if len(f) == 0 {
				continue
			}
			if !piIsAbsURL(f[0]) {
				p.Reportf(a.Pos, "podcast:images srcset URL %q is not absolute", f[0])
			}
			if len(f) != 2 || !strings.HasSuffix(f[1], "w") || !raIsDigits(strings.TrimSuffix(f[1], "w")) {
				p.Reportf(a.Pos, "podcast:images srcset entry %q needs a width descriptor such as \"1500w\"", trimSpace(cand))
			}
		}
	}
	ch, it := piHooks("images", check)
	return &Rule{
		Code:     "pi-images-deprecated",
		Title:    "podcast:images is deprecated",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI images",
		Since:    "v0.1.0",
		Doc: "`podcast:images` (a srcset list) was replaced by `podcast:image`, one tag per image. While " +
			"it remains, its `srcset` must list absolute URLs, each with a width descriptor (`1500w`).",
		Hint:    "Replace it with one <podcast:image href=\"…\" width=\"…\"/> per image.",
		Bad:     "<podcast:images srcset=\"https://example.com/a-1500.jpg 1500w, https://example.com/a-600.jpg 600w\"/>",
		Good:    "<podcast:image href=\"https://example.com/a-1500.jpg\" width=\"1500\"/>\n<podcast:image href=\"https://example.com/a-600.jpg\" width=\"600\"/>",
		Refs:    []string{piRef("images-(deprecated)"), piRef("image")},
		Channel: ch,
		Item:    it,
	}
}
