package validate

func ruleSpotifyArtwork() *Rule {
	return &Rule{
		Code:     "spotify-artwork",
		Title:    "Channel artwork missing or not in a format Spotify accepts",
		Severity: Error,
		Profiles: spotProfiles(),
		Source:   "SPOT §4.2 (as quoted)",
		Since:    "v0.1.0",
		Doc: "Spotify requires show artwork (`<itunes:image href=\"…\">`): square (1:1), in the highest " +
			"resolution available, as TIFF, PNG or JPEG. Unlike Apple it sets no pixel minimum. A URL " +
			"whose extension names another format (GIF, WebP, SVG, …) is reported once, as " +
			"apple-image-extension, which carries the spotify profile (Apple rejects those formats " +
			"too); this rule reports artwork given without an href. Size and shape need the online " +
			"checks. A channel without artwork is apple-image-missing, which carries the spotify " +
			"profile.",
		Hint: "Add <itunes:image href=\"https://…/artwork.jpg\"/> pointing at a square JPEG, PNG or TIFF.",
		Bad:  "<itunes:image>https://example.com/artwork.jpg</itunes:image>",
		Good: "<itunes:image href=\"https://example.com/artwork.jpg\"/>",
		Refs: []string{spotRef},
		Channel: func(p *Pass, ch *Node) {
			img := ch.Child(NSItunes, "image")
			if img == nil && spotItunesMisbound(ch) {
				return
			}
			if img == nil {
				return // apple-image-missing, which carries the spotify profile
			}
			h := img.Attr("href")
			if h == nil || trimSpace(h.Value) == "" {
				p.Reportf(img.Pos, "itunes:image has no href; Spotify requires show artwork given as href=\"URL\"")
				return
			}
			// Artwork in a format Spotify rejects (GIF, WebP, …) is
			// apple-image-extension's finding, which carries the spotify
			// profile: Apple rejects those formats too.
		},
	}
}
