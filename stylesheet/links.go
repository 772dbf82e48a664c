package stylesheet

import (
	"net/url"
	"strings"
)

// Options are what the stylesheet cannot read from the feed.
type Options struct {
	Title   string // the show's title, for the search links used when no store page is given
	FeedURL string // the feed's public URL, offered to any app
	Apple   string // the show's Apple Podcasts page, if it has one
	Spotify string // the show's Spotify page, if it has one
}

// Link is one subscribe link.
type Link struct {
	Label string
	URL   string
	Alt   bool // a fallback (a search), shown less prominently
}

// Links returns the subscribe links for Apple Podcasts and Spotify: the
// show's own pages when given, otherwise a search for its title on each.
// Any other app subscribes with the feed URL itself (Options.FeedURL).
func Links(o Options) []Link {
	var out []Link
	title := strings.TrimSpace(o.Title)
	switch {
	case o.Apple != "":
		out = append(out, Link{Label: "Apple Podcasts", URL: o.Apple})
	case title != "":
		out = append(out, Link{Label: "Find on Apple Podcasts", URL: "https://podcasts.apple.com/search?term=" + url.QueryEscape(title), Alt: true})
	}
	switch {
	case o.Spotify != "":
		out = append(out, Link{Label: "Spotify", URL: o.Spotify})
	case title != "":
		out = append(out, Link{Label: "Find on Spotify", URL: "https://open.spotify.com/search/" + url.PathEscape(title), Alt: true})
	}
	return out
}
