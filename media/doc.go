// Package media reads what a podcast feed needs to know about an audio or
// video file from the file itself: its byte length, MIME type, duration,
// bitrate, sample rate, channels, title, artist, whether it carries
// artwork, and any chapters embedded in it.
//
// Probe works over an io.ReaderAt and reads only the headers it needs, so
// its cost does not grow with the size of the file, whatever its headers
// claim: an MP3 without a usable header is walked frame by frame up to
// 4 MB and estimated from sampled regions beyond; where its audio stops
// before the file does is found by bisection; metadata blocks are skipped
// by their sizes. What is odd about a file (junk after the audio, an
// estimated duration) is reported in Info.Warnings. Supported containers: MP3 (MPEG audio with ID3v2, Xing,
// Info, VBRI and LAME headers), MP4/M4A/M4B/MOV, Ogg Opus and Ogg Vorbis,
// FLAC and WAV. ID3v2 CHAP/CTOC frames, Nero chpl boxes, QuickTime chapter
// tracks and Vorbis-comment chapters are read.
//
// The package knows nothing about feeds or shows and imports no other
// package of this module. Besides the standard library it uses
// github.com/mewkiz/flac for FLAC STREAMINFO. ID3v2, MP4 and the MPEG
// frame walk have small parsers here, as no served module reads CHAP/CTOC
// frames or MP4 boxes, or walks MPEG frames with a bound on its reads. It
// never shells out. Every parser treats its
// input as hostile: sizes and counts are checked against the file before
// anything is allocated, and a file that lies gets an error, never a panic.
package media
