package main

import (
	"fmt"

	"github.com/podfeed/podfeed/companion"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/publish"
	"github.com/podfeed/podfeed/show"
)

// companionOutputs renders the JSON Feed and Atom files podcast.yaml asks
// for; each names its own URL, beside the feed at feedURL.
func companionOutputs(outputs []string, ch *feed.Channel, feedURL string) ([]publish.File, error) {
	var files []publish.File
	for _, o := range outputs {
		switch o {
		case "json":
			b, err := companion.JSONFeed(ch, show.OutputURL(feedURL, companion.JSONFeedName))
			if err != nil {
				return nil, fmt.Errorf("json feed: %w", err)
			}
			files = append(files, publish.File{Name: companion.JSONFeedName, Data: b})
		case "atom":
			b, err := companion.Atom(ch, show.OutputURL(feedURL, companion.AtomName))
			if err != nil {
				return nil, fmt.Errorf("atom feed: %w", err)
			}
			files = append(files, publish.File{Name: companion.AtomName, Data: b})
		}
	}
	return files, nil
}

// writeOutputs publishes every file atomically: all or nothing.
func writeOutputs(dir string, files []publish.File) error {
	if err := publish.Write(dir, files); err != nil {
		return fmt.Errorf("write outputs: %w", err)
	}
	return nil
}

// subscriberChanges lists what in the new feed would break subscribers of
// the old one.
func subscriberChanges(old, new *feed.Summary) []string {
	var out []string
	for _, c := range publish.Check(old, new) {
		out = append(out, c.String())
	}
	return out
}
