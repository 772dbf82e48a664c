package show

import (
	"fmt"

	"github.com/podfeed/podfeed/internal/xmlspot"
)

// PlaceOf traces a spot of the encoded feed (xmlspot.Index.At of a position a
// validator reported) back to the definitions: the file and position of the
// key that produced it, and the key ("" when the spot is an item or the
// channel as a whole, whose place is where its definition starts).
func (r *Result) PlaceOf(s xmlspot.Spot) (Place, string) {
	if s.Item >= 0 && s.Item < len(r.items) {
		key := r.itemKey(s.Item, s)
		return r.ItemPlace(s.Item, key), key
	}
	key := r.channelKey(s)
	return r.ShowPlace(key), key
}

func (r *Result) itemKey(i int, s xmlspot.Spot) string {
	if len(s.Path) == 0 {
		return ""
	}
	src := r.items[i]
	has := src.w.Keys.has
	top := s.Path[0]
	switch top.Name {
	case "title":
		return "title"
	case "itunes:title":
		return "itunes_title"
	case "link":
		return "link"
	case "guid":
		return "guid"
	case "pubDate":
		return "date"
	case "description":
		if src.ep.Summary != "" {
			return "summary"
		}
		return "notes"
	case "content:encoded":
		return "notes"
	case "enclosure":
		if (s.Attr == "length" || s.Attr == "type") && has(s.Attr) {
			return s.Attr
		}
		return "audio"
	case "itunes:duration":
		if has("duration") {
			return "duration"
		}
		return "audio"
	case "itunes:image":
		return "image"
	case "itunes:explicit":
		return "explicit"
	case "itunes:episode", "podcast:episode":
		if s.Attr == "display" {
			return "episode_display"
		}
		return "episode"
	case "itunes:season", "podcast:season":
		if s.Attr == "name" {
			return "season_name"
		}
		return "season"
	case "itunes:episodeType":
		return "episode_type"
	case "itunes:block":
		return "block"
	case "itunes:author":
		return "author"
	case "podcast:transcript":
		return fmt.Sprintf("transcripts[%d]", top.N)
	case "podcast:person":
		return fmt.Sprintf("persons[%d]", top.N)
	case "podcast:location":
		return "location"
	case "podcast:soundbite":
		return fmt.Sprintf("soundbites[%d]", top.N)
	case "podcast:alternateEnclosure":
		k := fmt.Sprintf("alternate_enclosures[%d]", top.N)
		if len(s.Path) > 1 && s.Path[1].Name == "podcast:source" {
			return fmt.Sprintf("%s.sources[%d].uri", k, s.Path[1].N)
		}
		return k
	case "podcast:chapters", "psc:chapters":
		switch {
		case top.Name == "podcast:chapters" && src.ep.ChaptersURL != "":
			return "chapters_url"
		case has("chapters"):
			return "chapters"
		}
		return "notes" // chapters found in the notes
	case "podcast:license":
		return "license"
	case "podcast:value":
		if len(s.Path) > 1 {
			return fmt.Sprintf("value.recipients[%d]", s.Path[1].N)
		}
		return "value"
	}
	return ""
}

func (r *Result) channelKey(s xmlspot.Spot) string {
	if len(s.Path) == 0 {
		return ""
	}
	top := s.Path[0]
	switch top.Name {
	case "title", "description", "link", "language", "copyright", "ttl":
		return top.Name
	case "atom:link":
		return "feed_url"
	case "itunes:new-feed-url":
		return "new_feed_url"
	case "itunes:title":
		return "itunes_title"
	case "itunes:author":
		return "author"
	case "itunes:owner":
		if len(s.Path) > 1 {
			switch s.Path[1].Name {
			case "itunes:email":
				return "owner.email"
			case "itunes:name":
				return "owner.name"
			}
		}
		return "owner"
	case "itunes:image", "image":
		return "image"
	case "itunes:category":
		return fmt.Sprintf("categories[%d]", top.N)
	case "itunes:explicit":
		return "explicit"
	case "itunes:type":
		return "type"
	case "itunes:complete":
		return "complete"
	case "itunes:block":
		return "block"
	case "itunes:keywords":
		return "keywords"
	case "podcast:guid":
		if !r.show.Keys.has("guid") {
			return "feed_url" // derived from it
		}
		return "guid"
	case "podcast:locked":
		return "locked"
	case "podcast:funding":
		return fmt.Sprintf("funding[%d]", top.N)
	case "podcast:person":
		return fmt.Sprintf("persons[%d]", top.N)
	case "podcast:location":
		return "location"
	case "podcast:license":
		return "license"
	case "podcast:medium":
		return "medium"
	case "podcast:updateFrequency":
		return "update_frequency"
	case "podcast:podroll":
		if len(s.Path) > 1 {
			return fmt.Sprintf("podroll[%d]", s.Path[1].N)
		}
		return "podroll"
	case "podcast:txt":
		return fmt.Sprintf("txt[%d]", top.N)
	case "podcast:value":
		if len(s.Path) > 1 {
			return fmt.Sprintf("value.recipients[%d]", s.Path[1].N)
		}
		return "value"
	}
	return ""
}
