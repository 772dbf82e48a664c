// Package gen makes the benchmark inputs deterministically from a seed:
// a show of n episodes (records with Markdown notes of about 2 KB and the
// same notes as HTML), the show folder podfeed builds from (podcast.yaml and
// episodes/*.md), and a folder of media files copied from podfeed's
// committed fixtures. It never reads the clock: every date derives from a
// fixed epoch, every choice from a PCG generator seeded by the caller.
package gen
