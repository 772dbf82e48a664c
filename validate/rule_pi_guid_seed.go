package validate

import "strings"

// piSelfURL returns the channel's atom:link rel="self" href, or "".
func piSelfURL(ch *Node) string {
	for _, c := range ch.Children {
		if c.Space == NSAtom && c.Local == "link" {
			if rel := c.Attr("rel"); rel != nil && trimSpace(rel.Value) == "self" {
				if h := c.Attr("href"); h != nil {
					return trimSpace(h.Value)
				}
			}
		}
	}
	return ""
}

func rulePiGUIDSeed() *Rule {
	return &Rule{
		Code:     "pi-guid-seed",
		Title:    "podcast:guid is not the UUIDv5 of the feed URL",
		Severity: Info,
		Profiles: piProfiles(),
		Source:   "PI guid",
		Since:    "v0.1.0",
		Doc: "A new `podcast:guid` is computed as the UUIDv5 of the feed URL, with the scheme and " +
			"trailing slashes removed, in the namespace `ead4c236-bf58-58c6-a2c6-a6b28d128cb6`. A " +
			"mismatch is normal after a feed moves (the GUID must then stay the same), so this is " +
			"only information: check that the GUID was not copied from another show.",
		Hint: "Nothing to do if the feed moved; otherwise use the GUID computed from the feed URL.",
		Bad:  "<atom:link rel=\"self\" href=\"https://podnews.net/rss\"/>\n<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>",
		Good: "<atom:link rel=\"self\" href=\"https://podnews.net/rss\"/>\n<podcast:guid>9b024349-ccf0-5f69-a609-6b82873eab3c</podcast:guid>",
		Refs: []string{piRef("guid")},
		Channel: func(p *Pass, ch *Node) {
			g := ch.Child(NSPodcast, "guid")
			if g == nil {
				return
			}
			v := piVal(g)
			if !piIsUUID(v) {
				return
			}
			feed := piSelfURL(ch)
			if feed == "" && p.Doc != nil {
				feed = p.Doc.FetchedURL
			}
			if feed == "" || !piIsAbsURL(feed) {
				return
			}
			seed := piGUIDSeed(feed)
			want := piUUIDv5(piGUIDNamespace, seed)
			if want != "" && !strings.EqualFold(want, v) {
				p.Reportf(piTextPos(g), "podcast:guid %q is not the UUIDv5 of the feed URL %q (that would be %q); fine if the feed moved, otherwise check it was not copied", v, seed, want)
			}
		},
	}
}
