package validate

func ruleAppleTypeExtensionMismatch() *Rule {
	return &Rule{
		Code:     "apple-type-extension-mismatch",
		Title:    "Enclosure type should be Apple's type for the extension",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APG, AUD, RFC 4337",
		Since:    "v0.1.0",
		Doc: "Apple's guide gives the `type` for each supported format: `audio/mpeg` (.mp3), " +
			"`audio/x-m4a` (.m4a), `video/mp4` (.mp4), `video/x-m4v` (.m4v), `video/quicktime` " +
			"(.mov) and `application/pdf`. Following catalogue §7, `audio/mp4` (the registered " +
			"type for AAC, RFC 4337) is accepted for .m4a and .mp4; non-standard types " +
			"(`audio/mp3`, `audio/m4a`, `x-audio/mp3`), other types, and a type that contradicts " +
			"the extension are warnings.",
		Hint: "Use `audio/mpeg` for .mp3 and `audio/x-m4a` for .m4a files.",
		Bad:  `<enclosure url="https://example.com/ep1.mp3" length="123" type="audio/mp3"/>`,
		Good: `<enclosure url="https://example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://datatracker.ietf.org/doc/html/rfc4337"},
		Item: func(p *Pass, it *Node) {
			enc := p.kid(it, ckEnclosure)
			if enc == nil {
				return
			}
			ta := enc.Attr("type")
			if ta == nil || raTrim(ta.Value) == "" || !raMIMEValid(raTrim(ta.Value)) {
				return
			}
			t := raMIMEBase(ta.Value)
			switch t {
			case "audio/mp3", "audio/m4a", "x-audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mpeg-3", "audio/mpg":
				p.Reportf(ta.Pos, "enclosure type %q is non-standard; use %q", ta.Value, raStandardType(t))
				return
			}
			if !raInList("audio/mpeg|audio/x-m4a|audio/mp4|video/mp4|video/x-m4v|video/quicktime|application/pdf", t) {
				p.Reportf(ta.Pos, "enclosure type %q is not one of the types Apple lists (audio/mpeg, audio/x-m4a, video/mp4, video/x-m4v, video/quicktime, application/pdf)", ta.Value)
				return
			}
			u, _ := raAttrValue(enc, "url")
			ext, known := raInListFold(raAppleExtensions, p.urlPathExt(it, raTrim(u)))
			if !known {
				return
			}
			var want string
			switch ext {
			case "mp3":
				want = "audio/mpeg"
			case "m4a":
				want = "audio/x-m4a|audio/mp4"
			case "mp4":
				want = "video/mp4|audio/mp4|audio/x-m4a"
			case "m4v":
				want = "video/x-m4v|video/mp4"
			case "mov":
				want = "video/quicktime"
			case "pdf":
				want = "application/pdf"
			}
			if !raInList(want, t) {
				p.Reportf(ta.Pos, "enclosure type %q does not match the .%s file in the url", ta.Value, ext)
			}
		},
	}
}

func raStandardType(t string) string {
	if t == "audio/m4a" {
		return "audio/x-m4a"
	}
	return "audio/mpeg"
}
