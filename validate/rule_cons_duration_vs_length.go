package validate

import "strings"

// consLossyAudio reports whether a MIME type is compressed audio, whose
// bitrate has an upper bound.
func consLossyAudio(t string) bool {
	switch t {
	case "audio/mpeg", "audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg", "audio/mp4", "audio/x-m4a",
		"audio/m4a", "audio/aac", "audio/aacp", "audio/ogg", "audio/opus", "audio/webm", "audio/x-ms-wma":
		return true
	}
	return false
}

func ruleConsDurationVsLength() *Rule {
	return &Rule{
		Code:     "cons-duration-vs-length",
		Title:    "Enclosure length and itunes:duration imply an impossible bitrate",
		Severity: Warning,
		Profiles: consAllProfiles(),
		Source:   "ISS AzuraCast#8594",
		Since:    "v0.1.0",
		Doc: "For an audio enclosure, `length` (bytes) × 8 ÷ `itunes:duration` (seconds) is its " +
			"bitrate. Above 512 kbit/s for compressed audio (MP3, AAC, Opus, …) one of the two " +
			"values is wrong: typically a placeholder duration such as `0:00:01`, or the size of " +
			"the uncompressed master instead of the published file. Apps then show the wrong " +
			"length and seek badly. Bitrates below 16 kbit/s (length in seconds or kilobytes) are " +
			"reported by rss-enclosure-length-suspect; this rule reports them only for episodes " +
			"under a minute, which that rule skips.",
		Hint: "Set length to the file size in bytes and itunes:duration to the playing time in seconds.",
		Bad:  "<enclosure url=\"https://example.com/ep1.mp3\" length=\"28800000\" type=\"audio/mpeg\"/>\n<itunes:duration>0:00:01</itunes:duration>",
		Good: "<enclosure url=\"https://example.com/ep1.mp3\" length=\"28800000\" type=\"audio/mpeg\"/>\n<itunes:duration>1800</itunes:duration>",
		Refs: []string{"https://github.com/AzuraCast/AzuraCast/issues/8594"},
		Item: func(p *Pass, it *Node) {
			enc := p.kid(it, ckEnclosure)
			dn := p.kid(it, ckItDuration)
			if enc == nil || dn == nil {
				return
			}
			la, ta := enc.Attr("length"), enc.Attr("type")
			if la == nil || ta == nil {
				return
			}
			typ := strings.ToLower(trimSpace(ta.Value))
			if !strings.HasPrefix(typ, "audio/") {
				return
			}
			lv := trimSpace(la.Value)
			if !raIsDigits(lv) || len(lv) > 15 {
				return
			}
			length := float64(piAtoi(lv))
			dur, ok := piDurationSeconds(dn.Text)
			if !ok || length == 0 || dur < 1 {
				return // zero values are rss-enclosure-length-suspect's and apple-duration-format's
			}
			kbps := length * 8 / dur / 1000
			switch {
			case kbps < consMinKbps && dur < 60:
				// Longer episodes are rss-enclosure-length-suspect's: one finding per fact.
				p.Reportf(la.Pos, "enclosure length %s bytes over itunes:duration %q is %.2f kbit/s, below %d kbit/s: is the length in kilobytes or seconds, or the duration in milliseconds?", lv, piVal(dn), kbps, consMinKbps)
			case kbps > consMaxKbps && consLossyAudio(typ):
				p.Reportf(la.Pos, "enclosure length %s bytes over itunes:duration %q is %.0f kbit/s, above %d kbit/s for %s: is the duration too short, or the length that of another file (such as the uncompressed master)?", lv, piVal(dn), kbps, consMaxKbps, typ)
			}
		},
	}
}
