// Package applecat holds Apple Podcasts' category list (in force since the
// August 2019 overhaul) and the pre-2019 names that map onto it. The show
// builder and the validator judge categories with it, and the importer maps
// old names through it.
//
// It is constant data behind functions, with no state. It uses the standard
// library only and must not import any other podfeed package, so that show,
// validate and importer can all depend on it.
package applecat
