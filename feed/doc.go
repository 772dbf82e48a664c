// Package feed holds the podcast RSS model (RSS 2.0 with the itunes,
// content, atom, podcast and psc namespaces) and its deterministic writer.
//
// It uses the standard library only and never touches the filesystem or the
// network; judging a feed is the validate package's job.
package feed
