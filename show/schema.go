package show

import "go.yaml.in/yaml/v3"

// Show is podcast.yaml (or podcast.json): the channel's definition. Keys are
// snake_case; docs/format.md documents each one. Unknown keys are errors.
type Show struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"` // Markdown
	Link        string   `yaml:"link"`
	FeedURL     string   `yaml:"feed_url"`
	Language    string   `yaml:"language"`
	Author      string   `yaml:"author"`
	Owner       *Owner   `yaml:"owner"`
	Image       string   `yaml:"image"` // a path under media_base_url, or an absolute URL
	Categories  []string `yaml:"categories"`
	Explicit    bool     `yaml:"explicit"`
	Type        string   `yaml:"type"` // episodic | serial
	Copyright   string   `yaml:"copyright"`
	// ManagingEditor and WebMaster are RSS 2.0's contacts: email
	// addresses, optionally with a name ("ed@example.com (Ed)").
	ManagingEditor string   `yaml:"managing_editor"`
	WebMaster      string   `yaml:"webmaster"`
	Complete       bool     `yaml:"complete"`
	Block          bool     `yaml:"block"`
	NewFeedURL     string   `yaml:"new_feed_url"`
	MediaBaseURL   string   `yaml:"media_base_url"`
	NotesBaseURL   string   `yaml:"notes_base_url"` // relative links in notes resolve against it; default: link
	ItunesTitle    string   `yaml:"itunes_title"`
	Keywords       []string `yaml:"keywords"`
	TTL            int      `yaml:"ttl"`

	// Podcasting 2.0.
	GUID            string           `yaml:"guid"`
	Locked          *Locked          `yaml:"locked"`
	Funding         []Funding        `yaml:"funding"`
	Persons         []Person         `yaml:"persons"`
	Location        *Location        `yaml:"location"`
	License         *License         `yaml:"license"`
	Medium          string           `yaml:"medium"`
	UpdateFrequency *UpdateFrequency `yaml:"update_frequency"`
	Podroll         []RemoteItem     `yaml:"podroll"`
	Txt             []Txt            `yaml:"txt"`
	Value           *Value           `yaml:"value"`

	// Build settings.
	Outputs        []string `yaml:"outputs"`         // rss (always), json, atom
	ChapterFormats []string `yaml:"chapter_formats"` // podcast-json, podlove-json, psc (default: these three), id3, mp4, vorbis
	ChaptersIntro  bool     `yaml:"chapters_intro"`
	// EmbedInPlace writes the id3/mp4/vorbis chapters into the show's own
	// audio files instead of copies in the output folder.
	EmbedInPlace bool `yaml:"embed_in_place"`
	// ChaptersInDescription appends the chapters to each episode's
	// description as the timestamp list Spotify and Apple read.
	ChaptersInDescription bool `yaml:"chapters_in_description"`
	// FeedStylesheet writes feed.xsl beside the feed and links it, so a
	// browser shows the feed as the show's page; nil means true.
	FeedStylesheet *bool `yaml:"feed_stylesheet"`
	// Subscribe gives the show's pages on Apple Podcasts and Spotify for
	// that page's subscribe links.
	Subscribe *Subscribe `yaml:"subscribe"`

	// Episodes defined inline, for pipelines that generate the definitions.
	Episodes []Episode `yaml:"episodes"`
}

// Subscribe lists the show's pages in the big directories.
type Subscribe struct {
	Apple   string `yaml:"apple"`
	Spotify string `yaml:"spotify"`
}

// Stylesheet reports whether the build writes feed.xsl and links it from
// the feed (feed_stylesheet, true unless set to false).
func (s *Show) Stylesheet() bool { return s.FeedStylesheet == nil || *s.FeedStylesheet }

// Owner is the itunes:owner contact.
type Owner struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// Locked is podcast:locked.
type Locked struct {
	Owner string `yaml:"owner"`
	Value *bool  `yaml:"value"` // default true
}

// Funding is one podcast:funding link.
type Funding struct {
	URL  string `yaml:"url"`
	Text string `yaml:"text"`
}

// Person is podcast:person.
type Person struct {
	Name  string `yaml:"name"`
	Role  string `yaml:"role"`
	Group string `yaml:"group"`
	Img   string `yaml:"img"`
	Href  string `yaml:"href"`
}

// Location is podcast:location.
type Location struct {
	Name    string `yaml:"name"`
	Geo     string `yaml:"geo"`
	OSM     string `yaml:"osm"`
	Rel     string `yaml:"rel"`
	Country string `yaml:"country"` // ISO 3166-1 alpha-2, e.g. "FR"
}

// License is podcast:license: a slug (or name) and an optional URL. A plain
// string is accepted as the slug.
type License struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// UpdateFrequency is podcast:updateFrequency.
type UpdateFrequency struct {
	Text     string `yaml:"text"`
	Complete bool   `yaml:"complete"`
	DTStart  string `yaml:"dtstart"` // RFC 3339 or YYYY-MM-DD
	RRule    string `yaml:"rrule"`
}

// RemoteItem is one podcast:remoteItem of the podroll.
type RemoteItem struct {
	FeedGUID string `yaml:"feed_guid"`
	FeedURL  string `yaml:"feed_url"`
	ItemGUID string `yaml:"item_guid"`
	Medium   string `yaml:"medium"`
}

// Txt is podcast:txt.
type Txt struct {
	Purpose string `yaml:"purpose"`
	Text    string `yaml:"text"`
}

// Value is podcast:value.
type Value struct {
	Type       string      `yaml:"type"`
	Method     string      `yaml:"method"`
	Suggested  string      `yaml:"suggested"`
	Recipients []Recipient `yaml:"recipients"`
}

// Recipient is podcast:valueRecipient.
type Recipient struct {
	Name        string `yaml:"name"`
	Type        string `yaml:"type"`
	Address     string `yaml:"address"`
	Split       int    `yaml:"split"`
	Fee         bool   `yaml:"fee"`
	CustomKey   string `yaml:"custom_key"`
	CustomValue string `yaml:"custom_value"`
}

// Episode is one episode: the front matter of episodes/<slug>.md (the
// Markdown body is the show notes), an episodes/<slug>.json file, or an
// entry of podcast.yaml's episodes list.
type Episode struct {
	Title               string               `yaml:"title"`
	Date                string               `yaml:"date"`  // RFC 3339, or YYYY-MM-DD (midnight UTC)
	Audio               string               `yaml:"audio"` // a path under the show folder, or an absolute URL
	Length              int64                `yaml:"length"`
	Type                string               `yaml:"type"`
	Duration            string               `yaml:"duration"` // seconds, MM:SS or H:MM:SS
	GUID                string               `yaml:"guid"`
	Season              int                  `yaml:"season"`
	SeasonName          string               `yaml:"season_name"`
	Episode             int                  `yaml:"episode"`
	EpisodeDisplay      string               `yaml:"episode_display"` // podcast:episode display, e.g. "Ch. 3"
	Author              string               `yaml:"author"`          // itunes:author of this episode, when not the show's
	AuthorEmail         string               `yaml:"author_email"`    // RSS <author>: "ada@example.com (Ada)"
	Categories          []ItemCategory       `yaml:"categories"`      // RSS <category>: free-form topics, not Apple's list
	Comments            string               `yaml:"comments"`        // RSS <comments>: the URL of a comments page
	Source              *ItemSource          `yaml:"source"`          // RSS <source>: the feed the episode was taken from
	EpisodeType         string               `yaml:"episode_type"`    // full | trailer | bonus
	Explicit            *bool                `yaml:"explicit"`
	Image               string               `yaml:"image"`
	Summary             string               `yaml:"summary"` // Markdown; the item description when set
	ItunesTitle         string               `yaml:"itunes_title"`
	Link                string               `yaml:"link"`
	Block               bool                 `yaml:"block"`
	Transcripts         []Transcript         `yaml:"transcripts"`
	Persons             []Person             `yaml:"persons"`
	Location            *Location            `yaml:"location"`
	Soundbites          []Soundbite          `yaml:"soundbites"`
	AlternateEnclosures []AlternateEnclosure `yaml:"alternate_enclosures"`
	License             *License             `yaml:"license"`
	Value               *Value               `yaml:"value"`
	Draft               bool                 `yaml:"draft"`
	Slug                string               `yaml:"slug"`  // default: the file name without extension
	Notes               string               `yaml:"notes"` // Markdown; only where there is no Markdown body (inline, JSON)

	// Chapters is "none", "embedded", a path to a chapter file, or a list of
	// "00:00 Title" strings or {start, title, url, image} maps. Kept raw:
	// the chapters step interprets it.
	Chapters *yaml.Node `yaml:"chapters"`

	// ChaptersURL links a Podcasting 2.0 chapters file published
	// elsewhere (podcast:chapters); it takes the place of the generated one.
	ChaptersURL string `yaml:"chapters_url"`

	// Where the definition came from, for error messages; not a key.
	File     string `yaml:"-"`
	Line     int    `yaml:"-"` // line of the definition's first key
	BodyLine int    `yaml:"-"` // line where the Markdown notes start in File
}

// ItemCategory is an episode's RSS <category>: a name, and the
// taxonomy it belongs to (domain) when there is one. A plain string is
// accepted as the name.
type ItemCategory struct {
	Name   string `yaml:"name"`
	Domain string `yaml:"domain"`
}

// ItemSource is an episode's RSS <source>: the feed it was taken from.
type ItemSource struct {
	URL   string `yaml:"url"`
	Title string `yaml:"title"`
}

// Transcript is podcast:transcript.
type Transcript struct {
	URL      string `yaml:"url"`
	Type     string `yaml:"type"`
	Language string `yaml:"language"`
	Rel      string `yaml:"rel"`
}

// Soundbite is podcast:soundbite; start and duration in seconds or H:MM:SS.
type Soundbite struct {
	Start    string `yaml:"start"`
	Duration string `yaml:"duration"`
	Title    string `yaml:"title"`
}

// AlternateEnclosure is podcast:alternateEnclosure.
type AlternateEnclosure struct {
	Type      string     `yaml:"type"`
	Length    int64      `yaml:"length"`
	Bitrate   float64    `yaml:"bitrate"`
	Height    int        `yaml:"height"`
	Lang      string     `yaml:"lang"`
	Title     string     `yaml:"title"`
	Rel       string     `yaml:"rel"`
	Codecs    string     `yaml:"codecs"`
	Default   bool       `yaml:"default"`
	Sources   []Source   `yaml:"sources"`
	Integrity *Integrity `yaml:"integrity"`
}

// Source is podcast:source.
type Source struct {
	URI         string `yaml:"uri"`
	ContentType string `yaml:"content_type"`
}

// Integrity is podcast:integrity.
type Integrity struct {
	Type  string `yaml:"type"`
	Value string `yaml:"value"`
}
