package validate

func ruleAppleMediaFormat() *Rule {
	return &Rule{
		Code:     "apple-media-format",
		Title:    "Enclosure file extension must be one Apple lists",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APG, ISS Proclaim#1424, FV (UnsupportedItunesFormat)",
		Since:    "v0.1.0",
		Doc: "Apple's guide: the file extension in the enclosure URL determines whether the " +
			"episode appears. Supported extensions are m4a, mp3, mov, mp4, m4v and pdf. The " +
			"extension is taken from the last path segment after percent-decoding, ignoring the " +
			"query and fragment (catalogue §7), so tracking prefixes are fine as long as the URL " +
			"still ends in the file name; an extensionless URL is an error. (The `type` is " +
			"apple-type-extension-mismatch.)",
		Hint: "Publish the episode as MP3 or AAC (.m4a) or a listed video format, with the extension in the URL.",
		Bad:  `<enclosure url="https://example.com/ep1.ogg" length="123" type="audio/ogg"/>`,
		Good: `<enclosure url="https://example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/893-audio-requirements"},
		Item: func(p *Pass, it *Node) {
			enc := p.kid(it, ckEnclosure)
			if enc == nil {
				return
			}
			a := enc.Attr("url")
			if a == nil {
				return
			}
			v := raTrim(a.Value)
			if ok, _ := p.httpURL(it, v); !ok {
				return
			}
			ext := p.urlPathExt(it, v)
			if _, ok := raInListFold(raAppleExtensions, ext); ok {
				return
			}
			if ext == "" {
				p.Reportf(a.Pos, "enclosure url %q has no file extension; Apple lists only episodes whose URL ends in .mp3, .m4a, .mp4, .m4v, .mov or .pdf", a.Value)
				return
			}
			p.Reportf(a.Pos, "enclosure url %q ends in .%s; Apple lists only .mp3, .m4a, .mp4, .m4v, .mov and .pdf", a.Value, ext)
		},
	}
}

const raAppleExtensions = "m4a|mp3|mov|mp4|m4v|pdf"
