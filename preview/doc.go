// Package preview serves a show as listeners will see it, for podfeed
// serve: a listing page and a page per episode (artwork, subscribe links,
// each episode with its date, duration, notes, chapters and an audio
// player, as the styled feed shows them), with the validator's findings
// next to the episode they concern and the show file and line of each,
// the episodes held back (drafts, scheduled), and the files a build would
// publish.
//
// A Server holds one Build at a time; the caller makes a new one when the
// show changes and hands it to Set, and every open page reloads (a small
// script listening to /_/events; the pages work without it). The pages are
// html/template and plain CSS (internal/pagestyle). The package writes no
// file.
package preview
