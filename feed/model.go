package feed

import "time"

// Channel is a podcast feed: RSS 2.0 plus the itunes, content, atom,
// podcast and psc namespaces. Zero values mean "absent": the encoder writes
// no element for an empty string, a nil pointer or an empty slice.
type Channel struct {
	// Stylesheet is the href of an XSLT stylesheet that browsers apply to
	// show the feed as a page (<?xml-stylesheet type="text/xsl"?> before
	// <rss>); "" writes none. Apps and validators do not read it.
	Stylesheet string

	// RSS 2.0.
	Title       string
	Link        string
	Description string // HTML; written as CDATA
	Language    string // e.g. "en-us"
	Copyright   string
	// ManagingEditor and WebMaster are email addresses, optionally with
	// a name: "ed@example.com (Ed)".
	ManagingEditor string
	WebMaster      string
	Generator      string
	PubDate        time.Time // zero: omitted
	LastBuildDate  time.Time // zero: omitted
	TTL            int       // minutes; 0: omitted
	Image          *Image    // the RSS <image>; usually the same artwork as ItunesImage

	// Atom.
	SelfURL string // <atom:link rel="self" type="application/rss+xml">

	// Apple.
	ItunesTitle    string // itunes:title at channel level (optional)
	ItunesAuthor   string
	ItunesSummary  string // plain text (optional; Apple reads description)
	ItunesImage    string // href
	ItunesOwner    *Owner
	Categories     []Category
	Explicit       bool   // itunes:explicit is always written: "true" or "false"
	ItunesType     string // "episodic" or "serial"; empty: omitted
	Complete       bool   // itunes:complete Yes
	Block          bool   // itunes:block Yes
	NewFeedURL     string // itunes:new-feed-url
	ItunesKeywords string // deprecated by Apple but still read by others; optional

	// Podcasting 2.0.
	GUID            string // podcast:guid
	Locked          *Locked
	Funding         []Funding
	Persons         []Person
	Location        *Location
	License         *License
	Medium          string // podcast:medium
	UpdateFrequency *UpdateFrequency
	Podroll         []RemoteItem
	Txt             []Txt
	Value           *Value
	Trailers        []Trailer
	Images          []PodcastImage // podcast:image

	Items []Item // written in the order given; the builder sorts newest first
}

// Image is the RSS 2.0 <image> element.
type Image struct {
	URL, Title, Link string
	Width, Height    int // 0: omitted
}

// Owner is <itunes:owner>.
type Owner struct {
	Name, Email string
}

// Category is one <itunes:category>, optionally with one subcategory.
type Category struct {
	Text string
	Sub  string
}

// Locked is <podcast:locked>.
type Locked struct {
	Owner string // email of the owner, attribute
	Value bool   // yes / no
}

// Funding is <podcast:funding url="…">text</podcast:funding>.
type Funding struct {
	URL, Text string
}

// Person is <podcast:person>.
type Person struct {
	Name  string
	Role  string // taxonomy role, e.g. "host"; empty: omitted (spec default "host")
	Group string // taxonomy group; empty: omitted (spec default "cast")
	Img   string
	Href  string
}

// Location is <podcast:location>.
type Location struct {
	Name string
	Geo  string // "geo:lat,lon"
	OSM  string // e.g. "R113314"
	Rel  string // "subject" or "creator"; empty: omitted

	// Country is an ISO 3166-1 alpha-2 code, e.g. "us"; empty: omitted.
	Country string
}

// License is <podcast:license url="…">slug</podcast:license>.
type License struct {
	Text string // SPDX-like slug or a name
	URL  string
}

// UpdateFrequency is <podcast:updateFrequency>.
type UpdateFrequency struct {
	Text     string // human readable, e.g. "Weekly"
	Complete bool
	DTStart  time.Time // zero: omitted
	RRule    string
}

// RemoteItem is <podcast:remoteItem>, used inside <podcast:podroll>.
type RemoteItem struct {
	FeedGUID string
	FeedURL  string
	ItemGUID string
	Medium   string
}

// Txt is <podcast:txt purpose="…">.
type Txt struct {
	Purpose string
	Text    string
}

// Value is <podcast:value> with its recipients.
type Value struct {
	Type       string // e.g. "lightning"
	Method     string // e.g. "keysend"
	Suggested  string // e.g. "0.00000005000"
	Recipients []ValueRecipient
}

// ValueRecipient is <podcast:valueRecipient>.
type ValueRecipient struct {
	Name        string
	CustomKey   string
	CustomValue string
	Type        string // e.g. "node"
	Address     string
	Split       int
	Fee         bool
}

// Trailer is <podcast:trailer> at channel level.
type Trailer struct {
	Title   string
	PubDate time.Time
	URL     string
	Length  int64
	Type    string
	Season  int // 0: omitted
}

// PodcastImage is <podcast:image>.
type PodcastImage struct {
	Href        string
	Alt         string
	AspectRatio string
	Width       int
	Height      int
	Type        string
	Purpose     string
}

// Item is one episode.
type Item struct {
	Title          string
	Link           string
	Description    string // HTML; written as CDATA
	ContentEncoded string // HTML; written as CDATA in content:encoded
	GUID           string
	GUIDPermaLink  bool // isPermaLink="true"; false writes isPermaLink="false"
	PubDate        time.Time
	Enclosure      *Enclosure
	Author         string // RSS <author> (an email); optional
	Categories     []ItemCategory
	Comments       string      // RSS <comments>: the URL of the episode's comments page
	Source         *ItemSource // RSS <source>: the feed the item came from

	// Apple.
	ItunesTitle    string
	ItunesAuthor   string
	ItunesImage    string
	Duration       time.Duration // 0: omitted; written as whole seconds
	Explicit       *bool         // nil: omitted
	Season         int           // 0: omitted (itunes:season and podcast:season)
	SeasonName     string        // podcast:season name attribute
	Episode        int           // 0: omitted (itunes:episode and podcast:episode)
	EpisodeDisplay string        // podcast:episode display attribute
	EpisodeType    string        // "full", "trailer", "bonus"; empty: omitted
	Block          bool
	ItunesSummary  string

	// Podcasting 2.0.
	Transcripts         []Transcript
	Chapters            *ChaptersLink
	Soundbites          []Soundbite
	Persons             []Person
	Location            *Location
	License             *License
	AlternateEnclosures []AlternateEnclosure
	Value               *Value
	Txt                 []Txt
	Images              []PodcastImage
	SocialInteract      []SocialInteract

	// Podlove Simple Chapters, written inline as <psc:chapters version="1.2">.
	PSC []PSCChapter
}

// ItemCategory is an item's RSS <category domain="…">text</category>.
type ItemCategory struct {
	Text, Domain string
}

// ItemSource is an item's RSS <source url="…">title</source>.
type ItemSource struct {
	URL, Title string
}

// Enclosure is the RSS <enclosure>.
type Enclosure struct {
	URL    string
	Length int64
	Type   string
}

// Transcript is <podcast:transcript>.
type Transcript struct {
	URL      string
	Type     string // e.g. "text/vtt", "application/x-subrip"
	Language string
	Rel      string // "captions" or empty
}

// ChaptersLink is <podcast:chapters>.
type ChaptersLink struct {
	URL  string
	Type string // "application/json+chapters"
}

// Soundbite is <podcast:soundbite>.
type Soundbite struct {
	Start    time.Duration
	Duration time.Duration
	Title    string
}

// AlternateEnclosure is <podcast:alternateEnclosure> with its sources.
type AlternateEnclosure struct {
	Type      string
	Length    int64
	Bitrate   float64
	Height    int
	Lang      string
	Title     string
	Rel       string
	Codecs    string
	Default   bool
	Sources   []Source
	Integrity *Integrity
}

// Source is <podcast:source>.
type Source struct {
	URI         string
	ContentType string
}

// Integrity is <podcast:integrity>.
type Integrity struct {
	Type  string // "sri" or "pgp-signature"
	Value string
}

// SocialInteract is <podcast:socialInteract>.
type SocialInteract struct {
	Protocol   string
	URI        string
	AccountID  string
	AccountURL string
	Priority   int
}

// PSCChapter is one <psc:chapter>.
type PSCChapter struct {
	Start time.Duration // millisecond precision
	Title string
	Href  string
	Image string
}
