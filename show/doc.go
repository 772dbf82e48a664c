// Package show loads a show's definitions (podcast.yaml and one Markdown
// file per episode) and builds the feed model from them.
//
// It reports every input error with file:line:column in one pass. It never
// reads the clock or the environment (BuildOptions carries both), and never
// probes media itself: the caller injects a Prober.
//
// It may import feed, chapters, internal packages and one YAML library. It
// must not import media, validate, publish or the CLI, and it never writes
// files: the caller publishes Result.
package show
