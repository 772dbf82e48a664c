// Package feed holds the podcast RSS model (RSS 2.0 with the itunes,
// content, atom, podcast and psc namespaces), its deterministic writer and a
// light reader of existing feeds.
//
//   - Encode writes a Channel as RSS in a canonical element order
//     (docs/feed-output.md): the same Channel always gives the same bytes,
//     always well-formed whatever the text holds.
//   - ReadSummary reads, leniently, what the subscriber-safety check needs
//     from a published feed (self URL, itunes:new-feed-url, and each
//     episode's GUID, title and enclosure URL); SummaryOf gives the same
//     from a Channel.
//
// It uses the standard library only and never touches the filesystem or the
// network; judging a feed is the validate package's job.
package feed
