package validate

// appleSingletons are the itunes tags that may appear once in the channel
// (channel) or in an item; itunes:category repeats by design.
var (
	appleChannelSingletons = []string{"author", "block", "complete", "explicit", "image", "new-feed-url",
		"owner", "title", "type", "summary", "subtitle", "keywords"}
	appleItemSingletons = []string{"author", "block", "duration", "episode", "episodeType", "explicit",
		"image", "season", "title", "summary", "subtitle", "keywords", "order", "isClosedCaptioned"}
)

func ruleAppleDuplicateTag() *Rule {
	check := func(p *Pass, parent *Node, singles []string) {
		for i, c := range parent.Children {
			if c.Space != NSItunes || !raInSlice(singles, c.Local) {
				continue
			}
			for _, prev := range parent.Children[:i] {
				if prev.Space == NSItunes && prev.Local == c.Local {
					p.Reportf(c.Pos, "<%s> repeats inside <%s> (first at line %d); Apple reads one of them, and which is not defined", c.Name(), parent.Local, prev.Pos.Line)
					break
				}
			}
		}
	}
	return &Rule{
		Code:     "apple-duplicate-tag",
		Title:    "An itunes tag that may appear once is repeated",
		Severity: Error,
		Profiles: []Profile{ProfileApple, ProfileSpotify},
		Source:   "APG, FV (DuplicateElement)",
		Since:    "v0.1.0",
		Doc: "Apple's tags are single values: a channel has one `itunes:image`, one " +
			"`itunes:explicit`, one `itunes:type`, an item one `itunes:duration`, " +
			"`itunes:episode` and so on. When one repeats, which value Apple (and Spotify, which " +
			"reads the same tags) takes is not defined, so the artwork or the explicit flag " +
			"listeners get may not be the one meant. `itunes:category` repeats by design " +
			"(apple-category-extra). The RSS elements are rss-duplicate-singleton's.",
		Hint:    "Keep one of the repeated tags and delete the others.",
		Bad:     "<itunes:explicit>false</itunes:explicit>\n<itunes:explicit>true</itunes:explicit>",
		Good:    "<itunes:explicit>false</itunes:explicit>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { check(p, ch, appleChannelSingletons) },
		Item:    func(p *Pass, it *Node) { check(p, it, appleItemSingletons) },
	}
}

func raInSlice(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
