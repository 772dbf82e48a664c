package validate

import "strings"

// piMedium reports whether v is a medium of docs/tags/medium.md.
func piMedium(v string) bool {
	switch strings.TrimSuffix(v, "L") {
	case "podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course":
		return true
	}
	return v == "mixed"
}

// piListMedium reports whether v is a list medium (the L suffix, or mixed).
func piListMedium(v string) bool {
	return v == "mixed" || len(v) > 1 && strings.HasSuffix(v, "L") && piMedium(v)
}

func rulePiMedium() *Rule {
	check := func(p *Pass, n *Node) {
		v := piVal(n)
		switch {
		case v == "":
			p.Reportf(n.Pos, "podcast:medium is empty; use a medium such as \"podcast\" or \"music\"")
		case piMedium(v):
		case piMedium(strings.ToLower(v)) || piMedium(strings.ToLower(v[:len(v)-1])+"L"):
			p.ReportSeverityf(Warning, piTextPos(n), "podcast:medium %q has the wrong case; mediums are lower case, with an upper-case L for lists", v)
		default:
			p.ReportSeverityf(Warning, piTextPos(n), "podcast:medium %q is not in the medium list (as of %s): podcast, music, video, film, audiobook, newsletter, blog, publisher, course, each with an L suffix for lists, or mixed", v, piListsCommit)
		}
	}
	ch, _ := piHooks("medium", check)
	return &Rule{
		Code:     "pi-medium",
		Title:    "podcast:medium is not a known medium",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI medium",
		Since:    "v0.1.0",
		Doc: "`podcast:medium` says what the feed is: podcast, music, video, film, audiobook, " +
			"newsletter, blog, publisher or course; with an `L` suffix (`musicL`) for a list of " +
			"other feeds' items; or `mixed`. The list is curated and grows, so an unlisted value is " +
			"a warning; an empty one is an error.",
		Hint:    "Use one of the listed mediums, e.g. podcast.",
		Bad:     "<podcast:medium>Podcast</podcast:medium>",
		Good:    "<podcast:medium>podcast</podcast:medium>",
		Refs:    []string{piRef("medium")},
		Channel: ch,
	}
}
