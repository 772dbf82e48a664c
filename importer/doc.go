// Package importer turns an existing podcast feed (RSS 2.0 or Atom, with the
// itunes, podcast and psc namespaces) into show definitions: a show.Show for
// podcast.yaml and one show.Episode plus Markdown notes per item, rendered
// as deterministic YAML in the schema's key order.
//
// Reading is lenient about what real feeds get wrong (byte-order marks,
// whitespace before the XML declaration, itunes:, podcast:, content:,
// atom:, psc:, googleplay:, media: and dc: used without their xmlns
// declarations, ISO-8859-1 and Windows-1252 text, HTML entities and
// entity typos, odd date zones, missing GUIDs) and strict about what makes
// a document unreadable (a file cut off mid-document, mismatched tags, an
// unknown unbound prefix): a feed that cannot be read yields a *ReadError
// with its line and column, and nothing is written. Every change made while reading
// is returned as a note, and every element podfeed does not model is
// counted, so nothing is dropped silently.
//
// The package parses with github.com/mmcdole/gofeed and converts show notes
// with github.com/JohannesKaufmann/html-to-markdown/v2. Network I/O happens
// only in Fetch (through the fetch package's guarded client) and files are
// written only in Write; the package never reads the clock or the
// environment, never prints, and must not import urfave/cli or validate:
// the command decides what to print and which exit code a failure gets.
package importer
