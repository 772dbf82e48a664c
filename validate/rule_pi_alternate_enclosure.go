package validate

import "strings"

// piIsCodecs is a shape check for an RFC 6381 codecs list ("mp4a.40.2,avc1.4d401e").
func piIsCodecs(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range strings.Split(s, ",") {
		c = trimSpace(c)
		if c == "" {
			return false
		}
		for i := 0; i < len(c); i++ {
			b := c[i]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-' || b == '_') {
				return false
			}
		}
	}
	return true
}

func rulePiAlternateEnclosure() *Rule {
	check := func(p *Pass, n *Node) {
		if t := piRequire(p, n, "type"); t != nil && !piIsMIME(trimSpace(t.Value)) {
			p.Reportf(t.Pos, "podcast:alternateEnclosure type %q is not a MIME type", t.Value)
		}
		for _, name := range [2]string{"length", "height"} {
			if a := n.Attr(name); a != nil && !raIsDigits(trimSpace(a.Value)) {
				p.Reportf(a.Pos, "podcast:alternateEnclosure %s %q is not an integer", name, a.Value)
			}
		}
		if a := n.Attr("bitrate"); a != nil && !piIsDecimal(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:alternateEnclosure bitrate %q is not a number (bits per second)", a.Value)
		}
		if a := n.Attr("lang"); a != nil && !piIsBCP47(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:alternateEnclosure lang %q is not a language tag such as \"en-US\"", a.Value)
		}
		if a := n.Attr("codecs"); a != nil && !piIsCodecs(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:alternateEnclosure codecs %q is not an RFC 6381 codecs list such as \"mp4a.40.2\"", a.Value)
		}
		def := n.Attr("default")
		if def != nil && !piIsBool(trimSpace(def.Value)) {
			p.Reportf(def.Pos, "podcast:alternateEnclosure default %q must be \"true\" or \"false\"", def.Value)
		}
		var sources []*Node
		for _, c := range n.Children {
			if c.Space == NSPodcast && c.Local == "source" {
				sources = append(sources, c)
			}
		}
		if len(sources) == 0 {
			p.Reportf(n.Pos, "podcast:alternateEnclosure has no podcast:source; at least one is required")
			return
		}
		// default="true" means "the same file as the enclosure" (§7, missing rule 6).
		if def == nil || trimSpace(def.Value) != "true" || n.Parent == nil || n.Parent.Space != NSNone || n.Parent.Local != "item" {
			return
		}
		enc := n.Parent.Child(NSNone, "enclosure")
		if enc == nil {
			return
		}
		eu := enc.Attr("url")
		if eu == nil {
			return
		}
		for _, s := range sources {
			if u := s.Attr("uri"); u != nil && trimSpace(u.Value) == trimSpace(eu.Value) {
				return
			}
		}
		p.ReportSeverityf(Info, def.Pos, "podcast:alternateEnclosure default=\"true\" stands for the enclosure's file, but none of its sources is the enclosure URL %q", eu.Value)
	}
	ch, it := piHooks("alternateEnclosure", check)
	return &Rule{
		Code:     "pi-alternate-enclosure",
		Title:    "podcast:alternateEnclosure lacks type or a source, or has an invalid attribute",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI alternate-enclosure",
		Since:    "v0.1.0",
		Doc: "`podcast:alternateEnclosure` offers another version of the episode's media. `type` is " +
			"required; `length` and `height` are integers, `bitrate` a number, `lang` a BCP 47 tag, " +
			"`codecs` an RFC 6381 list and `default` a boolean. It must contain at least one " +
			"`podcast:source` (a repeated `podcast:integrity` is reported by pi-count-single). " +
			"`default=\"true\"` marks the same file as the `<enclosure>`, so one source should " +
			"carry the enclosure's URL (info).",
		Hint:    "Add type and at least one <podcast:source uri=\"…\"/>.",
		Bad:     "<podcast:alternateEnclosure type=\"audio/opus\" length=\"32400000\"/>",
		Good:    "<podcast:alternateEnclosure type=\"audio/opus\" length=\"32400000\" bitrate=\"96000\">\n  <podcast:source uri=\"https://example.com/ep1.opus\"/>\n</podcast:alternateEnclosure>",
		Refs:    []string{piRef("alternate-enclosure")},
		Channel: ch,
		Item:    it,
	}
}
