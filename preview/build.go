package preview

import (
	"io/fs"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/stylesheet"
)

// Build is one build of the show, as the pages show it.
type Build struct {
	Gen  int       // counts the builds since the server started, from 1
	Time time.Time // when it was made
	Dir  string    // the show folder, for titles

	// Errors are the problems that stopped the build (file:line: message);
	// the pages show them instead of the show.
	Errors []string

	Channel  *feed.Channel
	Links    []stylesheet.Link // subscribe links
	FeedURL  string
	Findings []Finding // about the show as a whole (podcast.yaml)
	Episodes []Episode // in the feed's order
	Held     []Held    // not in the feed

	// Files are the files the build would publish, by name; the pages link
	// feed.xml (which the browser shows through feed.xsl).
	Files map[string][]byte

	// Media is the show folder, for the episodes' local audio files: the
	// player reads them from it, and nothing outside it.
	Media fs.FS
}

// Finding is one validator finding (or build warning), with where the show
// defines what it is about.
type Finding struct {
	Severity string // error, warning or info
	Code     string // the rule, "" for a build warning
	Message  string
	Hint     string
	URL      string // the rule's docs page
	Source   string // show file:line:col, as the user named the show folder
	Feed     string // feed.xml:line:col, "" when not about the feed
}

// Episode is one item of the feed.
type Episode struct {
	ID       string // the page's path segment: the episode file's name without extension
	Item     *feed.Item
	File     string // the show file defining it
	Audio    string // a local audio file in Build.Media the player may use, or ""
	Findings []Finding
}

// Held is an episode left out of the feed.
type Held struct {
	Slug   string
	Reason string // draft or scheduled
	Date   time.Time
}

// Counts returns how many findings of each severity b has.
func (b *Build) Counts() (errs, warns, infos int) {
	count := func(fs []Finding) {
		for _, f := range fs {
			switch f.Severity {
			case "error":
				errs++
			case "warning":
				warns++
			default:
				infos++
			}
		}
	}
	count(b.Findings)
	for _, e := range b.Episodes {
		count(e.Findings)
	}
	return
}
