// Package chapters is podfeed's chapter model and its codecs.
//
// One model, [Chapter], holds a start and an optional end in milliseconds,
// a title, a link, an image, a table-of-contents flag and a location. It is
// read from and written to Podlove JSON, Podcasting 2.0 JSON chapters,
// Podlove Simple Chapters 1.2, mp4chaps text, WebVTT chapters and Audacity
// labels; CUE sheets are read only. [Decode] detects the format.
//
// [Extract] finds chapter lists written as timestamps in show notes
// (Markdown or HTML) and keeps each chapter's line and column. [Check]
// reports problems with a chapter list (order, duplicates, duration, empty
// titles, platform rules).
//
// The package uses the standard library only. It does not import feed,
// show or validate, and it never touches the filesystem or the network:
// callers hand it bytes and writers. Output is deterministic: indented
// JSON, a fixed attribute order and a trailing newline.
package chapters
