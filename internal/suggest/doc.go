// Package suggest finds the word a user probably meant: the edit distance
// between two words and the closest of a list of candidates, for "did you
// mean" hints on unknown keys, flags and rule codes.
//
// It uses the standard library only and must not import any other podfeed
// package.
package suggest
