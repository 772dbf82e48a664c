// Package cache remembers media probe results between builds, so that a
// rebuild of an unchanged show opens no media file.
//
// Results live in the show folder, in .podfeed/cache.json. Local files are
// keyed by their slash path relative to the show folder, their size and
// their modification time; remote media by URL, with the ETag and
// Last-Modified validators the server gave. The file is written
// atomically (a temporary file in the same folder, fsync, rename) and
// deterministically (entries sorted, no timestamps of its own). A cache
// file that cannot be read or parsed is ignored with a warning: it is
// never fatal.
//
// Files probes local media through a Cache over an injectable file
// system, with bounded concurrency. The package imports media and the
// standard library only.
package cache
