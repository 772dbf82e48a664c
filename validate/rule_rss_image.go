package validate

func ruleRssImage() *Rule {
	return &Rule{
		Code:     "rss-image",
		Title:    "Channel <image> needs url, title and link within size limits",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "RSS, LW",
		Since:    "v0.1.0",
		Doc: "The RSS 2.0 channel `<image>` is optional, but when present it must contain `url`, " +
			"`title` and `link`; the optional `width` is at most 144 and `height` at most 400 " +
			"pixels. (Podcast artwork is `itunes:image`; this element is the small RSS logo.) The " +
			"image's link is the channel's own: when the channel has no `<link>` either, " +
			"rss-channel-link reports that once and this rule does not repeat it.",
		Hint: "Give `<image>` its `<url>`, `<title>` and `<link>` children, or remove it and rely on `itunes:image`.",
		Bad:  "<image><url>https://example.com/logo.png</url></image>",
		Good: "<image><url>https://example.com/logo.png</url><title>My Show</title><link>https://example.com</link></image>",
		Refs: []string{"https://www.rssboard.org/rss-specification#ltimagegtSubelementOfLtchannelgt"},
		Channel: func(p *Pass, ch *Node) {
			img := ch.Child(NSNone, "image")
			if img == nil {
				return
			}
			for _, name := range [...]string{"url", "title", "link"} {
				c := img.Child(NSNone, name)
				if c == nil && name == "link" {
					if l := ch.Child(NSNone, "link"); l == nil || raText(l) == "" {
						// The image's link is the channel's: with none
						// to give, rss-channel-link says it once.
						continue
					}
				}
				switch {
				case c == nil:
					p.Reportf(img.Pos, "the channel <image> has no <%s>", name)
				case raText(c) == "":
					p.Reportf(c.Pos, "the channel <image> <%s> is empty", name)
				}
			}
			if u := img.Child(NSNone, "url"); u != nil && raText(u) != "" {
				if ok, _ := raHTTPURL(raText(u)); !ok {
					if raSpaced(raText(u)) {
						p.Reportf(raTextPos(u), "the channel <image> url %q contains white space; write a space in a URL as %%20", raText(u))
					} else {
						p.Reportf(raTextPos(u), "the channel <image> url %q is not an absolute http(s) URL", raText(u))
					}
				}
			}
			raImageDim(p, img, "width", 144)
			raImageDim(p, img, "height", 400)
		},
	}
}

func raImageDim(p *Pass, img *Node, name string, max int64) {
	c := img.Child(NSNone, name)
	if c == nil {
		return
	}
	v := raText(c)
	if !raIsDigits(v) {
		p.Reportf(raTextPos(c), "the channel <image> <%s> %q is not a whole number of pixels", name, v)
		return
	}
	if raAtoi(v) > max {
		p.Reportf(raTextPos(c), "the channel <image> <%s> %q exceeds the RSS maximum of %d", name, v, max)
	}
}
