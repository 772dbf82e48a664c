package validate

import "strings"

func rulePiTranscript() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "url"), "podcast:transcript", "url")
		if t := piRequire(p, n, "type"); t != nil {
			v := trimSpace(t.Value)
			switch {
			case !piIsMIME(v):
				p.Reportf(t.Pos, "podcast:transcript type %q is not a MIME type", v)
			default:
				switch strings.ToLower(v) {
				case "text/plain", "text/html", "text/vtt", "application/json", "application/x-subrip", "application/srt", "text/srt":
				default:
					p.ReportSeverityf(Info, t.Pos, "podcast:transcript type %q is not one of the formats the specification describes (text/plain, text/html, text/vtt, application/json, application/x-subrip); apps may not read it", v)
				}
			}
		}
		if l := n.Attr("language"); l != nil && !piIsBCP47(trimSpace(l.Value)) {
			p.Reportf(l.Pos, "podcast:transcript language %q is not a language tag such as \"en\" or \"pt-BR\"", l.Value)
		}
	}
	ch, it := piHooks("transcript", check)
	return &Rule{
		Code:     "pi-transcript",
		Title:    "podcast:transcript lacks url or type, or has an invalid value",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI transcript",
		Since:    "v0.1.0",
		Doc: "`podcast:transcript` links a transcript or captions file. `url` and `type` are required; " +
			"`type` is a MIME type, usually text/plain, text/html, text/vtt, application/json or " +
			"application/x-subrip (another valid MIME type is reported as info). `language` is a " +
			"BCP 47 tag; `rel=\"captions\"` marks a timed captions file.",
		Hint:    "Give the file's URL and its MIME type.",
		Bad:     "<podcast:transcript url=\"https://example.com/ep1.vtt\"/>",
		Good:    "<podcast:transcript url=\"https://example.com/ep1.vtt\" type=\"text/vtt\" rel=\"captions\"/>",
		Refs:    []string{piRef("transcript"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/transcripts/transcripts.md"},
		Channel: ch,
		Item:    it,
	}
}
