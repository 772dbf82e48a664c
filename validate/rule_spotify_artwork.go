package validate

import (
	"path"
	"strings"
)

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
			"whose extension names another format (GIF, WebP, SVG, …) is reported; size and shape " +
			"need the online checks. A channel without artwork is apple-image-missing, which carries " +
			"the spotify profile.",
		Hint: "Add <itunes:image href=\"https://…/artwork.jpg\"/> pointing at a square JPEG, PNG or TIFF.",
		Bad:  "<itunes:image href=\"https://example.com/artwork.gif\"/>",
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
			if h == nil || strings.TrimSpace(h.Value) == "" {
				p.Reportf(img.Pos, "itunes:image has no href; Spotify requires show artwork given as href=\"URL\"")
				return
			}
			u := strings.TrimSpace(h.Value)
			if i := strings.IndexAny(u, "?#"); i >= 0 {
				u = u[:i]
			}
			switch ext := strings.ToLower(path.Ext(u)); ext {
			case "", ".jpg", ".jpeg", ".png", ".tif", ".tiff":
			case ".gif", ".webp", ".svg", ".bmp", ".heic", ".avif", ".ico":
				p.Reportf(h.Pos, "itunes:image %q is a %s file; Spotify accepts TIFF, PNG or JPEG artwork", h.Value, strings.ToUpper(ext[1:]))
			}
		},
	}
}
