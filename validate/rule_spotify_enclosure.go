package validate

import "strings"

func ruleSpotifyEnclosure() *Rule {
	return &Rule{
		Code:     "spotify-enclosure",
		Title:    "Episode enclosure lacks the url, type or byte length Spotify requires",
		Severity: Error,
		Profiles: spotProfiles(),
		Source:   "SPOT §5.17 via ISS Podlatch#33",
		Since:    "v0.1.0",
		Doc: "Spotify ingests an episode only when its `<enclosure>` has a `url`, a `type` (such as " +
			"`audio/mpeg`) and a `length` in bytes; its support cites section 5.17 of the delivery " +
			"specification when ingestion fails on this.",
		Hint: "Give url, type and the file size in bytes as length.",
		Bad:  "<enclosure url=\"https://example.com/ep1.mp3\" type=\"audio/mpeg\"/>",
		Good: "<enclosure url=\"https://example.com/ep1.mp3\" type=\"audio/mpeg\" length=\"24000000\"/>",
		Refs: []string{spotRef, "https://github.com/Podlatch/Podlatch-Publisher/issues/33"},
		Item: func(p *Pass, it *Node) {
			enc := it.Child(NSNone, "enclosure")
			if enc == nil {
				p.Reportf(it.Pos, "item has no enclosure; Spotify needs one with url, type and length")
				return
			}
			for _, name := range [3]string{"url", "type", "length"} {
				a := enc.Attr(name)
				switch {
				case a == nil:
					p.Reportf(enc.Pos, "enclosure has no %s attribute; Spotify requires url, type and length", name)
				case strings.TrimSpace(a.Value) == "":
					p.Reportf(a.Pos, "enclosure %s is empty; Spotify requires url, type and length", name)
				case name == "length" && !raIsDigits(strings.TrimSpace(a.Value)):
					p.Reportf(a.Pos, "enclosure length %q is not a number of bytes, which Spotify requires", a.Value)
				}
			}
		},
	}
}
