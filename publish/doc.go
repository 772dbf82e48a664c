// Package publish writes a build's output files atomically and compares a
// new feed with the one it replaces, so that a build never breaks
// subscribers by accident.
//
// Write puts every file in a temporary file in the same folder, syncs it,
// and only when all are written renames them into place and syncs the
// folders: a reader or a crash never sees a half-written file, and a
// failure before the renames leaves the previous output untouched. Stage
// writes a file too big to hold in memory (the feed) straight into its
// temporary file, to be read back and then given to Publish. Check
// lists the changes that would hurt subscribers (an episode that
// disappears, an episode whose GUID changes, a feed that moves without
// itunes:new-feed-url).
//
// It imports the feed package and the standard library only; it never
// prints and never decides exit codes.
package publish
