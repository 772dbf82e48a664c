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
	chanMask, itemMask := appleSingleMask(appleChannelSingletons), appleSingleMask(appleItemSingletons)
	check := func(p *Pass, parent *Node, singles uint64) {
		var seen uint64 // the single tags met so far, by appleSingleBit
		for i, c := range parent.Children {
			if c.Space != NSItunes {
				continue
			}
			bit := appleSingleBit(c.Local)
			if bit < 0 || singles&(1<<bit) == 0 {
				continue
			}
			if seen&(1<<bit) == 0 {
				seen |= 1 << bit
				continue // the first of its name
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
		Channel: func(p *Pass, ch *Node) { check(p, ch, chanMask) },
		Item:    func(p *Pass, it *Node) { check(p, it, itemMask) },
	}
}

// appleSingleBit numbers the names of appleChannelSingletons and
// appleItemSingletons; -1 for the others.
func appleSingleBit(local string) int {
	switch local {
	case "author":
		return 0
	case "block":
		return 1
	case "complete":
		return 2
	case "explicit":
		return 3
	case "image":
		return 4
	case "new-feed-url":
		return 5
	case "owner":
		return 6
	case "title":
		return 7
	case "type":
		return 8
	case "summary":
		return 9
	case "subtitle":
		return 10
	case "keywords":
		return 11
	case "duration":
		return 12
	case "episode":
		return 13
	case "episodeType":
		return 14
	case "season":
		return 15
	case "order":
		return 16
	case "isClosedCaptioned":
		return 17
	}
	return -1
}

// appleSingleMask is the set of appleSingleBit of the names in list.
func appleSingleMask(list []string) uint64 {
	var m uint64
	for _, v := range list {
		if bit := appleSingleBit(v); bit >= 0 {
			m |= 1 << bit
		} else {
			panic("apple-duplicate-tag: no bit for " + v)
		}
	}
	return m
}
