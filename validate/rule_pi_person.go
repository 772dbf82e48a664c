package validate

import "strings"

// piTaxonomyGroup reports whether g (lower case) is a group of taxonomy.json.
func piTaxonomyGroup(g string) bool {
	switch g {
	case "creative direction", "cast", "writing", "audio production", "audio post-production",
		"administration", "visuals", "community", "misc.", "misc", "video production", "video post-production":
		return true
	}
	return false
}

// piTaxonomyRole reports whether r (lower case) is a role of taxonomy.json.
func piTaxonomyRole(r string) bool {
	switch r {
	case "director", "assistant director", "executive producer", "senior producer", "producer",
		"associate producer", "development producer", "creative director",
		"host", "co-host", "guest host", "guest", "voice actor", "narrator", "announcer", "reporter",
		"author", "editorial director", "co-writer", "writer", "songwriter", "guest writer",
		"story editor", "managing editor", "script editor", "script coordinator", "researcher",
		"editor", "fact checker", "translator", "translater", "transcriber", "logger",
		"studio coordinator", "technical director", "technical manager", "audio engineer",
		"remote recording engineer", "post production engineer",
		"audio editor", "sound designer", "foley artist", "composer", "theme music",
		"music production", "music contributor",
		"production coordinator", "booking coordinator", "production assistant", "content manager",
		"marketing manager", "sales representative", "sales manager",
		"graphic designer", "cover art designer", "social media manager", "consultant", "intern",
		"camera operator", "lighting designer", "camera grip", "assistant camera", "assistant editor":
		return true
	}
	return false
}

func rulePiPerson() *Rule {
	check := func(p *Pass, n *Node) {
		if piVal(n) == "" {
			p.Reportf(n.Pos, "podcast:person has no name; the node value cannot be blank")
		}
		if a := n.Attr("role"); a != nil && !piTaxonomyRole(strings.ToLower(trimSpace(a.Value))) {
			p.ReportSeverityf(Warning, a.Pos, "podcast:person role %q is not in the Podcast Taxonomy Project's list (as of %s); apps may not display it", a.Value, piListsCommit)
		}
		if a := n.Attr("group"); a != nil && !piTaxonomyGroup(strings.ToLower(trimSpace(a.Value))) {
			p.ReportSeverityf(Warning, a.Pos, "podcast:person group %q is not in the Podcast Taxonomy Project's list (as of %s)", a.Value, piListsCommit)
		}
		for _, name := range [2]string{"img", "href"} {
			if a := n.Attr(name); a != nil && trimSpace(a.Value) != "" {
				piReportURL(p, a, "podcast:person", name)
			}
		}
	}
	ch, it := piHooks("person", check)
	return &Rule{
		Code:     "pi-person",
		Title:    "podcast:person has no name, an unknown role or group, or a bad URL",
		Severity: Error,
		Profiles: piProfiles(),
		Source:   "PI person, taxonomy.json",
		Since:    "v0.1.0",
		Doc: "`podcast:person` credits someone. The node value (the name) cannot be blank. `role` and " +
			"`group` come from the Podcast Taxonomy Project and are case-insensitive (default host in " +
			"cast); an unknown value is a warning. `img` and `href` are URLs.",
		Hint:    "Give the person's name, a role from taxonomy.json, and absolute URLs.",
		Bad:     "<podcast:person role=\"presenter\" img=\"adam.jpg\"></podcast:person>",
		Good:    "<podcast:person role=\"host\" img=\"https://example.com/adam.jpg\">Adam Curry</podcast:person>",
		Refs:    []string{piRef("person"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/taxonomy.json"},
		Channel: ch,
		Item:    it,
	}
}
