package scaffold

import (
	"fmt"
	"strings"
)

// Show is what init knows about the new show.
type Show struct {
	Title        string
	Author       string
	Email        string // owner email; "" leaves owner commented out
	Language     string // ISO 639, e.g. "en"
	Category     string // one of Apple's categories
	Link         string // the show's web page
	FeedURL      string // where public/feed.xml will be served
	MediaBaseURL string // where the show folder's files will be served
	Placeholder  bool   // the URLs are placeholders: guid is left for later
	GUID         string // podcast:guid, pinned; "" when Placeholder
	Date         string // the example episode's date, YYYY-MM-DD
	FormatDocs   string // where docs/format.md is, for the comments
}

// Files names the files init writes, in the order it writes them.
const (
	ShowFile    = "podcast.yaml"
	EpisodeFile = "episodes/001-welcome.md"
	AudioFile   = "audio/welcome.mp3"
	CoverFile   = "artwork.jpg"
	IgnoreFile  = ".gitignore"
)

// ShowYAML returns podcast.yaml: the keys a feed needs, each with a
// comment saying what it is.
func ShowYAML(s Show) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# %s: the show. `podfeed build` turns it and episodes/*.md into\n", ShowFile)
	w("# public/feed.xml. Every key is described in %s.\n\n", s.FormatDocs)
	w("title: %s\n", yamlString(s.Title))
	w("description: |\n  What %s is about, in a sentence or two: directories show it beside\n  the artwork. Markdown works here.\n", s.Title)
	w("author: %s  # the name apps show under the title\n", yamlString(s.Author))
	if s.Email != "" {
		w("owner:  # who Apple and Spotify send the ownership check to; not shown to listeners\n")
		w("  name: %s\n  email: %s\n", yamlString(s.Author), yamlString(s.Email))
	} else {
		w("# owner:  # who Apple and Spotify send the ownership check to; not shown to listeners\n")
		w("#   name: %s\n#   email: you@example.com\n", yamlString(s.Author))
	}
	w("language: %s  # ISO 639, with a region if you like: en, en-gb, de, pt-BR\n", yamlString(s.Language))
	w("categories:  # one or two of Apple's categories, e.g. \"Arts > Books\"\n  - %s\n", yamlString(s.Category))
	w("explicit: false  # true when episodes have explicit content\n")
	w("image: %s  # square JPEG or PNG, 1400 to 3000 px; this one is a placeholder\n\n", CoverFile)
	w("# Where the show lives. build writes public/; publish it at feed_url, and\n")
	w("# this folder's files (audio/, the artwork) at media_base_url.\n")
	if s.Placeholder {
		w("# These are placeholders: put your own before you publish.\n")
	}
	w("link: %s  # the show's web page; relative links in show notes resolve against it\n", s.Link)
	w("feed_url: %s\n", s.FeedURL)
	w("media_base_url: %s\n\n", s.MediaBaseURL)
	w("# The show's permanent ID for Podcasting 2.0 apps (podcast:guid): made\n")
	w("# from feed_url once, then kept here so that it never changes, even if\n")
	if s.GUID != "" {
		w("# the feed moves. Do not edit it.\nguid: %s\n", s.GUID)
	} else {
		w("# the feed moves. Set feed_url first: build then prints the line to\n# add here.\n# guid:\n")
	}
	return b.String()
}

// Episode returns the example episode: front matter, then show notes
// with a chapter list.
func Episode(s Show) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("---\n")
	// Not "Welcome to <show>": apps show the show's name beside every
	// episode title, and Apple asks titles not to repeat it.
	w("title: Welcome\n")
	w("date: %s  # publication date; a later one holds the episode back until then\n", s.Date)
	w("audio: %s  # a file in the show folder, or the URL of one\n", AudioFile)
	w("# length, type and duration are read from the audio itself.\n")
	w("---\n")
	// One line a paragraph: every line break in notes is a <br>.
	w("This is the example episode podfeed init wrote. Its audio is five seconds of silence: put your recording in its place, or point audio: at it, and write these notes in your own words.\n\n")
	// The chapters as a list: lines of one paragraph would be joined
	// with <br>, which Apple's guidelines do not list.
	w("Show notes are Markdown. Lines that start with a time, here in a list, become the episode's chapters:\n\n")
	w("- 00:00 Welcome\n")
	w("- 00:02 How the show works\n")
	w("- 00:04 What comes next\n")
	return b.String()
}

// GitIgnore returns the .gitignore: what build writes is rebuilt, not
// committed.
func GitIgnore() string {
	return "# What podfeed build writes: rebuilt from the show, not committed.\n/public/\n" +
		"# What podfeed read from the media files, so rebuilds need not read them again.\n/.podfeed/\n"
}

// yamlString writes s as a YAML scalar: plain when that reads back as the
// same string, else double-quoted.
func yamlString(s string) string {
	if s != "" && plainSafe(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plainSafe reports whether s can be a plain YAML scalar that reads back
// as the string s.
func plainSafe(s string) bool {
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, "\"'\\\n\t#") ||
		strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.IndexAny(s[:1], "-?:,[]{}&*!|>%@`") == 0 {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			if r != '.' && r != '-' && r != '+' && r != 'e' && r != 'E' && r != '_' {
				return true
			}
		}
	}
	return false // it reads as a number
}
