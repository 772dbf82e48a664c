package validate

import "strings"

// ruleXmlContentNsUri checks how the content prefix and URI are declared.
func ruleXmlContentNsUri() *Rule {
	return &Rule{
		Code:     "xml-content-ns-uri",
		Title:    "The content namespace URI must be exact",
		Severity: Error,
		Profiles: []Profile{ProfileApple, ProfileRSS},
		Source:   "APR, LW",
		Since:    "v0.1.0",
		Doc:      "The `content:` prefix (for `content:encoded` show notes) must be bound to `http://purl.org/rss/1.0/modules/content/`, with the trailing slash. Readers match the URI, not the prefix, so a misspelt URI hides the show notes.",
		Hint:     "Declare `xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"`.",
		Bad:      "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content\">",
		Good:     "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">",
		Channel:  func(p *Pass, ch *Node) { checkContentNS(p, ch) },
		Refs:     []string{"https://web.resource.org/rss/1.0/modules/content/", "https://podcasters.apple.com/support/823-podcast-requirements"},
	}
}

func checkContentNS(p *Pass, ch *Node) {
	forNSDecls(p, ch, func(prefix string, a *Attr) {
		if a.Value == NSContent {
			return
		}
		u := strings.ToLower(strings.TrimRight(trimSpace(a.Value), "/"))
		switch {
		case strings.HasSuffix(u, "purl.org/rss/1.0/modules/content"):
			p.Reportf(a.Pos, "xmlns:%s is %q, not %q: readers will not find content:encoded", prefix, a.Value, NSContent)
		case prefix == "content":
			p.Reportf(a.Pos, "prefix \"content\" is bound to %q, not %q", a.Value, NSContent)
		}
	})
}
