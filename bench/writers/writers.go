package writers

import (
	"fmt"
	"strconv"
	"time"

	"github.com/eduncan911/podcast"
	"github.com/gorilla/feeds"

	"github.com/podfeed/podfeed/bench/gen"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/show"
)

// What each writer cannot write of the generated show (the show has no
// fields beyond these; podfeed writes all of them).
const (
	CannotEduncan = "content:encoded, guid isPermaLink, itunes:type, itunes:season, itunes:episode, itunes:episodeType, podcast:guid, podcast:transcript, podcast:person, podcast:season, podcast:episode"
	CannotGorilla = "atom:link self, every itunes tag (author, owner, image, category, explicit, type, duration, season, episode, episodeType), podcast:guid, podcast:transcript, podcast:person, podcast:season, podcast:episode"
)

// newest is the date of the newest episode (the channel's pubDate), or
// the epoch of time.Time when there is none.
func newest(eps []gen.Episode) time.Time {
	if len(eps) == 0 {
		return time.Time{}
	}
	return eps[len(eps)-1].Date
}

// Podfeed maps the show into podfeed's model, newest episode first, as
// show.Build would.
func Podfeed(s gen.Show, eps []gen.Episode) *feed.Channel {
	pub := newest(eps)
	ch := &feed.Channel{
		Title: s.Title, Link: s.Link, Description: s.DescriptionHTML, Language: s.Language,
		PubDate: pub, LastBuildDate: pub, SelfURL: s.FeedURL,
		ItunesAuthor: s.Author, ItunesImage: s.Image,
		ItunesOwner: &feed.Owner{Name: s.OwnerName, Email: s.OwnerEmail},
		Categories:  []feed.Category{{Text: s.Category}},
		ItunesType:  "episodic",
		GUID:        show.PodcastGUID(s.FeedURL),
		Items:       make([]feed.Item, 0, len(eps)),
	}
	for i := len(eps) - 1; i >= 0; i-- {
		e := &eps[i]
		explicit := e.Explicit
		ch.Items = append(ch.Items, feed.Item{
			Title: e.Title, Link: e.Link, Description: e.NotesHTML, ContentEncoded: e.NotesHTML,
			GUID: e.GUID, PubDate: e.Date,
			Enclosure:   &feed.Enclosure{URL: e.AudioURL, Length: e.Length, Type: e.Type},
			ItunesImage: e.Image, Duration: e.Duration, Explicit: &explicit,
			Season: e.Season, Episode: e.Episode, EpisodeType: e.EpisodeType,
			Transcripts: []feed.Transcript{{URL: e.Transcript, Type: "text/vtt"}},
			Persons:     []feed.Person{{Name: e.Guest, Role: "guest"}},
		})
	}
	return ch
}

// Eduncan maps the show into eduncan911/podcast's model (see CannotEduncan).
func Eduncan(s gen.Show, eps []gen.Episode) (*podcast.Podcast, error) {
	pub := newest(eps)
	p := podcast.New(s.Title, s.Link, s.DescriptionHTML, &pub, &pub)
	p.Language = s.Language
	p.AddAtomLink(s.FeedURL)
	p.AddAuthor(s.OwnerName, s.OwnerEmail)
	p.IAuthor = s.Author
	p.AddImage(s.Image)
	p.AddCategory(s.Category, nil)
	p.IExplicit = "false"
	p.Items = make([]*podcast.Item, 0, len(eps))
	for i := len(eps) - 1; i >= 0; i-- {
		e := &eps[i]
		it := podcast.Item{Title: e.Title, Link: e.Link, Description: e.NotesHTML, GUID: e.GUID, IExplicit: strconv.FormatBool(e.Explicit)}
		date := e.Date
		it.AddPubDate(&date)
		it.AddEnclosure(e.AudioURL, podcast.MP3, e.Length)
		it.AddImage(e.Image)
		it.AddDuration(int64(e.Duration / time.Second))
		if _, err := p.AddItem(it); err != nil {
			return nil, fmt.Errorf("eduncan911/podcast: episode %d: %w", e.Episode, err)
		}
	}
	return &p, nil
}

// Gorilla maps the show into gorilla/feeds' model (see CannotGorilla).
func Gorilla(s gen.Show, eps []gen.Episode) *feeds.Feed {
	pub := newest(eps)
	f := &feeds.Feed{
		Title: s.Title, Link: &feeds.Link{Href: s.Link}, Description: s.DescriptionHTML,
		Author:  &feeds.Author{Name: s.OwnerName, Email: s.OwnerEmail},
		Created: pub, Updated: pub,
		Image: &feeds.Image{Url: s.Image, Title: s.Title, Link: s.Link},
		Items: make([]*feeds.Item, 0, len(eps)),
	}
	for i := len(eps) - 1; i >= 0; i-- {
		e := &eps[i]
		f.Items = append(f.Items, &feeds.Item{
			Title: e.Title, Link: &feeds.Link{Href: e.Link}, Description: e.NotesHTML, Content: e.NotesHTML,
			Id: e.GUID, IsPermaLink: "false", Created: e.Date,
			Enclosure: &feeds.Enclosure{Url: e.AudioURL, Type: e.Type, Length: strconv.FormatInt(e.Length, 10)},
		})
	}
	return f
}
