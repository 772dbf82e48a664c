package validate

func ruleAppleImageMissing() *Rule {
	return &Rule{
		Code:     "apple-image-missing",
		Title:    "Channel needs itunes:image with an href",
		Severity: Error,
		Profiles: []Profile{ProfileApple, ProfileSpotify}, // Spotify requires show artwork too
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple requires show artwork: `<itunes:image href=\"…\"/>` in the channel. The URL " +
			"goes in the `href` attribute; written as the element's text it is not read. " +
			"Publisher and list feeds (`podcast:medium` publisher, mixed or `…L`) are not " +
			"submitted to Apple, so for them this is only information (catalogue §7).",
		Hint: "Add `<itunes:image href=\"https://example.com/artwork.jpg\"/>` to the channel.",
		Bad:  "<itunes:image>https://example.com/artwork.jpg</itunes:image>",
		Good: "<itunes:image href=\"https://example.com/artwork.jpg\"/>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390", "https://podcasters.apple.com/support/896-artwork-requirements"},
		Channel: func(p *Pass, ch *Node) {
			if itunesMisbound(ch, "image") {
				return // xml-itunes-ns-uri says why Apple cannot see it
			}
			sev := Error
			if raListMedium(ch) {
				sev = Info
			}
			img := ch.Child(NSItunes, "image")
			switch {
			case img == nil:
				p.ReportSeverityf(sev, ch.Pos, "the channel has no <itunes:image>; Apple requires show artwork")
			case img.Attr("href") != nil:
			case raText(img) != "":
				p.ReportSeverityf(sev, img.Pos, "<%s> has the URL %q as text; put it in the href attribute", img.Name(), raText(img))
			default:
				p.ReportSeverityf(sev, img.Pos, "<%s> has no href attribute", img.Name())
			}
		},
	}
}
