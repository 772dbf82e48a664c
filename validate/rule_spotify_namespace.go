package validate

import "strings"

func ruleSpotifyNamespace() *Rule {
	var walk func(p *Pass, n *Node)
	walk = func(p *Pass, n *Node) {
		for _, c := range n.Children {
			switch {
			case c.Space == nsSpotify:
				spotCheckElement(p, c)
			case strings.Contains(c.Space, "potify") && strings.Contains(strings.ToLower(c.Space), "spotify.com/ns/rss"):
				p.Reportf(c.Pos, "%s is in namespace %q; Spotify's namespace is exactly %q", c.Name(), c.Space, nsSpotify)
			}
			if len(c.Children) > 0 {
				walk(p, c)
			}
		}
	}
	return &Rule{
		Code:     "spotify-namespace",
		Title:    "spotify: element in the wrong namespace or with an invalid value",
		Severity: Warning,
		Profiles: spotProfiles(),
		Source:   "SPOT v1.9",
		Since:    "v0.1.0",
		Doc: "Spotify's RSS extension lives in the namespace `http://www.spotify.com/ns/rss`. " +
			"`spotify:limit` takes a `recentCount` that is a non-negative integer, and " +
			"`spotify:countryOfOrigin` a space-separated list of ISO 3166-1 alpha-2 country codes " +
			"(not languages).",
		Hint:    "Bind the prefix to http://www.spotify.com/ns/rss and use country codes such as \"us gb\".",
		Bad:     "<spotify:countryOfOrigin>en-US</spotify:countryOfOrigin>",
		Good:    "<spotify:countryOfOrigin>us gb</spotify:countryOfOrigin>",
		Refs:    []string{"https://providersupport.spotify.com/article/podcast-delivery-specification-1-9"},
		Channel: walk, // Spotify's tags are channel-level; items are not walked
	}
}

// spotCheckElement checks the value of one element of Spotify's namespace.
func spotCheckElement(p *Pass, n *Node) {
	switch n.Local {
	case "limit":
		a := n.Attr("recentCount")
		if a == nil {
			p.Reportf(n.Pos, "spotify:limit has no recentCount attribute")
		} else if !raIsDigits(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "spotify:limit recentCount %q is not a non-negative integer", a.Value)
		}
	case "countryOfOrigin":
		v := piVal(n)
		if v == "" {
			p.Reportf(n.Pos, "spotify:countryOfOrigin is empty; list ISO 3166-1 alpha-2 country codes such as \"us\"")
			return
		}
		for _, c := range strings.Fields(v) {
			if !piIsCountry(c) {
				p.Reportf(piTextPos(n), "spotify:countryOfOrigin %q is not an ISO 3166-1 alpha-2 country code (languages do not belong here)", c)
			}
		}
	}
}
