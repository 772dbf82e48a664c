package validate

// A per-item index of the children the rules look up by name, shared by
// the rules of one hooks goroutine (through Pass.pi, beside the podcast:
// list of piEach). A hundred Item hooks run per item and about fifty of
// them asked Node.Child for one of a few names, each a scan of the item's
// twenty to forty children; the index classifies each child once per item
// and answers those look-ups with an array read.

// ck names a child the rules look up: a namespace and local name.
type ck uint8

const (
	ckOther ck = iota

	ckTitle // RSS, no namespace
	ckLink
	ckDescription
	ckGUID
	ckPubDate
	ckLastBuildDate
	ckEnclosure

	ckItTitle // itunes:
	ckItEpisode
	ckItSeason
	ckItEpisodeType
	ckItDuration
	ckItExplicit
	ckItImage
	ckItBlock

	ckPodSeason // podcast:
	ckPodEpisode
	ckPodSoundbite

	ckCount
)

// ckOf classifies child c.
func ckOf(c *Node) ck {
	switch c.Space {
	case NSNone:
		switch c.Local {
		case "title":
			return ckTitle
		case "link":
			return ckLink
		case "description":
			return ckDescription
		case "guid":
			return ckGUID
		case "pubDate":
			return ckPubDate
		case "lastBuildDate":
			return ckLastBuildDate
		case "enclosure":
			return ckEnclosure
		}
	case NSItunes:
		switch c.Local {
		case "title":
			return ckItTitle
		case "episode":
			return ckItEpisode
		case "season":
			return ckItSeason
		case "episodeType":
			return ckItEpisodeType
		case "duration":
			return ckItDuration
		case "explicit":
			return ckItExplicit
		case "image":
			return ckItImage
		case "block":
			return ckItBlock
		}
	case NSPodcast:
		switch c.Local {
		case "season":
			return ckPodSeason
		case "episode":
			return ckPodEpisode
		case "soundbite":
			return ckPodSoundbite
		}
	}
	return ckOther
}

// kidIndex is the index of one parent's children.
type kidIndex struct {
	root  *Node
	gen   uint64 // root.gen when built: the engine reuses item nodes
	kids  int    // len(root.Children) when built
	first [ckCount]*Node
	count [ckCount]uint16 // saturating

	// Parsed values several rules ask for, by the node they came from;
	// they live as long as the index (one item).
	dateOf  *Node // raParseDate(dateOf.Text) is date
	date    raDate
	rfcOf   *Node // piParseRFC2822(rfcOf.Text) is rfc, rfcOK
	rfc     int64
	rfcOK   bool
	urls    [2]urlFacts // the last URLs asked about (the enclosure's, by three rules)
	nextURL int
}

// urlFacts holds what raHTTPURL and raURLPathExt say about one URL, each
// worked out on the first question.
type urlFacts struct {
	in                     string
	set, httpDone, extDone bool
	http, https            bool
	ext                    string
}

func (x *kidIndex) build(root *Node) {
	x.root, x.gen, x.kids = root, root.gen, len(root.Children)
	x.first = [ckCount]*Node{}
	x.count = [ckCount]uint16{}
	x.dateOf, x.rfcOf = nil, nil
	x.urls = [2]urlFacts{}
	for _, c := range root.Children {
		k := ckOf(c)
		if k == ckOther {
			continue
		}
		if x.first[k] == nil {
			x.first[k] = c
		}
		if x.count[k] < 1<<16-1 {
			x.count[k]++
		}
	}
}

// kids returns the index of root's children: the goroutine's, built on
// the first call for an item, or (for a Pass the engine did not make) a
// fresh one.
func (p *Pass) kids(root *Node) *kidIndex {
	if p.pi == nil {
		x := new(kidIndex)
		x.build(root)
		return x
	}
	x := &p.pi.ix
	if x.root != root || x.gen != root.gen || x.kids != len(root.Children) {
		x.build(root)
	}
	return x
}

// kid returns root's first child of kind k, as root.Child would, or nil.
func (p *Pass) kid(root *Node, k ck) *Node { return p.kids(root).first[k] }

// eachKid calls fn for every child of root of kind k, in document order.
func (p *Pass) eachKid(root *Node, k ck, fn func(c *Node)) {
	x := p.kids(root)
	switch x.count[k] {
	case 0:
		return
	case 1:
		fn(x.first[k])
		return
	}
	for _, c := range root.Children {
		if ckOf(c) == k {
			fn(c)
		}
	}
}

// raDateOf returns raParseDate(n.Text) for n, a child of root, parsing it
// once per item (rss-date-rfc822 and rss-date-implausible both read the
// pubDate).
func (p *Pass) raDateOf(root, n *Node) raDate {
	x := p.kids(root)
	if x.dateOf != n {
		x.date, x.dateOf = raParseDate(n.Text), n
	}
	return x.date
}

// rfcDateOf returns piParseRFC2822(n.Text) for n, a child of root, parsing
// it once per item (cons-lastbuild and cons-order both read the pubDate).
func (p *Pass) rfcDateOf(root, n *Node) (int64, bool) {
	x := p.kids(root)
	if x.rfcOf != n {
		x.rfc, x.rfcOK = piParseRFC2822(n.Text)
		x.rfcOf = n
	}
	return x.rfc, x.rfcOK
}

// urlOf returns the facts about URL v, a value of root's subtree, kept for
// the item.
func (p *Pass) urlOf(root *Node, v string) *urlFacts {
	x := p.kids(root)
	for i := range x.urls {
		if u := &x.urls[i]; u.set && u.in == v {
			return u
		}
	}
	u := &x.urls[x.nextURL]
	x.nextURL ^= 1
	*u = urlFacts{in: v, set: true}
	return u
}

// httpURL is raHTTPURL(v) for a URL in root's subtree, worked out once per
// item.
func (p *Pass) httpURL(root *Node, v string) (ok, https bool) {
	u := p.urlOf(root, v)
	if !u.httpDone {
		u.http, u.https = raHTTPURL(v)
		u.httpDone = true
	}
	return u.http, u.https
}

// urlPathExt is raURLPathExt(v) for a URL in root's subtree, worked out
// once per item.
func (p *Pass) urlPathExt(root *Node, v string) string {
	u := p.urlOf(root, v)
	if !u.extDone {
		u.ext = raURLPathExt(v)
		u.extDone = true
	}
	return u.ext
}
