package validate

// raMinBitsPerSecond is the lowest plausible bitrate: below it, a length is
// too small for the episode's duration. It is the cross-item bitrate check's
// lower bound (catalogue §7 asks for one constant); that rule leaves
// episodes of a minute and more to this one.
const raMinBitsPerSecond = consMinKbps * 1000

func ruleRssEnclosureLengthSuspect() *Rule {
	return &Rule{
		Code:     "rss-enclosure-length-suspect",
		Title:    "<enclosure> length looks wrong (zero, or seconds instead of bytes)",
		Severity: Warning,
		Profiles: raRSSProfiles(),
		Source:   "CFV, ISS AzuraCast#8594, RSSHub#9287",
		Since:    "v0.1.0",
		Doc: "A `length` of 0, or one so small that the episode's `itunes:duration` would mean " +
			"less than 16 kbit/s, is almost always a placeholder or a duration in seconds written " +
			"where bytes belong. Apps then show wrong sizes, and Blubrry's validator counts such " +
			"episodes as invalid. (Negative and non-numeric lengths are rss-enclosure-length-int.)",
		Hint: "Put the media file's size in bytes in `length`.",
		Bad:  `<enclosure url="…" length="1800" type="audio/mpeg"/><itunes:duration>1800</itunes:duration>`,
		Good: `<enclosure url="…" length="28800000" type="audio/mpeg"/><itunes:duration>1800</itunes:duration>`,
		Refs: []string{"https://github.com/AzuraCast/AzuraCast/issues/8594"},
		Item: func(p *Pass, it *Node) {
			enc := p.kid(it, ckEnclosure)
			if enc == nil {
				return
			}
			a := enc.Attr("length")
			if a == nil {
				return
			}
			v := raTrim(a.Value)
			if !raIsDigits(v) {
				return
			}
			n := raAtoi(v)
			if n == 0 {
				p.Reportf(a.Pos, "enclosure length %q: the file size is unknown to apps; give it in bytes", a.Value)
				return
			}
			secs, ok := raDurationSeconds(raText(p.kid(it, ckItDuration)))
			if !ok || secs < 60 {
				return
			}
			if n*8 < secs*raMinBitsPerSecond && n < 1000 {
				p.Reportf(a.Pos, "enclosure length %q bytes for a %d-second episode looks like a placeholder; give the file size in bytes", a.Value, secs)
				return
			}
			if n*8 < secs*raMinBitsPerSecond {
				p.Reportf(a.Pos, "enclosure length %q bytes is too small for a %d-second episode (under 16 kbit/s); is it in seconds or kilobytes instead of bytes?", a.Value, secs)
			}
		},
	}
}
