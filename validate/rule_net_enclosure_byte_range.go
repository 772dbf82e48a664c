package validate

import "net/http"

func ruleNetEnclosureByteRange() *Rule {
	item, finish := onlineEnclosureHooks(true, func(p *Pass, t onlineTarget, pr onlineMediaProbe) {
		if !pr.rngOK() {
			return // net-enclosure-reachable reports it
		}
		switch {
		case pr.rng.Status == http.StatusOK:
			p.Reportf(t.Pos, "enclosure %q answers a byte-range request (Range: bytes=0-1) with 200 and the whole file instead of 206 Partial Content", t.URL)
		case pr.rng.Status != http.StatusPartialContent:
			p.Reportf(t.Pos, "enclosure %q answers a byte-range request (Range: bytes=0-1) with %s instead of 206 Partial Content", t.URL, onlineStatusText(pr.rng.Status))
		case pr.rng.Header.Get("Content-Range") == "":
			p.Reportf(t.Pos, "enclosure %q answers a byte-range request with 206 but no Content-Range header", t.URL)
		}
	})
	return &Rule{
		Code:     "net-enclosure-byte-range",
		Title:    "Enclosure server must honour byte-range requests",
		Severity: Error,
		Profiles: onlineProfiles(),
		Source:   "APR, SO, ISS Proclaim#1424, PB",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "Apple requires hosting servers to support byte-range requests: players ask for " +
			"`Range: bytes=0-1` first and seek with ranges afterwards. The final URL (after " +
			"redirects) must answer 206 Partial Content with a `Content-Range` header; a server " +
			"that ignores the range and sends the whole file with 200 gets the episode rejected.",
		Hint: "Enable byte-range support on the media server or CDN (most do it by default for static files), and make sure tracking redirects pass the Range header through.",
		Bad:  `<enclosure url="https://dynamic.example.com/play?id=1" length="123" type="audio/mpeg"/>`,
		Good: `<enclosure url="https://media.example.com/ep1.mp3" length="123" type="audio/mpeg"/>`,
		Refs: []string{
			"https://podcasters.apple.com/support/823-podcast-requirements",
			"https://stackoverflow.com/questions/11979346",
			"https://github.com/Joomla-Bible-Study/Proclaim/issues/1424",
		},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
