package validate

const (
	raItunesTags  = "author|block|category|complete|duration|email|episode|episodeType|explicit|image|keywords|name|new-feed-url|owner|season|subtitle|summary|title|type|applepodcastsverify"
	raPodcastTags = "locked|funding|transcript|chapters|soundbite|person|location|season|episode|trailer|license|alternateEnclosure|source|integrity|guid|value|valueRecipient|valueTimeSplit|medium|images|image|liveItem|contentLink|socialInteract|block|txt|remoteItem|podroll|updateFrequency|podping|chat|publisher"
)

func ruleAppleTagCase() *Rule {
	return &Rule{
		Code:     "apple-tag-case",
		Title:    "itunes: and podcast: tag names are case-sensitive",
		Severity: Error,
		Profiles: raAppleProfiles(),
		Source:   "APR",
		Since:    "v0.1.0",
		Doc: "Apple's requirements: respect case-sensitivity across all XML tags. " +
			"`itunes:episodetype`, `itunes:Explicit` or `podcast:Transcript` are different " +
			"elements from the real ones and are ignored. (Added by catalogue §7, \"missing " +
			"rules\".)",
		Hint:    "Spell the tag exactly as the specification does.",
		Bad:     "<itunes:episodetype>full</itunes:episodetype>",
		Good:    "<itunes:episodeType>full</itunes:episodeType>",
		Refs:    []string{"https://podcasters.apple.com/support/823-podcast-requirements"},
		Channel: func(p *Pass, ch *Node) { raTagCase(p, ch) },
		Item:    func(p *Pass, it *Node) { raTagCase(p, it) },
	}
}

func raTagCase(p *Pass, n *Node) {
	for _, c := range n.Children {
		var list string
		switch {
		case c.Space == NSItunes && !raItunesTag(c.Local):
			list = raItunesTags
		case c.Space == NSPodcast && !raPodcastTag(c.Local):
			list = raPodcastTags
		}
		if list != "" {
			if f, ok := raInListFold(list, c.Local); ok {
				p.Reportf(c.Pos, "<%s> is not a known tag: names are case-sensitive, did you mean %q?", c.Name(), f)
			}
		}
		if len(c.Children) > 0 {
			raTagCase(p, c)
		}
	}
}

// raItunesTag reports whether local is a known itunes tag.
func raItunesTag(local string) bool {
	switch local {
	case "author", "block", "category", "complete", "duration", "email", "episode", "episodeType", "explicit", "image", "keywords", "name", "new-feed-url", "owner", "season", "subtitle", "summary", "title", "type", "applepodcastsverify":
		return true
	}
	return false
}

// raPodcastTag reports whether local is a known podcast namespace tag.
func raPodcastTag(local string) bool {
	switch local {
	case "locked", "funding", "transcript", "chapters", "soundbite", "person", "location", "season", "episode", "trailer", "license", "alternateEnclosure", "source", "integrity", "guid", "value", "valueRecipient", "valueTimeSplit", "medium", "images", "image", "liveItem", "contentLink", "socialInteract", "block", "txt", "remoteItem", "podroll", "updateFrequency", "podping", "chat", "publisher":
		return true
	}
	return false
}
