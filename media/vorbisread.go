package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// Bounds on reading a Vorbis comment block in place (FLAC keeps one in a
// metadata block of up to 16 MiB).
const (
	vorbisMaxRead  = 1 << 20  // bytes of entries read through the buffer
	vorbisMaxValue = 64 << 10 // longest entry read; longer ones are skipped
	vorbisChunk    = 32 << 10 // bytes read at a time
)

// vorbisWanted reports whether an entry with this key (any case) is read:
// the ones applyVorbisComments uses. A picture only needs its key.
func vorbisWanted(key []byte) (read, keyOnly bool) {
	is := func(name string) bool { return bytes.EqualFold(key, []byte(name)) }
	switch {
	case is("TITLE"), is("ARTIST"), len(key) >= 7 && bytes.EqualFold(key[:7], []byte("CHAPTER")):
		return true, false
	case is("METADATA_BLOCK_PICTURE"), is("COVERART"):
		return true, true
	}
	return false, false
}

// readVorbisComments reads the Vorbis comment block of n bytes at off
// entry by entry, without holding it whole: entries applyVorbisComments
// does not use, and any longer than vorbisMaxValue, are skipped by their
// length, unread; at most vorbisMaxRead bytes are read in all. warn says
// what was left unread, if anything. A block that lies about a length
// stops quietly where it stops making sense, like parseVorbisComments.
func readVorbisComments(s src, off, n int64) (tags [][2]string, warn string, err error) {
	r := &regionReader{s: s, pos: off, end: off + n}
	vl, ok := r.uint32()
	if !ok || !r.skip(int64(vl)) {
		return nil, "", nil
	}
	count, ok := r.uint32()
	if !ok {
		return nil, "", nil
	}
	for i := uint32(0); i < count; i++ {
		if r.read > vorbisMaxRead {
			return tags, fmt.Sprintf("Vorbis comments: only the first %d of %d entries read (%d KB)", i, count, vorbisMaxRead>>10), r.err
		}
		l, ok := r.uint32()
		if !ok || int64(l) > r.end-r.pos {
			break
		}
		// The key is before '='; keys are short, so a peek at the start
		// of the entry decides whether to read it.
		peek := r.peek(int(min(int64(l), 64)))
		eq := bytes.IndexByte(peek, '=')
		want, keyOnly := false, false
		if eq >= 0 {
			want, keyOnly = vorbisWanted(peek[:eq])
		}
		switch {
		case !want:
			r.skip(int64(l))
		case keyOnly:
			tags = append(tags, [2]string{strings.ToUpper(string(peek[:eq])), ""})
			r.skip(int64(l))
		case l > vorbisMaxValue:
			r.skip(int64(l))
		default:
			e, ok := r.next(int(l))
			if !ok {
				return tags, "", r.err
			}
			k, v, _ := strings.Cut(string(e), "=")
			tags = append(tags, [2]string{strings.ToUpper(k), v})
		}
	}
	return tags, "", r.err
}

// regionReader reads a region of a src front to back through a small
// buffer, skipping forward without reading.
type regionReader struct {
	s     src
	pos   int64 // next byte to hand out
	end   int64
	buf   []byte
	bufAt int64
	read  int64 // bytes read from s so far
	err   error // a read error (not the region ending)
}

// fill makes the k bytes at pos available in buf, reporting false when
// the region ends first.
func (r *regionReader) fill(k int) bool {
	if int64(k) > r.end-r.pos || r.err != nil {
		return false
	}
	if r.pos >= r.bufAt && r.pos+int64(k) <= r.bufAt+int64(len(r.buf)) {
		return true
	}
	n := int(min(int64(max(k, vorbisChunk)), r.end-r.pos))
	if cap(r.buf) < n {
		r.buf = make([]byte, n)
	}
	r.buf = r.buf[:n]
	if err := r.s.readInto(r.buf, r.pos); err != nil {
		r.buf, r.err = r.buf[:0], err
		return false
	}
	r.bufAt = r.pos
	r.read += int64(n)
	return true
}

// peek returns up to k bytes at pos without moving on.
func (r *regionReader) peek(k int) []byte {
	if !r.fill(k) {
		return nil
	}
	return r.buf[r.pos-r.bufAt : r.pos-r.bufAt+int64(k)]
}

// next returns the k bytes at pos and moves past them.
func (r *regionReader) next(k int) ([]byte, bool) {
	b := r.peek(k)
	if b == nil && k > 0 {
		return nil, false
	}
	r.pos += int64(k)
	return b, true
}

func (r *regionReader) uint32() (uint32, bool) {
	b, ok := r.next(4)
	if !ok {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

// skip moves k bytes on without reading them.
func (r *regionReader) skip(k int64) bool {
	if k > r.end-r.pos {
		r.pos = r.end
		return false
	}
	r.pos += k
	return true
}
