package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"time"
	"unicode/utf8"
)

// This file writes chapters into MP4/M4A/M4B/MOV files in the two forms
// players read: a Nero chapter list (moov/udta/chpl) and a QuickTime
// chapter track (a disabled text track that the audio track names in
// tref/chap). Only the moov box changes; the samples stay where they are
// in the file, and every chunk offset (stco/co64) that points past the
// moov is moved by the moov's change in size. The chapter track's own
// samples go in a small mdat box of their own, beside the moov.

// maxMoov bounds the moov box held in memory.
const maxMoov = 128 << 20

// mbox is a box of the moov tree held in memory. Containers that the
// writer changes are split into children; every other box is kept as its
// body bytes.
type mbox struct {
	typ  string
	body []byte  // a leaf's body
	kids []*mbox // a container's children
	leaf bool
}

// mp4Containers are the boxes the writer descends into.
func isMP4Container(typ string) bool {
	switch typ {
	case "moov", "trak", "mdia", "minf", "stbl", "udta", "tref", "edts", "dinf":
		return true
	}
	return false
}

// parseMBoxes splits b into boxes, descending into containers.
func parseMBoxes(b []byte, depth int) ([]*mbox, error) {
	var out []*mbox
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, corrupt("%d stray bytes at the end of a box", len(b))
		}
		size := uint64(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		hdr := uint64(8)
		switch size {
		case 0:
			size = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return nil, corrupt("box %q has a cut-off 64-bit size", typ)
			}
			size, hdr = binary.BigEndian.Uint64(b[8:16]), 16
		}
		if size < hdr || size > uint64(len(b)) {
			return nil, corrupt("box %q claims %d bytes but its container leaves %d", typ, size, len(b))
		}
		m := &mbox{typ: typ}
		body := b[hdr:size]
		// A udta holding something other than boxes (old QuickTime files
		// end it with a 32-bit zero) is kept whole.
		if isMP4Container(typ) && depth < 16 {
			kids, err := parseMBoxes(body, depth+1)
			if err != nil && typ != "udta" {
				return nil, err
			}
			if err == nil {
				m.kids = kids
			} else {
				m.body, m.leaf = body, true
			}
		} else {
			m.body, m.leaf = body, true
		}
		out = append(out, m)
		b = b[size:]
		if len(out) > maxBoxes {
			return nil, corrupt("more than %d boxes in one container", maxBoxes)
		}
	}
	return out, nil
}

func (m *mbox) size() int64 {
	n := int64(8)
	if m.leaf {
		n += int64(len(m.body))
	} else {
		for _, k := range m.kids {
			n += k.size()
		}
	}
	if n > math.MaxUint32 {
		n += 8
	}
	return n
}

func (m *mbox) appendTo(b []byte) []byte {
	n := m.size()
	if n > math.MaxUint32 {
		b = binary.BigEndian.AppendUint32(b, 1)
		b = append(b, m.typ...)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	} else {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
		b = append(b, m.typ...)
	}
	if m.leaf {
		return append(b, m.body...)
	}
	for _, k := range m.kids {
		b = k.appendTo(b)
	}
	return b
}

func (m *mbox) child(typ string) *mbox {
	for _, k := range m.kids {
		if k.typ == typ {
			return k
		}
	}
	return nil
}

// path follows a chain of child types.
func (m *mbox) path(types ...string) *mbox {
	for _, t := range types {
		if m == nil {
			return nil
		}
		m = m.child(t)
	}
	return m
}

func (m *mbox) remove(drop func(*mbox) bool) {
	kids := m.kids[:0]
	for _, k := range m.kids {
		if !drop(k) {
			kids = append(kids, k)
		}
	}
	m.kids = kids
}

func leafBox(typ string, body []byte) *mbox { return &mbox{typ: typ, body: body, leaf: true} }
func containerBox(typ string, kids ...*mbox) *mbox {
	return &mbox{typ: typ, kids: kids}
}

// trakInfo is what the writer needs to know about a trak.
type trakInfo struct {
	box     *mbox
	id      uint32
	enabled bool
	handler string
	chaps   []uint32
}

func readTrak(t *mbox) trakInfo {
	ti := trakInfo{box: t}
	if h := t.child("tkhd"); h != nil && h.leaf && len(h.body) >= 4 {
		ti.enabled = h.body[3]&1 != 0
		switch {
		case h.body[0] == 1 && len(h.body) >= 24:
			ti.id = binary.BigEndian.Uint32(h.body[20:24])
		case len(h.body) >= 16:
			ti.id = binary.BigEndian.Uint32(h.body[12:16])
		}
	}
	if h := t.path("mdia", "hdlr"); h != nil && h.leaf && len(h.body) >= 12 {
		ti.handler = string(h.body[8:12])
	}
	if c := t.path("tref", "chap"); c != nil && c.leaf {
		for i := 0; i+4 <= len(c.body); i += 4 {
			ti.chaps = append(ti.chaps, binary.BigEndian.Uint32(c.body[i:]))
		}
	}
	return ti
}

// chunkTable is a track's stco or co64 box.
type chunkTable struct{ box *mbox }

func (c chunkTable) width() int {
	if c.box.typ == "co64" {
		return 8
	}
	return 4
}

// len returns the number of offsets, checked against the box's size.
func (c chunkTable) len() (int, error) {
	if !c.box.leaf || len(c.box.body) < 8 {
		return 0, corrupt("%s box is too short", c.box.typ)
	}
	n := int(binary.BigEndian.Uint32(c.box.body[4:8]))
	if n > (len(c.box.body)-8)/c.width() {
		return 0, corrupt("%s claims %d chunk offsets but holds %d", c.box.typ, n, (len(c.box.body)-8)/c.width())
	}
	return n, nil
}

func (c chunkTable) get(i int) uint64 {
	if c.width() == 8 {
		return binary.BigEndian.Uint64(c.box.body[8+8*i:])
	}
	return uint64(binary.BigEndian.Uint32(c.box.body[8+4*i:]))
}

func (c chunkTable) set(i int, v uint64) {
	if c.width() == 8 {
		binary.BigEndian.PutUint64(c.box.body[8+8*i:], v)
	} else {
		binary.BigEndian.PutUint32(c.box.body[8+4*i:], uint32(v))
	}
}

// widen turns an stco box into a co64 box.
func (c chunkTable) widen(n int) {
	wide := append([]byte(nil), c.box.body[:8]...)
	for i := range n {
		wide = binary.BigEndian.AppendUint64(wide, c.get(i))
	}
	c.box.typ, c.box.body = "co64", wide
}

// chunkTables returns the stco/co64 boxes of a trak.
func chunkTables(trak *mbox) ([]chunkTable, error) {
	st := trak.path("mdia", "minf", "stbl")
	if st == nil || st.leaf {
		return nil, nil
	}
	if st.child("saio") != nil {
		return nil, fmt.Errorf("%w: sample auxiliary offsets (saio, encrypted media) would need moving", ErrNotEmbeddable)
	}
	var out []chunkTable
	for _, c := range st.kids {
		if c.typ == "stco" || c.typ == "co64" {
			t := chunkTable{c}
			if _, err := t.len(); err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// outRun is a run of source bytes copied to the output.
type outRun struct{ old, n, new int64 }

// planMP4 plans an MP4 file with a new chpl and QuickTime chapter track.
func (p *Plan) planMP4(s src, chs []Chapter, opt EmbedOptions, dur time.Duration) error {
	if len(chs) > 255 {
		c := chs[255]
		return &ChapterError{Index: 255, Title: c.Title, Start: c.Start, Msg: "a Nero chapter list (chpl) holds at most 255 chapters"}
	}
	var top []box
	var moov *box
	err := walkBoxes(s, 0, s.size, func(b box) (bool, error) {
		switch b.typ {
		case "moov":
			if moov != nil {
				return false, corrupt("two moov boxes, at offsets %d and %d", moov.off, b.off)
			}
			moov = &b
		case "moof", "mfra", "sidx":
			return false, fmt.Errorf("%w: a fragmented MP4 (%s box at offset %d): embedding chapters needs an unfragmented file", ErrNotEmbeddable, b.typ, b.off)
		}
		top = append(top, b)
		return true, nil
	})
	if err != nil {
		return err
	}
	if moov == nil {
		return corrupt("mp4 file has no moov box")
	}
	if moov.bodyLen() > maxMoov {
		return corrupt("moov box of %d bytes is larger than the %d this writer holds in memory", moov.bodyLen(), maxMoov)
	}
	body, err := readFull(s, moov.body(), moov.bodyLen())
	if err != nil {
		return err
	}
	kids, err := parseMBoxes(body, 1)
	if err != nil {
		return err
	}
	root := containerBox("moov", kids...)
	mvhd := root.child("mvhd")
	if mvhd == nil || !mvhd.leaf || len(mvhd.body) < 100 {
		return corrupt("mp4 file has no complete mvhd box")
	}
	mvTS, _, ok := fullBoxTimes(mvhd.body)
	if !ok || mvTS == 0 {
		return corrupt("mvhd box declares a timescale of 0")
	}

	p.Result.Layout = "a Nero chapter list (chpl) and a QuickTime chapter track"
	// Drop the chapter tracks the file already has (text tracks and
	// disabled picture tracks that a chap reference names), and the
	// references to them.
	var traks []trakInfo
	for _, k := range root.kids {
		if k.typ == "trak" && !k.leaf {
			traks = append(traks, readTrak(k))
		}
	}
	chapIDs := map[uint32]bool{}
	for _, t := range traks {
		for _, id := range t.chaps {
			chapIDs[id] = true
		}
	}
	dropped := map[*mbox]bool{}
	var droppedOffsets []uint64
	var maxID uint32
	for _, t := range traks {
		if chapIDs[t.id] && (t.handler == "text" || t.handler == "sbtl" || (t.handler == "vide" && !t.enabled)) {
			dropped[t.box] = true
			tables, err := chunkTables(t.box)
			if err != nil {
				return err
			}
			for _, c := range tables {
				n, _ := c.len()
				for i := range n {
					droppedOffsets = append(droppedOffsets, c.get(i))
				}
			}
			continue
		}
		maxID = max(maxID, t.id)
	}
	root.remove(func(k *mbox) bool { return dropped[k] })
	for _, t := range traks {
		if tref := t.box.child("tref"); tref != nil && !tref.leaf {
			tref.remove(func(k *mbox) bool { return k.typ == "chap" })
			if len(tref.kids) == 0 {
				t.box.remove(func(k *mbox) bool { return k == tref })
			}
		}
	}
	// The chunk offsets of the tracks that stay.
	var tables []chunkTable
	for _, t := range traks {
		if dropped[t.box] {
			continue
		}
		ts, err := chunkTables(t.box)
		if err != nil {
			return err
		}
		tables = append(tables, ts...)
	}
	// An mdat that only the dropped chapter tracks used (one this writer
	// made earlier) goes too, so that embedding again gives the same file.
	droppedBox := map[int64]bool{}
	for _, b := range top {
		if b.typ != "mdat" || b.bodyLen() > 1<<20 {
			continue
		}
		in := func(v uint64) bool { return v >= uint64(b.body()) && v < uint64(b.end()) }
		used, other := false, false
		for _, v := range droppedOffsets {
			used = used || in(v)
		}
		for _, c := range tables {
			n, _ := c.len()
			for i := range n {
				other = other || in(c.get(i))
			}
		}
		if used && !other {
			droppedBox[b.off] = true
		}
	}

	// The tracks that point at the new chapter track: enabled sound and
	// video tracks, else the first sound track.
	var mains []*mbox
	for _, t := range traks {
		if !dropped[t.box] && t.enabled && (t.handler == "soun" || t.handler == "vide") {
			mains = append(mains, t.box)
		}
	}
	if len(mains) == 0 {
		for _, t := range traks {
			if !dropped[t.box] && t.handler == "soun" {
				mains = append(mains, t.box)
				break
			}
		}
	}
	if len(mains) == 0 && len(chs) > 0 {
		return corrupt("mp4 file has no sound track to attach chapters to")
	}

	// Nero chapters in moov/udta.
	udta := root.child("udta")
	if udta != nil && udta.leaf {
		// Not made of boxes: leave it, put the chapters in a new udta.
		udta = nil
	}
	if udta != nil {
		udta.remove(func(k *mbox) bool { return k.typ == "chpl" })
	}
	if len(chs) > 0 {
		if udta == nil {
			udta = containerBox("udta")
			root.kids = append(root.kids, udta)
		}
		chpl, notes := chplBox(chs)
		p.Result.Notes = append(p.Result.Notes, notes...)
		udta.kids = append(udta.kids, chpl)
		if chs[0].Start > 0 {
			p.Result.Notes = append(p.Result.Notes, fmt.Sprintf("the first chapter starts at %s: a QuickTime chapter track has nothing before its first chapter, so players that read it show that chapter from 00:00:00 (the Nero list keeps %s); add a chapter at 0 to avoid this", clockString(chs[0].Start), clockString(chs[0].Start)))
		}
	}
	for _, pic := range opt.Pictures {
		if pic != nil {
			p.Result.Notes = append(p.Result.Notes, "chapter pictures are written into MP3 (ID3) files only; left out of this MP4")
			break
		}
	}

	// The chapter track and its samples.
	var samples []byte
	var chapStco *mbox
	if len(chs) > 0 {
		// The lowest free track ID (so that embedding again picks the same
		// one); next_track_ID stays above every ID in use.
		if maxID == math.MaxUint32 {
			return corrupt("mp4 track IDs are used up")
		}
		id := maxID + 1
		next := binary.BigEndian.Uint32(mvhd.body[len(mvhd.body)-4:])
		binary.BigEndian.PutUint32(mvhd.body[len(mvhd.body)-4:], max(next, id+1))
		wide := s.size+int64(len(body))+1<<20 > math.MaxUint32
		var trak *mbox
		trak, chapStco, samples = chapterTrack(id, chs, dur, mvTS, wide)
		at := len(root.kids)
		for i, k := range root.kids {
			if k.typ == "trak" {
				at = i + 1
			}
		}
		root.kids = append(root.kids[:at], append([]*mbox{trak}, root.kids[at:]...)...)
		for _, m := range mains {
			tref := m.child("tref")
			if tref == nil || tref.leaf {
				m.remove(func(k *mbox) bool { return k.typ == "tref" })
				tref = containerBox("tref")
				// tref goes before mdia, after tkhd and edts.
				at := len(m.kids)
				for i, k := range m.kids {
					if k.typ == "mdia" {
						at = i
						break
					}
				}
				m.kids = append(m.kids[:at], append([]*mbox{tref}, m.kids[at:]...)...)
			}
			tref.kids = append(tref.kids, leafBox("chap", binary.BigEndian.AppendUint32(nil, id)))
		}
	}
	var mdat []byte
	if len(samples) > 0 {
		mdat = binary.BigEndian.AppendUint32(nil, uint32(8+len(samples)))
		mdat = append(append(mdat, "mdat"...), samples...)
	}

	// The chapter samples go after the moov when it comes before the
	// media (a "fast start" file stays one), else before it.
	moovFirst := true
	for _, b := range top {
		if b.typ == "mdat" && !droppedBox[b.off] && b.off < moov.off {
			moovFirst = false
		}
	}
	// Lay out the output for a moov of moovSize bytes: the source boxes
	// that stay keep their order; the chunk offsets follow them.
	var segs []outRun
	var sampleOff, outSize int64
	layout := func(moovSize int64) {
		segs = segs[:0]
		pos := int64(0)
		for _, b := range top {
			switch {
			case b.off == moov.off:
				if !moovFirst {
					sampleOff = pos + 8
					pos += int64(len(mdat))
				}
				pos += moovSize
				if moovFirst {
					sampleOff = pos + 8
					pos += int64(len(mdat))
				}
			case droppedBox[b.off]:
			default:
				segs = append(segs, outRun{old: b.off, n: b.size, new: pos})
				pos += b.size
			}
		}
		end := moov.off
		if len(top) > 0 {
			end = top[len(top)-1].end()
		}
		if end < s.size { // bytes too few to be a box, at the very end
			segs = append(segs, outRun{old: end, n: s.size - end, new: pos})
			pos += s.size - end
		}
		outSize = pos
	}
	mapOff := func(v uint64) (uint64, bool) {
		for _, sg := range segs {
			if v >= uint64(sg.old) && v < uint64(sg.old+sg.n) {
				return uint64(sg.new) + v - uint64(sg.old), true
			}
		}
		if v == uint64(s.size) {
			return uint64(outSize), true
		}
		return 0, false
	}
	// Widen stco boxes whose offsets no longer fit in 32 bits; that grows
	// the moov, so lay out again until nothing changes.
	for range 8 {
		layout(root.size())
		widened := false
		for _, c := range tables {
			if c.box.typ != "stco" {
				continue
			}
			n, _ := c.len()
			for i := range n {
				if v, ok := mapOff(c.get(i)); ok && v > math.MaxUint32 {
					c.widen(n)
					widened = true
					break
				}
			}
		}
		if !widened {
			break
		}
	}
	for _, c := range tables {
		n, _ := c.len()
		for i := range n {
			v := c.get(i)
			nv, ok := mapOff(v)
			if !ok {
				return corrupt("a chunk offset (%d) points outside the media data of the %d-byte file", v, s.size)
			}
			c.set(i, nv)
		}
	}
	if chapStco != nil {
		t := chunkTable{chapStco}
		if t.width() == 4 && sampleOff > math.MaxUint32 {
			return fmt.Errorf("chapter samples at offset %d do not fit a 32-bit chunk offset", sampleOff)
		}
		t.set(0, uint64(sampleOff))
	}
	newMoov := root.appendTo(make([]byte, 0, root.size()))
	for _, b := range top {
		switch {
		case b.off == moov.off:
			if moovFirst {
				p.add(newMoov)
				p.add(mdat)
			} else {
				p.add(mdat)
				p.add(newMoov)
			}
		case droppedBox[b.off]:
		default:
			p.copySrc(b.off, b.size)
		}
	}
	if last := top[len(top)-1].end(); last < s.size {
		p.copySrc(last, s.size-last)
	}
	return nil
}

// cutUTF8 cuts s to at most n bytes, at a character boundary, and says
// whether it cut.
func cutUTF8(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// chplBox builds a Nero chapter list: version 1, four reserved bytes, a
// one-byte count, then each start in 100 ns units and a title of at most
// 255 bytes.
func chplBox(chs []Chapter) (*mbox, []string) {
	var notes []string
	b := []byte{1, 0, 0, 0, 0, 0, 0, 0, byte(len(chs))}
	for i, c := range chs {
		b = binary.BigEndian.AppendUint64(b, uint64(c.Start/100))
		t, cut := cutUTF8(c.Title, 255)
		if cut {
			notes = append(notes, fmt.Sprintf("chapter %d's title is cut to 255 bytes in the Nero chapter list", i+1))
		}
		b = append(b, byte(len(t)))
		b = append(b, t...)
	}
	return leafBox("chpl", b), notes
}

// chapterTrack builds a QuickTime chapter track: a disabled text track
// whose samples are the chapter titles (a 16-bit length, UTF-8 text, an
// encd box naming UTF-8 and an href box for a link), timed in
// milliseconds. It returns the trak, its chunk offset box (to be filled
// in) and the samples, which go in one chunk.
func chapterTrack(id uint32, chs []Chapter, dur time.Duration, mvTS uint32, wide bool) (*mbox, *mbox, []byte) {
	var samples []byte
	var sizes []uint32
	var deltas []uint32
	for i, c := range chs {
		// A chapter track has no time before its first sample: like
		// ffmpeg, start the first chapter at 0 (the Nero list keeps its
		// real start).
		start := c.Start.Milliseconds()
		if i == 0 {
			start = 0
		}
		end := dur.Milliseconds()
		if i+1 < len(chs) {
			end = chs[i+1].Start.Milliseconds()
		} else if c.End > c.Start && (dur <= 0 || c.End < dur) {
			end = c.End.Milliseconds()
		}
		if end <= start {
			end = start + 1
		}
		title, _ := cutUTF8(c.Title, 0xFFFF)
		s := binary.BigEndian.AppendUint16(nil, uint16(len(title)))
		s = append(s, title...)
		s = append(s, 0, 0, 0, 12, 'e', 'n', 'c', 'd', 0, 0, 1, 0)
		if c.URL != "" && len(c.URL) <= 255 && len(title) <= 0xFFFF {
			h := []byte{0, 0}
			h = binary.BigEndian.AppendUint16(h, uint16(utf8.RuneCountInString(title)))
			h = append(h, byte(len(c.URL)))
			h = append(h, c.URL...)
			h = append(h, 0) // no alternate text
			s = binary.BigEndian.AppendUint32(s, uint32(8+len(h)))
			s = append(append(s, "href"...), h...)
		}
		samples = append(samples, s...)
		sizes = append(sizes, uint32(len(s)))
		deltas = append(deltas, uint32(min(end-start, math.MaxUint32)))
	}
	var mediaDur uint64
	for _, d := range deltas {
		mediaDur += uint64(d)
	}
	totalMS := mediaDur
	movieDur := func(ms uint64) uint64 { return (ms*uint64(mvTS) + 500) / 1000 }

	// tkhd: in the movie but not enabled (flags 2, as ffmpeg writes it),
	// identity matrix, no size.
	var tkhd []byte
	if movieDur(totalMS) > math.MaxUint32 {
		tkhd = []byte{1, 0, 0, 2}
		tkhd = append(tkhd, make([]byte, 16)...) // creation, modification
		tkhd = binary.BigEndian.AppendUint32(tkhd, id)
		tkhd = append(tkhd, 0, 0, 0, 0)
		tkhd = binary.BigEndian.AppendUint64(tkhd, movieDur(totalMS))
	} else {
		tkhd = []byte{0, 0, 0, 2}
		tkhd = append(tkhd, make([]byte, 8)...)
		tkhd = binary.BigEndian.AppendUint32(tkhd, id)
		tkhd = append(tkhd, 0, 0, 0, 0)
		tkhd = binary.BigEndian.AppendUint32(tkhd, uint32(movieDur(totalMS)))
	}
	tkhd = append(tkhd, make([]byte, 8)...)     // reserved
	tkhd = append(tkhd, 0, 0, 0, 0, 0, 0, 0, 0) // layer, alternate group, volume, reserved
	tkhd = append(tkhd, identityMatrix()...)
	tkhd = append(tkhd, make([]byte, 8)...) // width, height

	mdhd := []byte{0, 0, 0, 0}
	if totalMS > math.MaxUint32 {
		mdhd = []byte{1, 0, 0, 0}
		mdhd = append(mdhd, make([]byte, 16)...)
		mdhd = binary.BigEndian.AppendUint32(mdhd, 1000)
		mdhd = binary.BigEndian.AppendUint64(mdhd, totalMS)
	} else {
		mdhd = append(mdhd, make([]byte, 8)...)
		mdhd = binary.BigEndian.AppendUint32(mdhd, 1000)
		mdhd = binary.BigEndian.AppendUint32(mdhd, uint32(totalMS))
	}
	mdhd = append(mdhd, 0x55, 0xC4, 0, 0) // language "und"

	hdlr := []byte{0, 0, 0, 0, 0, 0, 0, 0, 't', 'e', 'x', 't'}
	hdlr = append(hdlr, make([]byte, 12)...)
	hdlr = append(hdlr, 0) // empty name

	// The QuickTime text sample description: display flags, justification,
	// colours, text box and font, as QuickTime needs to show the track.
	text := make([]byte, 6)
	text = append(text, 0, 1)       // data reference index
	text = append(text, 0, 0, 0, 0) // display flags
	text = append(text, 0, 0, 0, 1) // justification
	text = append(text, make([]byte, 6+8+8+2+2+1+2+6)...)
	stsd := []byte{0, 0, 0, 0, 0, 0, 0, 1}
	stsd = append(stsd, leafBox("text", text).appendTo(nil)...)

	stts := []byte{0, 0, 0, 0, 0, 0, 0, 0}
	runs := 0
	for i := 0; i < len(deltas); {
		j := i
		for j < len(deltas) && deltas[j] == deltas[i] {
			j++
		}
		stts = binary.BigEndian.AppendUint32(stts, uint32(j-i))
		stts = binary.BigEndian.AppendUint32(stts, deltas[i])
		runs++
		i = j
	}
	binary.BigEndian.PutUint32(stts[4:], uint32(runs))

	stsc := []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1}
	stsc = binary.BigEndian.AppendUint32(stsc, uint32(len(chs)))
	stsc = binary.BigEndian.AppendUint32(stsc, 1)

	stsz := []byte{0, 0, 0, 0, 0, 0, 0, 0}
	stsz = binary.BigEndian.AppendUint32(stsz, uint32(len(sizes)))
	for _, n := range sizes {
		stsz = binary.BigEndian.AppendUint32(stsz, n)
	}

	var stco *mbox
	if wide {
		stco = leafBox("co64", []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})
	} else {
		stco = leafBox("stco", []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0})
	}

	gmin := []byte{0, 0, 0, 0, 0, 0x40, 0x80, 0, 0x80, 0, 0x80, 0, 0, 0, 0, 0}
	dref := []byte{0, 0, 0, 0, 0, 0, 0, 1}
	dref = append(dref, leafBox("url ", []byte{0, 0, 0, 1}).appendTo(nil)...)

	kids := []*mbox{leafBox("tkhd", tkhd)}
	kids = append(kids, containerBox("mdia",
		leafBox("mdhd", mdhd),
		leafBox("hdlr", hdlr),
		containerBox("minf",
			containerBox("gmhd", leafBox("gmin", gmin), leafBox("text", identityMatrix())),
			containerBox("dinf", leafBox("dref", dref)),
			containerBox("stbl",
				leafBox("stsd", stsd),
				leafBox("stts", stts),
				leafBox("stsc", stsc),
				leafBox("stsz", stsz),
				stco,
			),
		),
	))
	return containerBox("trak", kids...), stco, samples
}

// identityMatrix is the unity transformation matrix of tkhd and the
// text media header.
func identityMatrix() []byte {
	var b bytes.Buffer
	for _, v := range []uint32{0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000} {
		_ = binary.Write(&b, binary.BigEndian, v)
	}
	return b.Bytes()
}
