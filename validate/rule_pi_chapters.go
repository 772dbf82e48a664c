package validate

import "strings"

func rulePiChapters() *Rule {
	check := func(p *Pass, n *Node) {
		piReportURL(p, piRequire(p, n, "url"), "podcast:chapters", "url")
		if t := piRequire(p, n, "type"); t != nil {
			v := strings.ToLower(trimSpace(t.Value))
			switch v {
			case "application/json+chapters":
			case "application/json":
				if *p.State.(*bool) {
					break
				}
				*p.State.(*bool) = true
				p.ReportSeverityf(Info, t.Pos, "podcast:chapters type %q is tolerated; the specification prefers \"application/json+chapters\" (reported once per feed)", t.Value)
			default:
				if !piIsMIME(v) {
					p.Reportf(t.Pos, "podcast:chapters type %q is not a MIME type; use \"application/json+chapters\"", t.Value)
				} else {
					p.ReportSeverityf(Warning, t.Pos, "podcast:chapters type %q is not the JSON chapters format; apps expect \"application/json+chapters\"", t.Value)
				}
			}
		}
	}
	ch, it := piHooks("chapters", check)
	return &Rule{
		Code:     "pi-chapters",
		Title:    "podcast:chapters lacks url or type, or has an unexpected type",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI chapters",
		Since:    "v0.1.0",
		Doc: "`podcast:chapters` links the episode's chapters file. `url` and `type` are required. The " +
			"preferred type is `application/json+chapters` (the JSON chapters format); " +
			"`application/json` is tolerated (info, reported once per feed) and other types are a warning, since apps " +
			"read the JSON format.",
		Hint:     "Give the chapters file's URL and type=\"application/json+chapters\".",
		Bad:      "<podcast:chapters url=\"https://example.com/ep1.json\"/>",
		Good:     "<podcast:chapters url=\"https://example.com/ep1.json\" type=\"application/json+chapters\"/>",
		Refs:     []string{piRef("chapters"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md"},
		NewState: func() any { return new(bool) },
		Channel:  ch,
		Item:     it,
	}
}
