package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf16"
)

// This file writes ID3v2 chapters (the ID3v2 Chapter Frame Addendum 1.0:
// CHAP and CTOC frames) into MP3 files. The file's leading ID3v2 tags are
// read frame by frame; every frame but CHAP and CTOC is kept (byte for
// byte when the tag's version is kept), new CTOC and CHAP frames are
// appended, and the audio after the tags is copied as it is.

// maxID3Tag is the largest ID3v2 tag: its size is a 28-bit synchsafe
// integer.
const maxID3Tag = 1<<28 - 1

// id3Padding is the zero padding written after the frames, so that other
// tools can edit the tag later without rewriting the file.
const id3Padding = 1024

// pageSize is the alignment the writers keep for the audio they copy.
const pageSize = 4096

// srcFrame is one frame of an existing tag, located in the file (or in a
// tag body decoded in memory).
type srcFrame struct {
	id     string
	major  byte
	flags  [2]byte // status and format flags (zero in ID3v2.2)
	hdrLen int64
	// The whole frame, header and body: mem[off:off+n] when mem is set
	// (a tag that had to be decoded), else the file's bytes at off.
	mem    []byte
	off, n int64
}

// srcTag is one existing ID3v2 tag.
type srcTag struct {
	major  byte
	frames []srcFrame
}

// scanID3Tags reads the ID3v2 tags at the start of the file (several may
// follow one another) and returns them with the offset where the audio
// starts.
func scanID3Tags(s src) ([]srcTag, int64, []string, error) {
	var tags []srcTag
	var notes []string
	off := int64(0)
	for range 8 {
		hdr, err := s.readUpTo(off, 10)
		if err != nil {
			return nil, 0, nil, err
		}
		if len(hdr) < 10 || string(hdr[:3]) != "ID3" {
			break
		}
		major, flags, size, total, err := parseID3Header(s, off, hdr)
		if err != nil {
			return nil, 0, nil, err
		}
		t := srcTag{major: major}
		switch {
		case major == 2 && flags&0x40 != 0:
			// ID3v2.2 compression was never defined: nothing can be kept.
			notes = append(notes, fmt.Sprintf("the ID3v2.2 tag at offset %d is marked compressed, which no reader understands; its frames are dropped", off))
		default:
			frames, err := scanTagFrames(s, off, major, flags, int64(size))
			if err != nil {
				return nil, 0, nil, err
			}
			t.frames = frames
		}
		tags = append(tags, t)
		off = total
	}
	return tags, off, notes, nil
}

// scanTagFrames lists the frames of the tag at off.
func scanTagFrames(s src, off int64, major, flags byte, size int64) ([]srcFrame, error) {
	bodyOff := off + 10
	var mem []byte
	if flags&0x80 != 0 && major < 4 {
		// Whole-tag unsynchronisation: decode the tag in memory; its
		// frames are written back without it.
		raw, err := readFull(s, bodyOff, size)
		if err != nil {
			return nil, err
		}
		mem = removeUnsync(raw)
		size = int64(len(mem))
	}
	at := func(pos int64, n int) ([]byte, error) {
		if mem != nil {
			if pos < 0 || pos+int64(n) > int64(len(mem)) {
				return nil, corrupt("ID3v2 tag at offset %d is cut short", off)
			}
			return mem[pos : pos+int64(n)], nil
		}
		return s.read(bodyOff+pos, n)
	}
	pos, err := id3FramesStart(major, flags, size, at)
	if err != nil {
		return nil, err
	}
	hlen := int64(10)
	if major == 2 {
		hlen = 6
	}
	var out []srcFrame
	for pos+hlen <= size {
		h, err := at(pos, int(hlen))
		if err != nil {
			return nil, err
		}
		if h[0] == 0 {
			break // padding
		}
		f := srcFrame{major: major, hdrLen: hlen}
		var n int64
		switch major {
		case 2:
			f.id = string(h[:3])
			n = int64(h[3])<<16 | int64(h[4])<<8 | int64(h[5])
		case 3:
			f.id = string(h[:4])
			n = int64(binary.BigEndian.Uint32(h[4:8]))
			f.flags = [2]byte{h[8], h[9]}
		default:
			f.id = string(h[:4])
			v, ok := synchsafe(h[4:8])
			if !ok {
				v = binary.BigEndian.Uint32(h[4:8]) // a common writer bug: plain sizes in v2.4
			}
			n = int64(v)
			f.flags = [2]byte{h[8], h[9]}
		}
		if !validFrameID(f.id) {
			break // junk after the frames: treated as padding, as readers do
		}
		if n > size-pos-hlen {
			return nil, corrupt("ID3v2 frame %q at tag offset %d claims %d bytes, more than the tag holds", f.id, pos, n)
		}
		f.n = hlen + n
		if mem != nil {
			f.mem, f.off = mem, pos
		} else {
			f.off = bodyOff + pos
		}
		out = append(out, f)
		pos += hlen + n
		if len(out) > maxBoxes {
			return nil, corrupt("more than %d frames in one ID3v2 tag", maxBoxes)
		}
	}
	return out, nil
}

// readFull reads n bytes at off for a structure the writer must hold
// whole (an unsynchronised tag, a frame to convert), up to the largest
// ID3v2 tag.
func readFull(s src, off, n int64) ([]byte, error) {
	if n < 0 || n > maxID3Tag || off < 0 || off > s.size || n > s.size-off {
		return nil, corrupt("%d bytes at offset %d lie outside the %d-byte file", n, off, s.size)
	}
	b := make([]byte, n)
	if m, err := s.r.ReadAt(b, off); int64(m) < n {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read %d bytes at offset %d: %w", n, off, err)
	}
	return b, nil
}

// bytes returns the frame's header and body.
func (f srcFrame) bytes(s src) ([]byte, error) {
	if f.mem != nil {
		return f.mem[f.off : f.off+f.n], nil
	}
	return readFull(s, f.off, f.n)
}

// discardOnAlter reports the tag alter preservation flag: the frame asks
// to be dropped when the tag is changed.
func (f srcFrame) discardOnAlter() bool {
	switch f.major {
	case 3:
		return f.flags[0]&0x80 != 0
	case 4:
		return f.flags[0]&0x40 != 0
	}
	return false
}

// isChapterFrame reports the frames the writer replaces.
func isChapterFrame(id string) bool { return id == "CHAP" || id == "CTOC" }

// planID3 plans an MP3 with new CHAP and CTOC frames.
func (p *Plan) planID3(s src, chs []Chapter, opt EmbedOptions) error {
	if len(chs) > 255 {
		c := chs[255]
		return &ChapterError{Index: 255, Title: c.Title, Start: c.Start, Msg: "an ID3v2 table of contents (CTOC) holds at most 255 chapters"}
	}
	tags, audio, notes, err := scanID3Tags(s)
	if err != nil {
		return err
	}
	p.Result.Notes = append(p.Result.Notes, notes...)
	target := byte(opt.ID3Version)
	switch {
	case target == 0 && len(tags) > 0 && tags[0].major >= 3:
		target = tags[0].major
	case target == 0:
		target = 3
	case target != 3 && target != 4:
		return fmt.Errorf("ID3v2 version %d: want 3 or 4", opt.ID3Version)
	}

	// The kept frames: the first tag's, then those of later tags whose ID
	// the first did not have.
	type out struct {
		data   []byte // built or converted in memory
		off, n int64  // else a range of the file
	}
	var frames []out
	seen := map[string]bool{}
	dropped := map[string]int{}
	for ti, t := range tags {
		ids := map[string]bool{}
		for _, f := range t.frames {
			if isChapterFrame(f.id) || (ti > 0 && seen[f.id]) {
				continue
			}
			if f.discardOnAlter() {
				dropped[f.id]++
				continue
			}
			ids[f.id] = true
			if f.major == target {
				if f.mem != nil {
					frames = append(frames, out{data: f.mem[f.off : f.off+f.n]})
				} else {
					frames = append(frames, out{off: f.off, n: f.n})
				}
				continue
			}
			raw, err := f.bytes(s)
			if err != nil {
				return err
			}
			conv, why := convertFrame(f, raw, target)
			if conv == nil {
				dropped[f.id+" ("+why+")"]++
				continue
			}
			frames = append(frames, out{data: conv})
		}
		for id := range ids {
			seen[id] = true
		}
		if t.major != target && len(t.frames) > 0 {
			p.Result.Notes = append(p.Result.Notes, fmt.Sprintf("the ID3v2.%d tag was rewritten as ID3v2.%d", t.major, target))
		}
	}
	if len(dropped) > 0 {
		var names []string
		for id := range dropped {
			names = append(names, id)
		}
		slices.Sort(names)
		p.Result.Notes = append(p.Result.Notes, "ID3v2 frames left out: "+strings.Join(names, ", "))
	}

	var chap bytes.Buffer
	if len(chs) > 0 {
		ctoc := []byte("toc\x00")
		ctoc = append(ctoc, 0x03, byte(len(chs))) // top-level, ordered
		for i := range chs {
			ctoc = append(append(ctoc, chapterElementID(i)...), 0)
		}
		if err := writeID3Frame(&chap, target, "CTOC", ctoc); err != nil {
			return err
		}
		for i, c := range chs {
			var pic *Picture
			if i < len(opt.Pictures) {
				pic = opt.Pictures[i]
			}
			body, err := chapBody(target, i, c, pic)
			if err != nil {
				return err
			}
			if err := writeID3Frame(&chap, target, "CHAP", body); err != nil {
				return &ChapterError{Index: i, Title: c.Title, Start: c.Start, Msg: err.Error()}
			}
		}
	}

	p.Result.Layout = fmt.Sprintf("ID3v2.%d CHAP frames and a CTOC table of contents", target)
	size := int64(chap.Len()) + id3Padding
	for _, f := range frames {
		if f.data != nil {
			size += int64(len(f.data))
		} else {
			size += f.n
		}
	}
	// More padding, so that the audio keeps its offset modulo 4 KiB: the
	// copy then moves whole pages, and a file system that can share
	// blocks between files (XFS, Btrfs) can do so, which it does for
	// block-aligned ranges only. Embedding again gives the same size.
	pad := id3Padding + ((audio-(10+size))%pageSize+pageSize)%pageSize
	size += pad - id3Padding
	if size > maxID3Tag {
		return fmt.Errorf("the new ID3v2 tag would be %d bytes, more than the %d an ID3v2 tag can hold", size, maxID3Tag)
	}
	hdr := []byte{'I', 'D', '3', target, 0, 0}
	hdr = append(hdr, synchsafeEncode(uint32(size))...)
	p.add(hdr)
	for _, f := range frames {
		if f.data != nil {
			p.add(f.data)
		} else {
			p.copySrc(f.off, f.n)
		}
	}
	p.add(append(chap.Bytes(), make([]byte, pad)...))
	p.copySrc(audio, s.size-audio)
	return nil
}

func chapterElementID(i int) string { return fmt.Sprintf("chp%d", i) }

// chapBody builds a CHAP frame body: element ID, start and end in
// milliseconds, unused byte offsets, then TIT2, WXXX and APIC sub-frames.
func chapBody(major byte, i int, c Chapter, pic *Picture) ([]byte, error) {
	b := append([]byte(chapterElementID(i)), 0)
	ms := func(d int64) uint32 {
		if d < 0 {
			return 0
		}
		if d >= 0xFFFFFFFF {
			return 0xFFFFFFFE
		}
		return uint32(d)
	}
	b = binary.BigEndian.AppendUint32(b, ms(c.Start.Milliseconds()))
	b = binary.BigEndian.AppendUint32(b, ms(c.End.Milliseconds()))
	b = binary.BigEndian.AppendUint32(b, 0xFFFFFFFF)
	b = binary.BigEndian.AppendUint32(b, 0xFFFFFFFF)
	var sub bytes.Buffer
	enc, text := encodeID3Text(major, c.Title)
	if err := writeID3Frame(&sub, major, "TIT2", append([]byte{enc}, text...)); err != nil {
		return nil, err
	}
	if c.URL != "" {
		w := []byte{0, 0} // Latin-1, empty description
		w = append(w, latin1URL(c.URL)...)
		if err := writeID3Frame(&sub, major, "WXXX", w); err != nil {
			return nil, err
		}
	}
	if pic != nil && len(pic.Data) > 0 {
		a := []byte{0}
		a = append(append(a, latin1URL(pic.MIME)...), 0)
		a = append(a, 0, 0) // picture type "other", empty description
		a = append(a, pic.Data...)
		if err := writeID3Frame(&sub, major, "APIC", a); err != nil {
			return nil, err
		}
	}
	return append(b, sub.Bytes()...), nil
}

// writeID3Frame appends a frame with no flags in the layout of major.
func writeID3Frame(w *bytes.Buffer, major byte, id string, body []byte) error {
	if len(body) > maxID3Tag {
		return fmt.Errorf("frame %s of %d bytes is larger than an ID3v2 tag can hold", id, len(body))
	}
	w.WriteString(id)
	if major == 4 {
		w.Write(synchsafeEncode(uint32(len(body))))
	} else {
		_ = binary.Write(w, binary.BigEndian, uint32(len(body)))
	}
	w.Write([]byte{0, 0})
	w.Write(body)
	return nil
}

func synchsafeEncode(n uint32) []byte {
	return []byte{byte(n >> 21 & 0x7F), byte(n >> 14 & 0x7F), byte(n >> 7 & 0x7F), byte(n & 0x7F)}
}

// encodeID3Text picks the text encoding for s: Latin-1 when every
// character fits, else UTF-8 (ID3v2.4) or UTF-16 with a byte-order mark
// (ID3v2.3, which has no UTF-8).
func encodeID3Text(major byte, s string) (byte, []byte) {
	latin := true
	for _, r := range s {
		if r > 0xFF {
			latin = false
			break
		}
	}
	switch {
	case latin:
		b := make([]byte, 0, len(s))
		for _, r := range s {
			b = append(b, byte(r))
		}
		return 0, b
	case major == 4:
		return 3, []byte(s)
	default:
		return 1, utf16BOM(s)
	}
}

func utf16BOM(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// latin1URL returns s with every byte outside printable ASCII
// percent-encoded, so that it is valid in a Latin-1 field.
func latin1URL(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7E {
			b = append(b, fmt.Sprintf("%%%02X", c)...)
			continue
		}
		b = append(b, c)
	}
	return b
}

// v22IDs maps ID3v2.2 frame IDs to their ID3v2.3 names.
var v22IDs = map[string]string{
	"BUF": "RBUF", "CNT": "PCNT", "COM": "COMM", "CRA": "AENC", "ETC": "ETCO",
	"EQU": "EQUA", "GEO": "GEOB", "IPL": "IPLS", "LNK": "LINK", "MCI": "MCDI",
	"MLL": "MLLT", "PIC": "APIC", "POP": "POPM", "REV": "RVRB", "RVA": "RVAD",
	"SLT": "SYLT", "STC": "SYTC", "TAL": "TALB", "TBP": "TBPM", "TCM": "TCOM",
	"TCO": "TCON", "TCR": "TCOP", "TDA": "TDAT", "TDY": "TDLY", "TEN": "TENC",
	"TFT": "TFLT", "TIM": "TIME", "TKE": "TKEY", "TLA": "TLAN", "TLE": "TLEN",
	"TMT": "TMED", "TOA": "TOPE", "TOF": "TOFN", "TOL": "TOLY", "TOR": "TORY",
	"TOT": "TOAL", "TP1": "TPE1", "TP2": "TPE2", "TP3": "TPE3", "TP4": "TPE4",
	"TPA": "TPOS", "TPB": "TPUB", "TRC": "TSRC", "TRD": "TRDA", "TRK": "TRCK",
	"TSI": "TSIZ", "TSS": "TSSE", "TT1": "TIT1", "TT2": "TIT2", "TT3": "TIT3",
	"TXT": "TEXT", "TXX": "TXXX", "TYE": "TYER", "UFI": "UFID", "ULT": "USLT",
	"WAF": "WOAF", "WAR": "WOAR", "WAS": "WOAS", "WCM": "WCOM", "WCP": "WCOP",
	"WPB": "WPUB", "WXX": "WXXX",
	// iTunes extensions.
	"TCP": "TCMP", "TS2": "TSO2", "TSA": "TSOA", "TSC": "TSOC", "TSP": "TSOP", "TST": "TSOT",
}

// convertFrame rewrites one frame (header and body in raw) for the ID3v2
// version target. It returns nil and the reason when the frame cannot be
// carried over (compressed or encrypted, or an ID3v2.2 frame with no
// later name).
func convertFrame(f srcFrame, raw []byte, target byte) ([]byte, string) {
	body := raw[f.hdrLen:]
	id := f.id
	switch f.major {
	case 2:
		nid, ok := v22IDs[id]
		if !ok {
			return nil, "no ID3v2.3 equivalent"
		}
		if id == "PIC" {
			b, ok := picToAPIC(body)
			if !ok {
				return nil, "malformed"
			}
			body = b
		}
		id = nid
	case 3:
		format := f.flags[1]
		if format&0xC0 != 0 {
			return nil, "compressed or encrypted"
		}
		if format&0x20 != 0 { // grouping identity
			if len(body) < 1 {
				return nil, "malformed"
			}
			body = body[1:]
		}
	case 4:
		format := f.flags[1]
		if format&0x0C != 0 {
			return nil, "compressed or encrypted"
		}
		if format&0x40 != 0 {
			if len(body) < 1 {
				return nil, "malformed"
			}
			body = body[1:]
		}
		if format&0x01 != 0 {
			if len(body) < 4 {
				return nil, "malformed"
			}
			body = body[4:]
		}
		if format&0x02 != 0 {
			body = removeUnsync(body)
		}
	}
	if target == 3 {
		body = toV23Encoding(id, body)
	}
	var b bytes.Buffer
	if err := writeID3Frame(&b, target, id, body); err != nil {
		return nil, "too large"
	}
	return b.Bytes(), ""
}

// picToAPIC turns an ID3v2.2 PIC body (a three-letter image format) into
// an APIC body (a MIME type).
func picToAPIC(b []byte) ([]byte, bool) {
	if len(b) < 5 {
		return nil, false
	}
	mime := "image/" + strings.ToLower(strings.TrimRight(string(b[1:4]), "\x00 "))
	switch strings.ToUpper(string(b[1:4])) {
	case "JPG":
		mime = "image/jpeg"
	case "-->": // a link, in both versions
		mime = "-->"
	}
	out := []byte{b[0]}
	out = append(append(out, mime...), 0)
	return append(out, b[4:]...), true
}

// toV23Encoding re-encodes the strings of the frames whose layout is
// known from UTF-8 or UTF-16BE (ID3v2.4 only) to UTF-16 with a BOM.
// Other frames are returned unchanged.
func toV23Encoding(id string, b []byte) []byte {
	if len(b) < 1 || (b[0] != 2 && b[0] != 3) {
		return b
	}
	enc := b[0]
	str := func(p []byte) (string, []byte) { return id3String(enc, p) }
	out := []byte{1}
	term := []byte{0, 0}
	switch {
	case id == "TXXX" || id == "WXXX":
		desc, rest := str(b[1:])
		out = append(append(out, utf16BOM(desc)...), term...)
		if id == "WXXX" {
			return append(out, rest...)
		}
		val, _ := str(rest)
		return append(out, utf16BOM(val)...)
	case strings.HasPrefix(id, "T"):
		// ID3v2.4 text frames may hold several NUL-separated values;
		// ID3v2.3 separates them with "/".
		var vals []string
		rest := b[1:]
		for len(rest) > 0 {
			v, r := str(rest)
			vals = append(vals, v)
			if len(r) == len(rest) {
				break
			}
			rest = r
		}
		return append(out, utf16BOM(strings.Join(vals, "/"))...)
	case id == "COMM" || id == "USLT":
		if len(b) < 4 {
			return b
		}
		out = append(out, b[1:4]...)
		desc, rest := str(b[4:])
		out = append(append(out, utf16BOM(desc)...), term...)
		text, _ := str(rest)
		return append(out, utf16BOM(text)...)
	case id == "APIC":
		i := bytes.IndexByte(b[1:], 0)
		if i < 0 || len(b) < 1+i+2 {
			return b
		}
		out = append(out, b[1:1+i+1]...) // MIME type and its terminator (Latin-1)
		out = append(out, b[1+i+1])      // picture type
		desc, rest := str(b[1+i+2:])
		out = append(append(out, utf16BOM(desc)...), term...)
		return append(out, rest...)
	}
	return b
}
