// Package companion writes the companion outputs of a podcast feed, JSON
// Feed 1.1 and Atom 1.0, from the same feed.Channel as the RSS feed, through
// github.com/gorilla/feeds.
//
// gorilla/feeds builds the output structs; this package fills in what its
// generic Feed type cannot carry (feed URL, icon, language, enclosures as
// JSON Feed attachments with size_in_bytes and duration_in_seconds, Atom
// ids) on those exported structs before they are marshalled. The output is
// deterministic: every date comes from the channel, never the clock.
//
// It imports feed and gorilla/feeds; it never touches the filesystem.
package companion
