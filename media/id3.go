package media

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"time"
	"unicode/utf16"
)

// id3Tag is what podfeed reads from an ID3v2 tag.
type id3Tag struct {
	major     byte
	totalSize int64 // header, body and footer: where the audio starts
	title     string
	artist    string
	artwork   bool
	chapters  []Chapter
}

// apply copies the tag's values into info where info has none.
func (t *id3Tag) apply(info *Info) {
	if t == nil {
		return
	}
	if info.Title == "" {
		info.Title = t.title
	}
	if info.Artist == "" {
		info.Artist = t.artist
	}
	info.Artwork = info.Artwork || t.artwork
	if len(info.Chapters) == 0 {
		info.Chapters = t.chapters
	}
}

// maxFrameRead bounds the body of a single frame that is read into memory;
// bigger frames of interest are skipped.
const maxFrameRead = 1 << 20

// Bounds on reading the ID3v2 tags of one file, however large they claim
// to be (up to 256 MB each, and up to 8 of them one after another):
// frames beyond these are skipped, and the audio is still found.
const (
	id3MaxFrames = 20_000  // frame headers read
	id3MaxRead   = 4 << 20 // bytes of frame bodies and unsynchronised tags read
)

// id3Budget is what is left of those bounds.
type id3Budget struct {
	frames int
	bytes  int64
}

func synchsafe(b []byte) (uint32, bool) {
	var v uint32
	for _, c := range b {
		if c&0x80 != 0 {
			return 0, false
		}
		v = v<<7 | uint32(c)
	}
	return v, true
}

// removeUnsync undoes ID3v2 unsynchronisation (every 0xFF 0x00 becomes 0xFF).
func removeUnsync(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if b[i] == 0xFF && i+1 < len(b) && b[i+1] == 0x00 {
			i++
		}
	}
	return out
}

// readID3v2 reads the ID3v2 tag at off, and any tags that directly follow
// it (some tools prepend a second tag rather than rewrite the first).
func readID3v2(s src, off int64) (*id3Tag, error) {
	var tag *id3Tag
	budget := &id3Budget{frames: id3MaxFrames, bytes: id3MaxRead}
	for range 8 {
		hdr, err := s.readUpTo(off, 10)
		if err != nil {
			return nil, err
		}
		if len(hdr) < 10 || string(hdr[:3]) != "ID3" {
			break
		}
		t, err := readOneID3v2(s, off, hdr, budget)
		if err != nil {
			return nil, err
		}
		if tag == nil {
			tag = t
		} else {
			tag.totalSize = t.totalSize
			if tag.title == "" {
				tag.title = t.title
			}
			if tag.artist == "" {
				tag.artist = t.artist
			}
			tag.artwork = tag.artwork || t.artwork
			if len(tag.chapters) == 0 {
				tag.chapters = t.chapters
			}
		}
		off = t.totalSize
	}
	if tag == nil {
		return nil, corrupt("no ID3v2 tag at offset %d", off)
	}
	return tag, nil
}

// parseID3Header reads hdr, the 10-byte header of the ID3v2 tag at off in s:
// the version, the flags, the size of the tag's body and the offset just
// past the tag (its footer included). A malformed header, or a tag that
// runs past the end of s, is an error.
func parseID3Header(s src, off int64, hdr []byte) (major, flags byte, size uint32, total int64, err error) {
	major, flags = hdr[3], hdr[5]
	size, ok := synchsafe(hdr[6:10])
	if !ok || major < 2 || major > 4 || hdr[4] == 0xFF {
		return 0, 0, 0, 0, corrupt("ID3v2 header at offset %d is malformed", off)
	}
	total = off + 10 + int64(size)
	if major == 4 && flags&0x10 != 0 {
		total += 10 // footer
	}
	if total > s.size {
		return 0, 0, 0, 0, corrupt("ID3v2 tag at offset %d claims %d bytes, past the end of the %d-byte file", off, size, s.size)
	}
	return major, flags, size, total, nil
}

// id3FramesStart returns where the frames begin in a tag body of size
// bytes (unsynchronisation already undone) that read reads: past the
// extended header when the flags say there is one, which ID3v2.3 sizes
// without its size field and ID3v2.4 with it, synchsafe.
func id3FramesStart(major, flags byte, size int64, read func(pos int64, n int) ([]byte, error)) (int64, error) {
	if flags&0x40 == 0 || major < 3 {
		return 0, nil
	}
	eh, err := read(0, 4)
	if err != nil {
		return 0, err
	}
	var pos int64
	if major == 3 {
		pos = 4 + int64(binary.BigEndian.Uint32(eh))
	} else {
		n, ok := synchsafe(eh)
		if !ok {
			return 0, corrupt("ID3v2 extended header size is not synchsafe")
		}
		pos = int64(n)
	}
	if pos > size {
		return 0, corrupt("ID3v2 extended header of %d bytes is larger than the tag", pos)
	}
	return pos, nil
}

func readOneID3v2(s src, off int64, hdr []byte, budget *id3Budget) (*id3Tag, error) {
	major, flags, size, total, err := parseID3Header(s, off, hdr)
	if err != nil {
		return nil, err
	}
	t := &id3Tag{major: major, totalSize: total}
	var body src
	if flags&0x80 != 0 && major < 4 {
		// Whole-tag unsynchronisation: read and undo it in memory.
		if int64(size) > budget.bytes {
			return t, nil // too big to undo: keep the offset, drop the tags
		}
		raw, err := s.read(off+10, int(size))
		if err != nil {
			return t, nil
		}
		budget.bytes -= int64(size)
		b := removeUnsync(raw)
		body = src{r: bytes.NewReader(b), size: int64(len(b))}
	} else {
		body = src{r: io.NewSectionReader(s.r, off+10, int64(size)), size: int64(size)}
	}
	pos, err := id3FramesStart(major, flags, body.size, body.read)
	if err != nil {
		return nil, err
	}
	var chaps []id3Chap
	var tocs []id3TOC
	err = walkID3Frames(body, pos, major, budget, func(id string, data []byte, size int64) {
		switch id {
		case "TIT2", "TT2":
			if t.title == "" {
				t.title = id3Text(data)
			}
		case "TPE1", "TP1":
			if t.artist == "" {
				t.artist = id3Text(data)
			}
		case "APIC", "PIC":
			t.artwork = true
		case "CHAP":
			if c, ok := parseCHAP(data, major); ok {
				chaps = append(chaps, c)
			}
		case "CTOC":
			if c, ok := parseCTOC(data); ok {
				tocs = append(tocs, c)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	t.chapters = orderChapters(chaps, tocs)
	return t, nil
}

// wanted reports whether a frame's body is read into memory.
func wantedFrame(id string) bool {
	switch id {
	case "TIT2", "TT2", "TPE1", "TP1", "CHAP", "CTOC", "WXXX":
		return true
	}
	return false
}

// walkID3Frames calls fn for each frame in body from pos on. Bodies of
// frames that wantedFrame names are passed in data (already decoded from
// per-frame unsynchronisation); other frames get nil data. A budget, when
// not nil, bounds the frames visited and the bytes read: past it the walk
// stops, or a wanted frame is passed without its data.
func walkID3Frames(body src, pos int64, major byte, budget *id3Budget, fn func(id string, data []byte, size int64)) error {
	hlen := int64(10)
	if major == 2 {
		hlen = 6
	}
	var hb [10]byte
	for pos+hlen <= body.size {
		if budget != nil {
			if budget.frames <= 0 {
				return nil
			}
			budget.frames--
		}
		h := hb[:hlen]
		if err := body.readInto(h, pos); err != nil {
			return err
		}
		if h[0] == 0 {
			return nil // padding
		}
		var id string
		var size int64
		var fflags byte
		switch major {
		case 2:
			id = string(h[:3])
			size = int64(h[3])<<16 | int64(h[4])<<8 | int64(h[5])
		case 3:
			id = string(h[:4])
			size = int64(binary.BigEndian.Uint32(h[4:8]))
			// Map v2.3 format flags onto the v2.4 bits used below.
			f := h[9]
			if f&0x80 != 0 {
				fflags |= 0x08
			}
			if f&0x40 != 0 {
				fflags |= 0x04
			}
			if f&0x20 != 0 {
				fflags |= 0x40
			}
		default:
			id = string(h[:4])
			n, ok := synchsafe(h[4:8])
			if !ok {
				n = binary.BigEndian.Uint32(h[4:8])
			}
			size = int64(n)
			fflags = h[9]
		}
		if !validFrameID(id) {
			return nil // junk after the frames: treat as padding
		}
		if size > body.size-pos-hlen {
			return corrupt("ID3v2 frame %q at tag offset %d claims %d bytes, more than the tag holds", id, pos, size)
		}
		start, n := pos+hlen, size
		pos += hlen + size
		if fflags&0x0C != 0 { // compressed or encrypted: skip
			if id == "APIC" || id == "PIC" {
				fn(id, nil, size)
			}
			continue
		}
		if fflags&0x40 != 0 && n > 0 { // grouping identity byte
			start, n = start+1, n-1
		}
		if major == 4 && fflags&0x01 != 0 && n >= 4 { // data length indicator
			start, n = start+4, n-4
		}
		if !wantedFrame(id) || n > maxFrameRead || budget != nil && n > budget.bytes {
			fn(id, nil, size)
			continue
		}
		if budget != nil {
			budget.bytes -= n
		}
		data, err := body.read(start, int(n))
		if err != nil {
			return err
		}
		if major == 4 && fflags&0x02 != 0 {
			data = removeUnsync(data)
		}
		fn(id, data, size)
	}
	return nil
}

func validFrameID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// id3Text decodes the first value of a text frame.
func id3Text(data []byte) string {
	if len(data) < 1 {
		return ""
	}
	s, _ := id3String(data[0], data[1:])
	return strings.TrimSpace(s)
}

// id3String decodes a string in encoding enc up to its terminator and
// returns it with the rest of b after the terminator.
func id3String(enc byte, b []byte) (string, []byte) {
	switch enc {
	case 1, 2: // UTF-16 with BOM, UTF-16BE
		end := len(b) &^ 1
		rest := b[end:]
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] == 0 && b[i+1] == 0 {
				end, rest = i, b[i+2:]
				break
			}
		}
		u := b[:end]
		big := true
		if enc == 1 && len(u) >= 2 {
			switch {
			case u[0] == 0xFF && u[1] == 0xFE:
				big, u = false, u[2:]
			case u[0] == 0xFE && u[1] == 0xFF:
				u = u[2:]
			}
		}
		units := make([]uint16, len(u)/2)
		for i := range units {
			if big {
				units[i] = binary.BigEndian.Uint16(u[2*i:])
			} else {
				units[i] = binary.LittleEndian.Uint16(u[2*i:])
			}
		}
		return string(utf16.Decode(units)), rest
	default:
		end, rest := len(b), b[len(b):]
		if i := bytes.IndexByte(b, 0); i >= 0 {
			end, rest = i, b[i+1:]
		}
		if enc == 3 {
			return strings.ToValidUTF8(string(b[:end]), "\uFFFD"), rest
		}
		return latin1(b[:end]), rest
	}
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

type id3Chap struct {
	id string
	ch Chapter
}

type id3TOC struct {
	id       string
	topLevel bool
	children []string
}

// parseCHAP decodes a CHAP frame body (ID3v2 Chapter Frame Addendum).
func parseCHAP(data []byte, major byte) (id3Chap, bool) {
	i := bytes.IndexByte(data, 0)
	if i < 0 || len(data) < i+1+16 {
		return id3Chap{}, false
	}
	c := id3Chap{id: string(data[:i])}
	p := data[i+1:]
	start, end := binary.BigEndian.Uint32(p[0:4]), binary.BigEndian.Uint32(p[4:8])
	c.ch.Start = time.Duration(start) * time.Millisecond
	if end != 0xFFFFFFFF {
		c.ch.End = time.Duration(end) * time.Millisecond
	}
	sub := p[16:]
	_ = walkID3Frames(src{r: bytes.NewReader(sub), size: int64(len(sub))}, 0, major, nil, func(id string, d []byte, _ int64) {
		switch id {
		case "TIT2":
			if c.ch.Title == "" {
				c.ch.Title = id3Text(d)
			}
		case "WXXX":
			if len(d) > 1 && c.ch.URL == "" {
				_, rest := id3String(d[0], d[1:])
				u, _ := id3String(0, rest)
				c.ch.URL = strings.TrimSpace(u)
			}
		}
	})
	return c, true
}

// parseCTOC decodes a CTOC frame body; its sub-frames are ignored.
func parseCTOC(data []byte) (id3TOC, bool) {
	i := bytes.IndexByte(data, 0)
	if i < 0 || len(data) < i+3 {
		return id3TOC{}, false
	}
	t := id3TOC{id: string(data[:i]), topLevel: data[i+1]&0x02 != 0}
	n := int(data[i+2])
	p := data[i+3:]
	for range n {
		j := bytes.IndexByte(p, 0)
		if j < 0 {
			if len(p) > 0 {
				t.children = append(t.children, string(p))
			}
			break
		}
		t.children = append(t.children, string(p[:j]))
		p = p[j+1:]
	}
	return t, true
}

// orderChapters keeps the chapters a top-level table of contents reaches
// (all of them when there is none).
func orderChapters(chaps []id3Chap, tocs []id3TOC) []Chapter {
	if len(chaps) == 0 {
		return nil
	}
	byID := make(map[string]Chapter, len(chaps))
	for _, c := range chaps {
		byID[c.id] = c.ch
	}
	tocByID := make(map[string]id3TOC, len(tocs))
	var top *id3TOC
	for i, t := range tocs {
		tocByID[t.id] = t
		if t.topLevel && top == nil {
			top = &tocs[i]
		}
	}
	if top == nil {
		out := make([]Chapter, 0, len(chaps))
		for _, c := range chaps {
			out = append(out, c.ch)
		}
		return out
	}
	var out []Chapter
	seen := map[string]bool{top.id: true}
	var visit func(t id3TOC, depth int)
	visit = func(t id3TOC, depth int) {
		for _, id := range t.children {
			if seen[id] {
				continue
			}
			seen[id] = true
			if c, ok := byID[id]; ok {
				out = append(out, c)
			} else if sub, ok := tocByID[id]; ok && depth < 8 {
				visit(sub, depth+1)
			}
		}
	}
	visit(*top, 0)
	if len(out) == 0 { // a table of contents that names nothing we have
		for _, c := range chaps {
			out = append(out, c.ch)
		}
	}
	return out
}

// readID3v1 reads the title and artist of an ID3v1 tag in the last 128
// bytes of the file, if there is one.
func readID3v1(s src) (title, artist string, ok bool) {
	if s.size < 128 {
		return "", "", false
	}
	b, err := s.read(s.size-128, 128)
	if err != nil || string(b[:3]) != "TAG" {
		return "", "", false
	}
	clean := func(f []byte) string {
		if i := bytes.IndexByte(f, 0); i >= 0 {
			f = f[:i]
		}
		return strings.TrimSpace(latin1(f))
	}
	return clean(b[3:33]), clean(b[33:63]), true
}
