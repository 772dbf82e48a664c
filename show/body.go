package show

import (
	"fmt"
	"hash/crc32"
	"path"
	"unsafe"

	"github.com/podfeed/podfeed/chapters"
)

// An episode file's Markdown body (its show notes) is most of the file.
// Load does not keep it: it records where the body is, and Build reads it
// again on the goroutine that renders it, so that a show is not held in
// memory as Markdown before any of it is rendered (issue 14: 100,000
// episodes held about 250 MB of notes from Load to Build).

// bodyRef is where an episode file's Markdown body is, as Load read the
// file: from byte off to the end of a file of size bytes whose CRC-32C
// is sum. The zero bodyRef: no body left in the file (none, or the notes
// are in Episode.Notes).
type bodyRef struct {
	off, size int32 // files are at most MaxEpisodeFile bytes
	sum       uint32
	// times: the body may hold timestamps (chapters.MayHoldTimes), so
	// chapters may be extracted from it.
	times bool
}

// newBodyRef records that text, an episode file's whole contents, has its
// body from byte off.
func newBodyRef(text string, off int) bodyRef {
	return bodyRef{off: int32(off), size: int32(len(text)), sum: textSum(text), times: chapters.MayHoldTimes(text[off:])}
}

func (r bodyRef) set() bool { return r.off > 0 }

// textSum is the CRC-32C of s.
func textSum(s string) uint32 {
	if s == "" {
		return 0
	}
	// crc32 reads the bytes only: no copy of the file is made.
	return crc32.Checksum(unsafe.Slice(unsafe.StringData(s), len(s)), crc32.MakeTable(crc32.Castagnoli))
}

// readBody sets ep.Notes to the Markdown body Load left in ep's file,
// reading the file again through dr (the reader of the episodes folder,
// nil when there is none) or the definition's fs.FS. A file that is gone
// or changed since Load read it is an error at the file: its notes would
// not be the ones its front matter was read with.
func (b *builder) readBody(ep *Episode, w *where, dr *dirReader) {
	ref := w.body
	if !ref.set() || ep.Notes != "" {
		return
	}
	text, found, err := "", readLeft, error(nil)
	if path.Dir(ep.File) == path.Join(b.def.Dir, "episodes") {
		text, found, err = dr.read(path.Base(ep.File), "the episode file", MaxEpisodeFile)
	}
	switch found {
	case readGone, readFolder:
		err = fmt.Errorf("no longer a file")
	case readLeft:
		text, err = readText(b.def.fsys, ep.File, "the episode file", MaxEpisodeFile)
	}
	if err == nil && (len(text) != int(ref.size) || textSum(text) != ref.sum) {
		err = fmt.Errorf("it changed")
	}
	if err != nil {
		w.body = bodyRef{} // said once, not again by a later reading
		f, l, c := w.at("")
		b.errs.addf(f, l, c, "the episode file could not be read again for its notes (%v) while podfeed built the show: build again once it is no longer being written", err)
		return
	}
	ep.Notes = text[ref.off:]
}
