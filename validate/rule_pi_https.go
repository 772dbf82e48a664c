package validate

import "strings"

// piIsURLAttr reports whether attribute attr of podcast:<tag> holds a URL of
// a hypertext resource.
func piIsURLAttr(tag, attr string) bool {
	switch tag {
	case "funding", "transcript", "chapters", "trailer", "license":
		return attr == "url"
	case "person":
		return attr == "img" || attr == "href"
	case "source":
		return attr == "uri"
	case "contentLink", "image":
		return attr == "href"
	case "socialInteract":
		return attr == "uri" || attr == "accountUrl"
	case "remoteItem":
		return attr == "feedUrl"
	}
	return false
}

func rulePiHTTPS() *Rule {
	check := func(p *Pass, root *Node) {
		piWalk(root, func(_, n *Node) {
			for i := range n.Attrs {
				a := &n.Attrs[i]
				if a.Space != "" {
					continue
				}
				if n.Local == "images" && a.Local == "srcset" {
					for _, cand := range strings.Split(a.Value, ",") {
						u := trimSpace(cand)
						if sp := strings.IndexAny(u, " \t\n"); sp >= 0 {
							u = u[:sp]
						}
						if piIsHTTP(u) {
							p.Reportf(a.Pos, "%s srcset URL %q uses http:; the podcast namespace requires https:", n.Name(), u)
						}
					}
					continue
				}
				if piIsURLAttr(n.Local, a.Local) && piIsHTTP(trimSpace(a.Value)) {
					p.Reportf(a.Pos, "%s %s=%q uses http:; the podcast namespace requires https:", n.Name(), a.Local, a.Value)
				}
			}
		})
	}
	return &Rule{
		Code:     "pi-https",
		Title:    "URL in a podcast: tag uses http: instead of https:",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI-1.0",
		Since:    "v0.1.0",
		Doc: "The namespace says: \"Anywhere the url of a hyper-text based resource is specified, it must " +
			"be given as `https:` and not `http:`.\" Only plain `http:` is reported; other schemes such " +
			"as `ipfs:` or `nostr:` are legitimate in `podcast:source` and elsewhere.",
		Hint:    "Serve the resource over HTTPS and change the URL's scheme to https:.",
		Bad:     "<podcast:transcript url=\"http://example.com/ep1.vtt\" type=\"text/vtt\"/>",
		Good:    "<podcast:transcript url=\"https://example.com/ep1.vtt\" type=\"text/vtt\"/>",
		Refs:    []string{piSpecURL},
		Channel: check,
		Item:    check,
	}
}
