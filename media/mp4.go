package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"strings"
	"time"
)

// box is one ISO-BMFF box: its type, where it starts, its header length
// and its total size.
type box struct {
	typ  string
	off  int64
	hdr  int64
	size int64
}

func (b box) body() int64    { return b.off + b.hdr }
func (b box) bodyLen() int64 { return b.size - b.hdr }
func (b box) end() int64     { return b.off + b.size }

func isMP4Box(t []byte) bool {
	switch string(t) {
	case "ftyp", "moov", "mdat", "free", "skip", "wide", "pnot":
		return true
	}
	return false
}

// maxBoxes bounds how many boxes are visited in one container.
const maxBoxes = 100000

// walkBoxes calls fn for each box between start and end; fn returning
// false stops the walk.
func walkBoxes(s src, start, end int64, fn func(b box) (bool, error)) error {
	pos := start
	for n := 0; pos+8 <= end; n++ {
		if n == maxBoxes {
			return corrupt("more than %d boxes in one container", maxBoxes)
		}
		h, err := s.read(pos, 8)
		if err != nil {
			return err
		}
		b := box{typ: string(h[4:8]), off: pos, hdr: 8, size: int64(binary.BigEndian.Uint32(h[:4]))}
		switch b.size {
		case 0:
			b.size = end - pos
		case 1:
			l, err := s.read(pos+8, 8)
			if err != nil {
				return err
			}
			u := binary.BigEndian.Uint64(l)
			if u > math.MaxInt64 {
				return corrupt("box %q at offset %d has an impossible 64-bit size", b.typ, pos)
			}
			b.hdr, b.size = 16, int64(u)
		}
		if b.size < b.hdr || b.size > end-pos {
			return corrupt("box %q at offset %d claims %d bytes but its container leaves %d", b.typ, pos, b.size, end-pos)
		}
		more, err := fn(b)
		if err != nil || !more {
			return err
		}
		pos = b.end()
	}
	return nil
}

// readBody reads a box's body into memory, refusing ones over limit.
func readBody(s src, b box, limit int64) ([]byte, error) {
	if b.bodyLen() > limit {
		return nil, corrupt("box %q at offset %d is %d bytes, more than the %d this reader allows", b.typ, b.off, b.bodyLen(), limit)
	}
	return s.read(b.body(), int(b.bodyLen()))
}

type mp4Track struct {
	id         uint32
	enabled    bool
	handler    string
	timescale  uint32
	duration   uint64
	codec      string
	channels   int
	sampleRate int
	chapRefs   []uint32
	stts, stsz box
	stsc, stco box
}

type mp4File struct {
	brands    []string
	timescale uint32
	duration  uint64
	fragments uint64 // mvex/mehd duration of a fragmented file, in mvhd units
	tracks    []*mp4Track
	nero      []Chapter
	title     string
	artist    string
	artwork   bool
}

func probeMP4(ctx context.Context, s src) (Info, error) {
	var f mp4File
	var moov *box
	err := walkBoxes(s, 0, s.size, func(b box) (bool, error) {
		switch b.typ {
		case "ftyp":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			for i := 0; i+4 <= len(body); i += 4 {
				if i != 4 { // skip the minor version
					f.brands = append(f.brands, string(body[i:i+4]))
				}
			}
		case "moov":
			if moov == nil {
				moov = &b
			}
		}
		return true, nil
	})
	if err != nil {
		return Info{}, err
	}
	if moov == nil {
		return Info{}, corrupt("mp4 file has no moov box")
	}
	if err := ctx.Err(); err != nil {
		return Info{}, err
	}
	if err := f.readMoov(s, *moov); err != nil {
		return Info{}, err
	}
	info := Info{Format: MP4, Title: f.title, Artist: f.artist, Artwork: f.artwork}
	chapterTracks := map[uint32]bool{}
	for _, t := range f.tracks {
		for _, id := range t.chapRefs {
			chapterTracks[id] = true
		}
	}
	var audio *mp4Track
	for _, t := range f.tracks {
		switch t.handler {
		case "soun":
			if audio == nil || (!audio.enabled && t.enabled) {
				audio = t
			}
		case "vide":
			if !chapterTracks[t.id] && t.codec != "jpeg" && t.codec != "png " {
				info.Video = true
			}
		}
	}
	if audio != nil {
		info.Codec, info.Channels, info.SampleRate = audio.codec, audio.channels, audio.sampleRate
	}
	switch {
	case f.timescale > 0 && f.duration > 0 && f.duration != math.MaxUint32 && f.duration != math.MaxUint64:
		info.Duration = samplesToDuration(f.duration, uint64(f.timescale))
	case f.timescale > 0 && f.fragments > 0:
		info.Duration = samplesToDuration(f.fragments, uint64(f.timescale))
	default:
		for _, t := range f.tracks {
			if d := samplesToDuration(t.duration, uint64(t.timescale)); d > info.Duration && !chapterTracks[t.id] {
				info.Duration = d
			}
		}
	}
	info.DurationSource = "mvhd"
	info.MIME = mp4MIME(f.brands, info.Video)

	// QuickTime chapter track first (it may carry URLs), else Nero chpl.
	if audio != nil {
		for _, id := range audio.chapRefs {
			for _, t := range f.tracks {
				if t.id == id && (t.handler == "text" || t.handler == "sbtl") {
					ch, err := readQTChapters(s, t)
					if err != nil {
						return Info{}, err
					}
					if len(ch) > 0 {
						info.Chapters = ch
					}
				}
			}
			if len(info.Chapters) > 0 {
				break
			}
		}
	}
	if len(info.Chapters) == 0 {
		info.Chapters = f.nero
	}
	return info, nil
}

func mp4MIME(brands []string, video bool) string {
	major := ""
	if len(brands) > 0 {
		major = brands[0]
	}
	switch {
	case major == "qt  ":
		return "video/quicktime"
	case strings.HasPrefix(major, "M4V"):
		return "video/x-m4v"
	case video:
		return "video/mp4"
	default:
		return "audio/x-m4a"
	}
}

func (f *mp4File) readMoov(s src, moov box) error {
	return walkBoxes(s, moov.body(), moov.end(), func(b box) (bool, error) {
		switch b.typ {
		case "mvhd":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			ts, d, ok := fullBoxTimes(body)
			if !ok {
				return false, corrupt("mvhd box at offset %d is too short", b.off)
			}
			f.timescale, f.duration = ts, d
		case "trak":
			if len(f.tracks) >= 1024 {
				return false, corrupt("more than 1024 tracks")
			}
			t := &mp4Track{}
			if err := t.read(s, b); err != nil {
				return false, err
			}
			f.tracks = append(f.tracks, t)
		case "udta":
			if err := f.readUdta(s, b); err != nil {
				return false, err
			}
		case "meta":
			if err := f.readMeta(s, b); err != nil {
				return false, err
			}
		case "mvex":
			return true, walkBoxes(s, b.body(), b.end(), func(c box) (bool, error) {
				if c.typ != "mehd" {
					return true, nil
				}
				body, err := readBody(s, c, 64)
				if err != nil {
					return false, err
				}
				switch {
				case len(body) >= 12 && body[0] == 1:
					f.fragments = binary.BigEndian.Uint64(body[4:12])
				case len(body) >= 8:
					f.fragments = uint64(binary.BigEndian.Uint32(body[4:8]))
				}
				return false, nil
			})
		}
		return true, nil
	})
}

// fullBoxTimes reads timescale and duration from an mvhd or mdhd body,
// version 0 (32-bit) or 1 (64-bit).
func fullBoxTimes(b []byte) (uint32, uint64, bool) {
	if len(b) < 4 {
		return 0, 0, false
	}
	if b[0] == 1 {
		if len(b) < 4+8+8+4+8 {
			return 0, 0, false
		}
		return binary.BigEndian.Uint32(b[20:24]), binary.BigEndian.Uint64(b[24:32]), true
	}
	if len(b) < 4+4+4+4+4 {
		return 0, 0, false
	}
	return binary.BigEndian.Uint32(b[12:16]), uint64(binary.BigEndian.Uint32(b[16:20])), true
}

func (t *mp4Track) read(s src, trak box) error {
	var walk func(b box) (bool, error)
	walk = func(b box) (bool, error) {
		switch b.typ {
		case "mdia", "minf", "stbl", "tref":
			return true, walkBoxes(s, b.body(), b.end(), walk)
		case "tkhd":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			if len(body) >= 4 {
				t.enabled = body[3]&1 != 0
			}
			switch {
			case len(body) >= 24 && body[0] == 1:
				t.id = binary.BigEndian.Uint32(body[20:24])
			case len(body) >= 16:
				t.id = binary.BigEndian.Uint32(body[12:16])
			}
		case "chap":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			for i := 0; i+4 <= len(body); i += 4 {
				t.chapRefs = append(t.chapRefs, binary.BigEndian.Uint32(body[i:]))
			}
		case "mdhd":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			ts, d, ok := fullBoxTimes(body)
			if !ok {
				return false, corrupt("mdhd box at offset %d is too short", b.off)
			}
			t.timescale, t.duration = ts, d
		case "hdlr":
			body, err := readBody(s, b, 4096)
			if err != nil {
				return false, err
			}
			// The first hdlr (in mdia) names the media; QuickTime puts a
			// data handler ("dhlr") in minf as well.
			if len(body) >= 12 && t.handler == "" && string(body[4:8]) != "dhlr" {
				t.handler = string(body[8:12])
			}
		case "stsd":
			body, err := readBody(s, b, 64<<10)
			if err != nil {
				return false, err
			}
			t.readStsd(body)
		case "stts":
			t.stts = b
		case "stsz":
			t.stsz = b
		case "stsc":
			t.stsc = b
		case "stco", "co64":
			t.stco = b
		}
		return true, nil
	}
	return walkBoxes(s, trak.body(), trak.end(), walk)
}

// readStsd reads the codec, channels and sample rate of the first sample
// description.
func (t *mp4Track) readStsd(b []byte) {
	if len(b) < 16 {
		return
	}
	e := b[8:]
	size := int(binary.BigEndian.Uint32(e[:4]))
	if size < 8 || size > len(e) {
		return
	}
	t.codec = codecName(string(e[4:8]))
	e = e[8:size]
	if t.handler != "soun" || len(e) < 28 {
		return
	}
	version := binary.BigEndian.Uint16(e[8:10])
	if version == 2 && len(e) >= 44 {
		t.sampleRate = int(math.Float64frombits(binary.BigEndian.Uint64(e[32:40])))
		t.channels = int(binary.BigEndian.Uint32(e[40:44]))
		return
	}
	t.channels = int(binary.BigEndian.Uint16(e[16:18]))
	t.sampleRate = int(binary.BigEndian.Uint32(e[24:28]) >> 16)
	// MP4 writers often put 2 in the sample entry; the AAC decoder
	// configuration in esds has the real channel count.
	if t.codec == "aac" {
		if ch := esdsChannels(e[28:]); ch > 0 {
			t.channels = ch
		}
	}
}

// esdsChannels finds the esds box among the children of an mp4a sample
// entry and returns the channel configuration of its AudioSpecificConfig.
func esdsChannels(b []byte) int {
	for len(b) >= 8 {
		size := int(binary.BigEndian.Uint32(b))
		if size < 8 || size > len(b) {
			return 0
		}
		if string(b[4:8]) == "esds" && size > 12 {
			return ascChannels(b[12:size])
		}
		b = b[size:]
	}
	return 0
}

// descriptor reads an MPEG-4 descriptor tag and its body.
func descriptor(b []byte) (tag byte, body, rest []byte, ok bool) {
	if len(b) < 2 {
		return 0, nil, nil, false
	}
	tag = b[0]
	n, i := 0, 1
	for ; i < 5 && i < len(b); i++ {
		n = n<<7 | int(b[i]&0x7F)
		if b[i]&0x80 == 0 {
			break
		}
	}
	i++
	if i > len(b) || n > len(b)-i {
		return 0, nil, nil, false
	}
	return tag, b[i : i+n], b[i+n:], true
}

func ascChannels(b []byte) int {
	tag, es, _, ok := descriptor(b)
	if !ok || tag != 0x03 || len(es) < 3 {
		return 0
	}
	flags := es[2]
	p := es[3:]
	if flags&0x80 != 0 {
		if len(p) < 2 {
			return 0
		}
		p = p[2:]
	}
	if flags&0x40 != 0 {
		if len(p) < 1 || len(p) < 1+int(p[0]) {
			return 0
		}
		p = p[1+int(p[0]):]
	}
	if flags&0x20 != 0 {
		if len(p) < 2 {
			return 0
		}
		p = p[2:]
	}
	tag, dc, _, ok := descriptor(p)
	if !ok || tag != 0x04 || len(dc) < 13 {
		return 0
	}
	tag, asc, _, ok := descriptor(dc[13:])
	if !ok || tag != 0x05 || len(asc) < 2 {
		return 0
	}
	// 5 bits object type, 4 bits frequency index (24 more bits of
	// frequency when it is 15), then 4 bits channel configuration.
	bits := uint64(0)
	for i := 0; i < 8; i++ {
		bits <<= 8
		if i < len(asc) {
			bits |= uint64(asc[i])
		}
	}
	pos := 5
	if asc[0]>>3 == 31 {
		pos += 6
	}
	freq := bits >> (64 - pos - 4) & 0xF
	pos += 4
	if freq == 15 {
		pos += 24
	}
	ch := int(bits >> (64 - pos - 4) & 0xF)
	switch {
	case ch >= 1 && ch <= 6:
		return ch
	case ch == 7:
		return 8
	}
	return 0
}

func codecName(fourcc string) string {
	switch fourcc {
	case "mp4a":
		return "aac"
	case "alac":
		return "alac"
	case "ac-3":
		return "ac3"
	case "ec-3":
		return "eac3"
	case "Opus":
		return "opus"
	case "fLaC":
		return "flac"
	case ".mp3":
		return "mp3"
	case "avc1", "avc3":
		return "h264"
	case "hvc1", "hev1":
		return "hevc"
	}
	return strings.TrimSpace(strings.ToValidUTF8(fourcc, "?"))
}

func (f *mp4File) readUdta(s src, udta box) error {
	return walkBoxes(s, udta.body(), udta.end(), func(b box) (bool, error) {
		switch b.typ {
		case "chpl":
			body, err := readBody(s, b, 1<<20)
			if err != nil {
				return false, err
			}
			f.nero = parseChpl(body)
		case "meta":
			if err := f.readMeta(s, b); err != nil {
				return false, err
			}
		}
		return true, nil
	})
}

// parseChpl decodes a Nero chapter list: version and flags, 4 reserved
// bytes in version 1, a count, then (start in 100 ns units, title) pairs.
func parseChpl(b []byte) []Chapter {
	if len(b) < 5 {
		return nil
	}
	p := 4
	if b[0] == 1 {
		p += 4
	}
	if len(b) < p+1 {
		return nil
	}
	n := int(b[p])
	p++
	var out []Chapter
	for range n {
		if len(b) < p+9 {
			break
		}
		start := binary.BigEndian.Uint64(b[p:])
		l := int(b[p+8])
		p += 9
		if len(b) < p+l {
			break
		}
		title := strings.ToValidUTF8(string(b[p:p+l]), "\uFFFD")
		p += l
		if start/10 > uint64(math.MaxInt64/1000) {
			continue
		}
		out = append(out, Chapter{Start: time.Duration(start * 100), Title: strings.TrimSpace(title)})
	}
	return out
}

// readMeta reads title, artist and artwork from an iTunes-style meta/ilst.
func (f *mp4File) readMeta(s src, meta box) error {
	start := meta.body()
	// In MP4 meta is a full box (4 bytes of version and flags); in
	// QuickTime it is a plain container.
	if h, err := s.read(start, 8); err == nil && binary.BigEndian.Uint32(h[:4]) == 0 {
		start += 4
	}
	return walkBoxes(s, start, meta.end(), func(b box) (bool, error) {
		if b.typ != "ilst" {
			return true, nil
		}
		return false, walkBoxes(s, b.body(), b.end(), func(item box) (bool, error) {
			switch item.typ {
			case "covr":
				f.artwork = true
			case "\xa9nam", "\xa9ART":
				body, err := readBody(s, item, 64<<10)
				if err != nil {
					return false, err
				}
				v := ilstString(body)
				if item.typ == "\xa9nam" && f.title == "" {
					f.title = v
				} else if item.typ == "\xa9ART" && f.artist == "" {
					f.artist = v
				}
			}
			return true, nil
		})
	})
}

// ilstString reads the UTF-8 value of the first data box in an item body.
func ilstString(b []byte) string {
	for len(b) >= 16 {
		size := int(binary.BigEndian.Uint32(b[:4]))
		if size < 8 || size > len(b) {
			return ""
		}
		if string(b[4:8]) == "data" && size >= 16 {
			return strings.TrimSpace(strings.ToValidUTF8(string(b[16:size]), "\uFFFD"))
		}
		b = b[size:]
	}
	return ""
}

// maxChapterSamples bounds the chapter track samples read.
const maxChapterSamples = 10000

// readQTChapters reads a QuickTime text track's samples as chapters: each
// sample is a 16-bit length and the title, optionally followed by boxes
// (an "href" box carries a link).
func readQTChapters(s src, t *mp4Track) ([]Chapter, error) {
	if t.timescale == 0 || t.stts.typ == "" || t.stsz.typ == "" || t.stsc.typ == "" || t.stco.typ == "" {
		return nil, nil
	}
	tableLimit := int64(maxChapterSamples*12 + 16)
	stts, err := readBody(s, t.stts, tableLimit)
	if err != nil {
		return nil, err
	}
	stsz, err := readBody(s, t.stsz, tableLimit)
	if err != nil {
		return nil, err
	}
	stsc, err := readBody(s, t.stsc, tableLimit)
	if err != nil {
		return nil, err
	}
	stco, err := readBody(s, t.stco, tableLimit)
	if err != nil {
		return nil, err
	}
	// Sample times.
	if len(stts) < 8 {
		return nil, corrupt("chapter track stts is too short")
	}
	var starts []uint64
	var now uint64
	for i, n := 0, int(binary.BigEndian.Uint32(stts[4:8])); i < n; i++ {
		p := 8 + 8*i
		if p+8 > len(stts) {
			return nil, corrupt("chapter track stts claims %d entries but holds %d", n, (len(stts)-8)/8)
		}
		count, delta := binary.BigEndian.Uint32(stts[p:]), binary.BigEndian.Uint32(stts[p+4:])
		for range count {
			if len(starts) >= maxChapterSamples {
				break
			}
			starts = append(starts, now)
			now += uint64(delta)
		}
	}
	// Sample sizes.
	if len(stsz) < 12 {
		return nil, corrupt("chapter track stsz is too short")
	}
	fixed := binary.BigEndian.Uint32(stsz[4:8])
	nsz := int(binary.BigEndian.Uint32(stsz[8:12]))
	if nsz > len(starts) {
		nsz = len(starts)
	}
	sizes := make([]uint32, nsz)
	for i := range sizes {
		if fixed != 0 {
			sizes[i] = fixed
			continue
		}
		p := 12 + 4*i
		if p+4 > len(stsz) {
			return nil, corrupt("chapter track stsz claims more sizes than it holds")
		}
		sizes[i] = binary.BigEndian.Uint32(stsz[p:])
	}
	// Chunk offsets.
	if len(stco) < 8 {
		return nil, corrupt("chapter track chunk offsets are too short")
	}
	nco := int(binary.BigEndian.Uint32(stco[4:8]))
	width := 4
	if t.stco.typ == "co64" {
		width = 8
	}
	if nco > (len(stco)-8)/width {
		return nil, corrupt("chapter track claims %d chunk offsets but holds %d", nco, (len(stco)-8)/width)
	}
	chunkOff := func(i int) int64 {
		p := 8 + width*i
		if width == 8 {
			return int64(binary.BigEndian.Uint64(stco[p:]) & math.MaxInt64)
		}
		return int64(binary.BigEndian.Uint32(stco[p:]))
	}
	// Sample-to-chunk runs.
	if len(stsc) < 8 {
		return nil, corrupt("chapter track stsc is too short")
	}
	nsc := int(binary.BigEndian.Uint32(stsc[4:8]))
	if nsc > (len(stsc)-8)/12 {
		return nil, corrupt("chapter track stsc claims %d entries but holds %d", nsc, (len(stsc)-8)/12)
	}
	var out []Chapter
	sample := 0
	for e := 0; e < nsc && sample < len(sizes); e++ {
		p := 8 + 12*e
		firstChunk := int(binary.BigEndian.Uint32(stsc[p:])) - 1
		perChunk := int(binary.BigEndian.Uint32(stsc[p+4:]))
		lastChunk := nco - 1
		if e+1 < nsc {
			lastChunk = int(binary.BigEndian.Uint32(stsc[p+12:])) - 2
		}
		if firstChunk < 0 || perChunk <= 0 || perChunk > maxChapterSamples {
			return nil, corrupt("chapter track stsc entry %d is invalid", e)
		}
		for c := firstChunk; c <= lastChunk && c < nco && sample < len(sizes); c++ {
			off := chunkOff(c)
			for k := 0; k < perChunk && sample < len(sizes); k++ {
				sz := int(sizes[sample])
				if sz > 64<<10 {
					return nil, corrupt("chapter sample %d is %d bytes", sample, sz)
				}
				data, err := s.read(off, sz)
				if err != nil {
					return nil, err
				}
				title, url := qtChapterText(data)
				out = append(out, Chapter{
					Start: samplesToDuration(starts[sample], uint64(t.timescale)),
					End:   samplesToDuration(starts[sample]+sampleDelta(starts, sample, now), uint64(t.timescale)),
					Title: title,
					URL:   url,
				})
				off += int64(sz)
				sample++
			}
		}
	}
	return out, nil
}

func sampleDelta(starts []uint64, i int, end uint64) uint64 {
	if i+1 < len(starts) {
		return starts[i+1] - starts[i]
	}
	return end - starts[i]
}

// qtChapterText decodes a text sample: a 16-bit length, the text (UTF-8,
// or UTF-16 with a BOM), then optional boxes such as "href".
func qtChapterText(b []byte) (title, url string) {
	if len(b) < 2 {
		return "", ""
	}
	n := int(binary.BigEndian.Uint16(b))
	if n > len(b)-2 {
		n = len(b) - 2
	}
	text := b[2 : 2+n]
	if len(text) >= 2 && (text[0] == 0xFE && text[1] == 0xFF || text[0] == 0xFF && text[1] == 0xFE) {
		title, _ = id3String(1, text)
	} else {
		title = strings.ToValidUTF8(string(bytes.TrimRight(text, "\x00")), "\uFFFD")
	}
	rest := b[2+n:]
	for len(rest) >= 8 {
		size := int(binary.BigEndian.Uint32(rest))
		if size < 8 || size > len(rest) {
			break
		}
		if string(rest[4:8]) == "href" && size >= 13 {
			// startChar(2) endChar(2) urlLength(1) url
			l := int(rest[12])
			if 13+l <= size {
				url = strings.TrimRight(string(rest[13:13+l]), "\x00")
			}
		}
		rest = rest[size:]
	}
	return strings.TrimSpace(title), strings.TrimSpace(url)
}
