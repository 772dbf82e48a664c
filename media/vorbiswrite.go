package media

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// This file writes Vorbis-comment chapters (the Xiph chapter extension:
// CHAPTER001=HH:MM:SS.mmm, CHAPTER001NAME, CHAPTER001URL) into Ogg Opus,
// Ogg Vorbis and FLAC files. Only the comment header changes; the audio
// packets are copied as they are.

// maxVorbisChapters is the most chapters the three-digit key holds.
const maxVorbisChapters = 999

// vorbisComment is a parsed comment header.
type vorbisComment struct {
	vendor  []byte
	entries [][]byte
}

// parseVorbisCommentStrict decodes a comment block and returns it with
// the bytes that follow the list (Vorbis' framing bit, Opus' extra data).
func parseVorbisCommentStrict(b []byte) (vorbisComment, []byte, error) {
	var vc vorbisComment
	if len(b) < 4 {
		return vc, nil, corrupt("vorbis comment block is cut short")
	}
	vl := uint64(binary.LittleEndian.Uint32(b))
	if vl > uint64(len(b)-4) {
		return vc, nil, corrupt("vorbis comment vendor string claims %d bytes, more than the block holds", vl)
	}
	vc.vendor = b[4 : 4+vl]
	b = b[4+vl:]
	if len(b) < 4 {
		return vc, nil, corrupt("vorbis comment block has no comment count")
	}
	n := uint64(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if n > uint64(len(b))/4 {
		return vc, nil, corrupt("vorbis comment block claims %d comments, more than it can hold", n)
	}
	for range n {
		if len(b) < 4 {
			return vc, nil, corrupt("vorbis comment list is cut short")
		}
		l := uint64(binary.LittleEndian.Uint32(b))
		if l > uint64(len(b)-4) {
			return vc, nil, corrupt("a vorbis comment claims %d bytes, more than the block holds", l)
		}
		vc.entries = append(vc.entries, b[4:4+l])
		b = b[4+l:]
	}
	return vc, b, nil
}

func (vc vorbisComment) appendTo(b []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(vc.vendor)))
	b = append(b, vc.vendor...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(vc.entries)))
	for _, e := range vc.entries {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e)))
		b = append(b, e...)
	}
	return b
}

// isChapterComment reports whether a comment is a chapter entry: its key
// is CHAPTER and digits, with any suffix (NAME, URL), in any case.
func isChapterComment(e []byte) bool {
	k, _, ok := strings.Cut(string(e), "=")
	if !ok || len(k) < 8 || !strings.EqualFold(k[:7], "CHAPTER") {
		return false
	}
	return k[7] >= '0' && k[7] <= '9'
}

// withChapters returns vc with its chapter entries replaced by chs.
func (vc vorbisComment) withChapters(chs []Chapter) (vorbisComment, []string, error) {
	if len(chs) > maxVorbisChapters {
		c := chs[maxVorbisChapters]
		return vc, nil, &ChapterError{Index: maxVorbisChapters, Title: c.Title, Start: c.Start, Msg: "Vorbis comments number chapters with three digits: at most 999"}
	}
	out := vorbisComment{vendor: vc.vendor}
	for _, e := range vc.entries {
		if !isChapterComment(e) {
			out.entries = append(out.entries, e)
		}
	}
	for i, c := range chs {
		key := fmt.Sprintf("CHAPTER%03d", i+1)
		out.entries = append(out.entries, []byte(key+"="+clockString(c.Start)))
		out.entries = append(out.entries, []byte(key+"NAME="+oneLineTitle(c.Title)))
		if c.URL != "" {
			out.entries = append(out.entries, []byte(key+"URL="+c.URL))
		}
	}
	var notes []string
	if len(chs) > 99 {
		notes = append(notes, fmt.Sprintf("%d chapters: AntennaPod reads only the last two digits of CHAPTERxxx, so it mixes up chapters past the 99th", len(chs)))
	}
	return out, notes, nil
}

// oneLineTitle makes a title a valid single comment value.
func oneLineTitle(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\r\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// planFLAC plans a FLAC file with a new VORBIS_COMMENT block.
func (p *Plan) planFLAC(s src, chs []Chapter, opt EmbedOptions) error {
	off := int64(0)
	if h, _ := s.readUpTo(0, 3); string(h) == "ID3" {
		_, audio, _, err := scanID3Tags(s)
		if err != nil {
			return err
		}
		off = audio
	}
	if h, err := s.read(off, 4); err != nil || string(h) != "fLaC" {
		return corrupt("no fLaC marker at offset %d", off)
	}
	type block struct {
		typ     byte
		off, n  int64 // the whole block, header included
		newBody []byte
	}
	var blocks []block
	pos := off + 4
	last := false
	for len(blocks) < 1024 && !last {
		h, err := s.read(pos, 4)
		if err != nil {
			return corrupt("flac metadata block header at offset %d: %v", pos, err)
		}
		last = h[0]&0x80 != 0
		typ := h[0] & 0x7F
		n := int64(h[1])<<16 | int64(h[2])<<8 | int64(h[3])
		if n > s.size-pos-4 {
			return corrupt("flac metadata block at offset %d claims %d bytes, past the end of the file", pos, n)
		}
		if typ == 127 {
			return corrupt("flac metadata block type 127 at offset %d is invalid", pos)
		}
		if len(blocks) == 0 && typ != 0 {
			return corrupt("flac: first metadata block is not STREAMINFO")
		}
		blocks = append(blocks, block{typ: typ, off: pos, n: 4 + n})
		pos += 4 + n
	}
	if !last {
		return corrupt("flac: more than 1024 metadata blocks")
	}
	audio := pos

	var vc vorbisComment
	at := -1
	for i, b := range blocks {
		if b.typ != 4 {
			continue
		}
		if at >= 0 {
			blocks[i].typ = 255 // a second comment block: merged into the first
			continue
		}
		body, err := readFull(s, b.off+4, b.n-4)
		if err != nil {
			return err
		}
		c, _, err := parseVorbisCommentStrict(body)
		if err != nil {
			return err
		}
		vc, at = c, i
	}
	if at < 0 {
		vc.vendor = []byte("podfeed")
		// After STREAMINFO and the other blocks that describe the
		// stream, as encoders put it.
		at = 1
		blocks = append(blocks[:1], append([]block{{typ: 4}}, blocks[1:]...)...)
	}
	nvc, notes, err := vc.withChapters(chs)
	if err != nil {
		return err
	}
	p.Result.Layout = "CHAPTERxxx Vorbis comments in the FLAC VORBIS_COMMENT block"
	p.Result.Notes = append(p.Result.Notes, notes...)
	p.Result.Notes = append(p.Result.Notes, pictureNote(opt)...)
	body := nvc.appendTo(nil)
	if len(body) >= 1<<24 {
		return fmt.Errorf("the new flac comment block would be %d bytes, more than a metadata block holds", len(body))
	}
	blocks[at].newBody = body

	p.copySrc(0, off+4)
	var kept []block
	for _, b := range blocks {
		if b.typ != 255 {
			kept = append(kept, b)
		}
	}
	for i, b := range kept {
		flag := byte(0)
		if i == len(kept)-1 {
			flag = 0x80
		}
		if b.newBody != nil {
			n := len(b.newBody)
			p.add(append([]byte{flag | 4, byte(n >> 16), byte(n >> 8), byte(n)}, b.newBody...))
			continue
		}
		h, err := s.read(b.off, 4)
		if err != nil {
			return err
		}
		p.add([]byte{flag | h[0]&0x7F, h[1], h[2], h[3]})
		p.copySrc(b.off+4, b.n-4)
	}
	p.copySrc(audio, s.size-audio)
	return nil
}

func pictureNote(opt EmbedOptions) []string {
	for _, pic := range opt.Pictures {
		if pic != nil {
			return []string{"chapter pictures are written into MP3 (ID3) files only; left out here"}
		}
	}
	return nil
}

// --- Ogg ---------------------------------------------------------------

// oggPageRef is a page of the source file.
type oggPageRef struct {
	off    int64
	hdr    oggPage
	serial uint32
	seq    uint32
}

func (r oggPageRef) end() int64 { return r.off + int64(r.hdr.hdrLen+r.hdr.bodyLen) }

// readOggPageAt parses the page header at off.
func readOggPageAt(s src, off int64) (oggPageRef, error) {
	hb, err := s.readUpTo(off, 27+255)
	if err != nil {
		return oggPageRef{}, err
	}
	h, ok := parseOggPage(hb)
	if !ok {
		return oggPageRef{}, corrupt("ogg page expected at offset %d", off)
	}
	if int64(h.hdrLen+h.bodyLen) > s.size-off {
		return oggPageRef{}, corrupt("ogg page at offset %d claims %d bytes, past the end of the file", off, h.hdrLen+h.bodyLen)
	}
	return oggPageRef{off: off, hdr: h, serial: h.serial, seq: binary.LittleEndian.Uint32(hb[18:22])}, nil
}

// planOgg plans an Ogg Opus or Vorbis file with a new comment header.
func (p *Plan) planOgg(s src, chs []Chapter, opt EmbedOptions, f Format) error {
	first, err := readOggPageAt(s, 0)
	if err != nil {
		return err
	}
	serial := first.serial
	want := 2 // Opus: identification and comments
	prefix := "OpusTags"
	if f == OggVorbis {
		want, prefix = 3, "\x03vorbis" // and the setup header
	}
	// Read pages up to the end of the last header packet of the stream.
	var pages []oggPageRef
	var packets [][]byte
	var cur []byte
	total := 0
	off := int64(0)
	for len(packets) < want {
		pg, err := readOggPageAt(s, off)
		if err != nil {
			return err
		}
		pages = append(pages, pg)
		off = pg.end()
		if pg.serial != serial {
			continue
		}
		body, err := s.read(pg.off+int64(pg.hdr.hdrLen), pg.hdr.bodyLen)
		if err != nil {
			return err
		}
		total += len(body)
		if total > maxAlloc {
			return corrupt("ogg header packets are larger than %d bytes", maxAlloc)
		}
		pos := 0
		for i, l := range pg.hdr.lacing {
			cur = append(cur, body[pos:pos+int(l)]...)
			pos += int(l)
			if l < 255 {
				packets = append(packets, cur)
				cur = nil
				if len(packets) == want && i != len(pg.hdr.lacing)-1 {
					return corrupt("audio data shares the last ogg header page at offset %d", pg.off)
				}
				if len(packets) == want {
					break
				}
			}
		}
		if len(pages) > 1024 {
			return corrupt("more than 1024 ogg pages of headers")
		}
	}
	if len(cur) != 0 {
		return corrupt("an ogg header packet is cut short")
	}
	if !strings.HasPrefix(string(packets[1]), prefix) {
		return corrupt("the second ogg packet is not a comment header")
	}
	vc, rest, err := parseVorbisCommentStrict(packets[1][len(prefix):])
	if err != nil {
		return err
	}
	nvc, notes, err := vc.withChapters(chs)
	if err != nil {
		return err
	}
	p.Result.Layout = "CHAPTERxxx Vorbis comments in the Ogg comment header"
	p.Result.Notes = append(p.Result.Notes, notes...)
	p.Result.Notes = append(p.Result.Notes, pictureNote(opt)...)
	comment := append([]byte(prefix), nvc.appendTo(nil)...)
	comment = append(comment, rest...)
	newPackets := [][]byte{comment}
	if f == OggVorbis {
		newPackets = append(newPackets, packets[2])
	}

	// The identification packet has a page of its own; the pages after it
	// that belong to this stream hold the other header packets.
	var ours []int
	for i, pg := range pages {
		if pg.serial == serial {
			ours = append(ours, i)
		}
	}
	if len(ours) < 2 || pages[ours[0]].hdr.bodyLen != len(packets[0]) || len(pages[ours[0]].hdr.lacing) == 0 {
		return corrupt("the ogg identification header does not have a page of its own")
	}
	old := len(ours) - 1
	seq0 := pages[ours[1]].seq
	segs := lacingOf(newPackets)
	npages := old
	if len(segs) > 255*old || len(segs) < old {
		npages = (len(segs) + 254) / 255
	}
	built := layoutOggPages(newPackets, segs, npages, serial, seq0)

	// Pages of other streams keep their place; the new header pages take
	// the place of the old ones.
	p.copySrc(0, pages[ours[1]].off)
	for i := ours[1]; i < len(pages); i++ {
		pg := pages[i]
		if pg.serial == serial {
			if i == ours[1] {
				for _, b := range built {
					p.add(b)
				}
			}
			continue
		}
		p.copySrc(pg.off, pg.end()-pg.off)
	}
	audio := pages[len(pages)-1].end()
	if npages == old {
		p.copySrc(audio, s.size-audio)
		return nil
	}
	// A different number of header pages: every later page of the stream
	// gets a new sequence number, and so a new checksum.
	p.pieces = append(p.pieces, piece{off: audio, n: s.size - audio, fromSrc: true,
		pages: &oggRenumber{serial: serial, shift: uint32(npages - old)}})
	p.Result.Notes = append(p.Result.Notes, fmt.Sprintf("the comment header now takes %d ogg pages instead of %d, so the later pages were renumbered", npages, old))
	return nil
}

// lacingOf returns the segment table of packets laid end to end.
func lacingOf(packets [][]byte) []byte {
	var segs []byte
	for _, pk := range packets {
		n := len(pk)
		for n >= 255 {
			segs = append(segs, 255)
			n -= 255
		}
		segs = append(segs, byte(n))
	}
	return segs
}

// layoutOggPages puts packets (with segment table segs) into exactly
// npages pages numbered from seq.
func layoutOggPages(packets [][]byte, segs []byte, npages int, serial, seq uint32) [][]byte {
	data := make([]byte, 0)
	for _, pk := range packets {
		data = append(data, pk...)
	}
	var out [][]byte
	si, di := 0, 0
	continued := false
	for pgi := range npages {
		left := npages - pgi
		n := min(255, len(segs)-si-(left-1))
		lace := segs[si : si+n]
		body := 0
		ends := false // a packet ends on this page
		for _, l := range lace {
			body += int(l)
			ends = ends || l < 255
		}
		granule := ^uint64(0)
		if ends {
			granule = 0
		}
		flags := byte(0)
		if continued {
			flags = 1
		}
		page := []byte{'O', 'g', 'g', 'S', 0, flags}
		page = binary.LittleEndian.AppendUint64(page, granule)
		page = binary.LittleEndian.AppendUint32(page, serial)
		page = binary.LittleEndian.AppendUint32(page, seq+uint32(pgi))
		page = append(page, 0, 0, 0, 0, byte(n))
		page = append(page, lace...)
		page = append(page, data[di:di+body]...)
		binary.LittleEndian.PutUint32(page[22:26], oggCRC(page))
		out = append(out, page)
		continued = lace[len(lace)-1] == 255
		si += n
		di += body
	}
	return out
}

// oggCRC is the Ogg page checksum of page (whose CRC field is zero).
func oggCRC(page []byte) uint32 {
	t := oggCRCTable()
	var crc uint32
	for _, c := range page {
		crc = crc<<8 ^ t[byte(crc>>24)^c]
	}
	return crc
}

// oggRenumber rewrites the pages of one logical stream while copying:
// their sequence numbers move by shift and their checksums are
// recomputed. Pages of other streams, and everything after the stream's
// last page, are copied as they are.
type oggRenumber struct {
	serial uint32
	shift  uint32
}

func (o *oggRenumber) copy(ctx context.Context, w io.Writer, s src, off, n int64) error {
	br := bufio.NewReaderSize(io.NewSectionReader(s.r, off, n), 1<<20)
	bw := bufio.NewWriterSize(w, 1<<20)
	page := make([]byte, 0, oggMaxPage)
	done := int64(0)
	for done < n {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := br.Peek(27)
		if err != nil {
			return fmt.Errorf("ogg page at offset %d: %w", off+done, err)
		}
		if string(hdr[:4]) != "OggS" {
			return corrupt("ogg page expected at offset %d", off+done)
		}
		nseg := int(hdr[26])
		full, err := br.Peek(27 + nseg)
		if err != nil {
			return fmt.Errorf("ogg page at offset %d: %w", off+done, err)
		}
		size := 27 + nseg
		for _, l := range full[27:] {
			size += int(l)
		}
		page = page[:size]
		if _, err := io.ReadFull(br, page); err != nil {
			return fmt.Errorf("ogg page at offset %d: %w", off+done, err)
		}
		if binary.LittleEndian.Uint32(page[14:18]) == o.serial {
			seq := binary.LittleEndian.Uint32(page[18:22])
			binary.LittleEndian.PutUint32(page[18:22], seq+o.shift)
			binary.LittleEndian.PutUint32(page[22:26], 0)
			binary.LittleEndian.PutUint32(page[22:26], oggCRC(page))
		}
		if _, err := bw.Write(page); err != nil {
			return err
		}
		done += int64(size)
		if page[5]&0x04 != 0 && binary.LittleEndian.Uint32(page[14:18]) == o.serial {
			break // the stream's last page: the rest is copied as it is
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if done < n {
		return copyRange(ctx, w, s.r, off+done, n-done)
	}
	return nil
}
