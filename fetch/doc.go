// Package fetch requests feeds and the files they link to (media,
// artwork, chapters, transcripts) over HTTP and HTTPS, safely enough to
// point at URLs taken from untrusted feeds.
//
// Every request has a timeout, a User-Agent naming podfeed, a cap on the
// body it reads, at most five redirects (each one recorded, so callers can
// report temporary and permanent redirects) and an address guard: unless
// Options.AllowPrivate is set, no connection is made to a private,
// loopback, link-local, unspecified, multicast or otherwise reserved
// address. The guard checks the address actually dialled (net.Dialer
// Control), after name resolution, so a name that resolves to a public
// address once and a private one later (DNS rebinding) cannot slip past.
//
// This is the one HTTP policy of the project: every URL podfeed fetches
// (validate's feed and --online checks, import, probe, build
// --probe-remote, build --previous) goes through it, and the CLI sets it
// with the same three flags everywhere (--allow-private, --timeout,
// --max-size). A request that runs out of time fails with an error
// wrapping ErrTimeout that says so plainly ("get URL: no complete answer
// within 30s (timed out)"), whatever the transport reported.
//
// Get streams a body (feeds); Head and Range read headers and a few bytes
// (online checks); RangeReader exposes a remote file as an io.ReaderAt for
// media probing. WithMemo lets several callers in one run share the
// answers to identical Head and Range requests.
//
// The package knows nothing about feeds; it imports only the standard
// library.
package fetch
