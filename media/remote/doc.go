// Package remote probes media that lives behind an http(s) URL without
// downloading it: the byte length and type come from a HEAD request
// (falling back to a ranged GET when HEAD fails or gives no
// Content-Length), and the duration, where the format allows, from a few
// ranged reads of the file (an MP3 with a Xing/Info header or a constant
// bitrate, an MP4 whose moov box can be reached, Ogg, FLAC, WAV). Results
// are remembered in a cache.Cache by URL and revalidated with the ETag and
// Last-Modified validators the server gave.
//
// Requests time out, the bytes read per URL are bounded, and ProbeAll
// probes several URLs at once with bounded concurrency. The package
// imports media, media/cache and the standard library only.
package remote
