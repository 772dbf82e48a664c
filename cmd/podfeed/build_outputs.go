package main

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"

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

// writeOutputs publishes the files into out: unchanged files are left
// alone, the feed (files[0]) is renamed into place last, and files an
// earlier build into out wrote and this one does not are removed, as
// recorded in the show's manifest for out.
func writeOutputs(showDir, out string, files []publish.File) (*publish.Report, error) {
	ordered := append(slices.Clone(files[1:]), files[0])
	rep, err := publish.Publish(out, ordered, publish.Options{Manifest: manifestPath(showDir, out)})
	if err != nil {
		return nil, fmt.Errorf("write outputs: %w", err)
	}
	return rep, nil
}

// manifestPath is where the show records what builds wrote into out:
// SHOW_DIR/.podfeed/outputs/<out, relative to the show, escaped>.json.
func manifestPath(showDir, out string) string {
	rel, err := filepath.Rel(showDir, out)
	if err != nil {
		rel, _ = filepath.Abs(out)
	}
	return filepath.Join(showDir, ".podfeed", "outputs", url.PathEscape(filepath.ToSlash(rel))+".json")
}
