// Package scaffold makes the files `podfeed init` writes for a new show:
// a commented podcast.yaml, one example episode with a short silent MP3,
// a placeholder cover and a .gitignore. Together they build, and the feed
// they build validates, so that a new user starts from something that
// works and replaces it piece by piece.
//
// It imports the standard library only and touches no file: the CLI
// writes what it returns.
package scaffold
