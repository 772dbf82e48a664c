package validate

import "strings"

// netMediaFamily maps a media type, aliases included, to a family name so
// that equivalent spellings compare equal ("audio/mp3" and "audio/mpeg").
func netMediaFamily(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	switch t {
	case "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mp3", "audio/x-mpeg", "audio/mpg", "x-audio/mp3":
		return "mp3"
	case "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/mp4a-latm", "audio/x-m4b", "video/mp4", "video/x-m4v", "audio/aac", "audio/x-aac", "audio/aacp":
		return "mp4"
	case "audio/ogg", "audio/opus", "audio/vorbis", "application/ogg", "video/ogg":
		return "ogg"
	case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave":
		return "wav"
	case "audio/flac", "audio/x-flac":
		return "flac"
	case "video/quicktime":
		return "mov"
	}
	return t
}

func ruleNetEnclosureContentType() *Rule {
	item, finish := onlineEnclosureHooks(false, func(p *Pass, t onlineTarget, pr onlineMediaProbe) {
		if !pr.reachable() {
			return
		}
		got := pr.contentType()
		pos := t.TypePos
		switch {
		case got == "":
			p.Reportf(pos, "enclosure %q is served without a Content-Type; iOS refuses to play files without one", t.URL)
		case got == "application/octet-stream":
			p.ReportSeverityf(Info, pos, "enclosure %q is served as %q; players guess the format from the file", t.URL, got)
		case !strings.HasPrefix(got, "audio/") && !strings.HasPrefix(got, "video/") && got != "application/pdf":
			p.Reportf(pos, "enclosure %q is served as %q, not as audio or video", t.URL, got)
		case t.Declared && netMediaFamily(t.Type) != netMediaFamily(got):
			p.Reportf(pos, "enclosure type=%q but the server sends Content-Type %q for %q", t.Type, got, t.URL)
		}
	})
	return &Rule{
		Code:     "net-enclosure-content-type",
		Title:    "Enclosure should be served with a media Content-Type matching its type",
		Severity: Warning,
		Profiles: onlineProfiles(),
		Source:   "ISS podspine#20, APG",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Players trust the Content-Type the server sends. It must be present (iOS refuses " +
			"playback without one), be `audio/*` or `video/*` (or `application/pdf` for PDF " +
			"episodes, which Apple supports) and agree with the enclosure's `type`. Equivalent " +
			"spellings such as `audio/mp3` and `audio/mpeg` agree. `application/octet-stream` is " +
			"reported as information only.",
		Hint: "Configure the server or bucket to send the right Content-Type (e.g. `audio/mpeg` for .mp3, `audio/mp4` for .m4a) and make the enclosure type say the same.",
		Bad:  `<enclosure url="https://media.example.com/ep1.mp3" length="123" type="video/mp4"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{"https://github.com/schubydoo/podspine/issues/20", "https://github.com/Podcastindex-org/podcast-namespace/blob/main/itunes_reference.md"},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
