package validate

import "strconv"

// netLengthTolerance is the relative difference between the declared and
// the served size tolerated before a warning: dynamic ad insertion makes
// the served file drift by a few percent.
const netLengthTolerance = 0.10

func ruleNetEnclosureLength() *Rule {
	item, finish := onlineEnclosureHooks(false, func(p *Pass, t onlineTarget, pr onlineMediaProbe) {
		declared, err := strconv.ParseInt(t.Length, 10, 64)
		if err != nil || declared < 0 {
			return // rss-enclosure-length-int reports it
		}
		actual := pr.length()
		if actual < 0 {
			return
		}
		diff := float64(actual - declared)
		if diff < 0 {
			diff = -diff
		}
		if diff > netLengthTolerance*float64(actual) {
			pos := t.LenPos
			if pos.Line == 0 {
				pos = t.Pos
			}
			p.Reportf(pos, "enclosure length=%q but the server says the file %q is %d bytes", t.Length, t.URL, actual)
		}
	})
	return &Rule{
		Code:     "net-enclosure-length",
		Title:    "Enclosure length should match the served file size",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "CFV, ISS vod2pod#375",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "The enclosure `length` is the file size in bytes; apps use it for download progress " +
			"and storage estimates. It is compared with the size the server reports " +
			"(Content-Length, or the total in Content-Range). Dynamic ad insertion makes small " +
			"drift normal, so only a difference of more than 10% is reported, as a warning.",
		Hint: "Set length to the file's size in bytes as served (e.g. from `stat` or the Content-Length header).",
		Bad:  `<enclosure url="https://media.example.com/ep1.mp3" length="1" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="52428800" type="audio/mpeg"/>`,
		Refs: []string{"https://github.com/madiele/vod2pod-rss/issues/375"},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
