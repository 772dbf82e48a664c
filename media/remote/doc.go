// Package remote probes media that lives behind an http(s) URL without
// downloading it: the byte length and type come from a HEAD request
// (falling back to a ranged GET when HEAD fails or gives no
// Content-Length), and the duration, where the format allows, from a few
// ranged reads of the file (an MP3 with a Xing/Info header or a constant
// bitrate, an MP4 whose moov box can be reached, Ogg, FLAC, WAV). Results
// are remembered in a cache.Cache by URL and revalidated with the ETag and
// Last-Modified validators the server gave.
//
// Every request goes through package fetch (Prober.Net): private and
// loopback addresses are refused unless allowed, redirects are capped and
// judged by the same guard, requests time out with a plain message. The
// bytes read per URL are bounded (Prober.Budget), content that is not
// media is an error whatever its Content-Type, and ProbeAll probes
// several URLs at once with bounded concurrency. The package imports
// fetch, media, media/cache and the standard library only.
package remote
