package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// oggPage is a parsed Ogg page header with its segment table.
type oggPage struct {
	flags   byte
	granule uint64
	serial  uint32
	lacing  []byte
	hdrLen  int
	bodyLen int
}

const oggMaxPage = 27 + 255 + 255*255

func parseOggPage(b []byte) (oggPage, bool) {
	if len(b) < 27 || string(b[:4]) != "OggS" || b[4] != 0 {
		return oggPage{}, false
	}
	n := int(b[26])
	if len(b) < 27+n {
		return oggPage{}, false
	}
	p := oggPage{
		flags:   b[5],
		granule: binary.LittleEndian.Uint64(b[6:14]),
		serial:  binary.LittleEndian.Uint32(b[14:18]),
		lacing:  b[27 : 27+n],
		hdrLen:  27 + n,
	}
	for _, l := range p.lacing {
		p.bodyLen += int(l)
	}
	return p, true
}

var oggCRCTable = sync.OnceValue(func() *[256]uint32 {
	var t [256]uint32
	for i := range t {
		r := uint32(i) << 24
		for range 8 {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04C11DB7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return &t
})

// oggCRCOK checks the CRC of the whole page in b.
func oggCRCOK(b []byte) bool {
	t := oggCRCTable()
	want := binary.LittleEndian.Uint32(b[22:26])
	var crc uint32
	for i, c := range b {
		if i >= 22 && i < 26 {
			c = 0
		}
		crc = crc<<8 ^ t[byte(crc>>24)^c]
	}
	return crc == want
}

// maxOggHeaders bounds how many bytes of header packets are read.
const maxOggHeaders = 1 << 20

// oggHeaders returns the first two packets (identification and comments)
// of the first logical stream; the second may be cut short at
// maxOggHeaders.
func oggHeaders(s src) (serial uint32, pkts [][]byte, err error) {
	var cur []byte
	off := int64(0)
	total := 0
	first := true
	for len(pkts) < 2 && total < maxOggHeaders {
		hb, err := s.readUpTo(off, 27+255)
		if err != nil {
			return 0, nil, err
		}
		p, ok := parseOggPage(hb)
		if !ok {
			if len(pkts) == 1 && len(cur) > 0 {
				break
			}
			return 0, nil, corrupt("ogg page expected at offset %d", off)
		}
		if first {
			serial, first = p.serial, false
		}
		body, err := s.read(off+int64(p.hdrLen), p.bodyLen)
		if err != nil {
			return 0, nil, err
		}
		off += int64(p.hdrLen + p.bodyLen)
		if p.serial != serial {
			continue
		}
		total += len(body)
		pos := 0
		for _, l := range p.lacing {
			cur = append(cur, body[pos:pos+int(l)]...)
			pos += int(l)
			if l < 255 {
				pkts = append(pkts, cur)
				cur = nil
				if len(pkts) == 2 {
					break
				}
			}
		}
	}
	if len(pkts) == 1 && len(cur) > 0 {
		pkts = append(pkts, cur) // truncated comments: parse what there is
	}
	if len(pkts) == 0 {
		return 0, nil, corrupt("ogg stream has no complete header packet")
	}
	return serial, pkts, nil
}

// lastGranule finds the granule position of the last page of the stream
// with the given serial, searching back from the end of the file.
func lastGranule(ctx context.Context, s src, serial uint32) (uint64, bool, error) {
	const chunk = 2 * oggMaxPage
	const maxBack = 4 << 20
	end := s.size
	for back := int64(0); back < maxBack && end > 0; back += chunk - oggMaxPage {
		if err := ctx.Err(); err != nil {
			return 0, false, err
		}
		start := end - chunk
		if start < 0 {
			start = 0
		}
		b, err := s.read(start, int(end-start))
		if err != nil {
			return 0, false, err
		}
		for i := bytes.LastIndex(b, []byte("OggS")); i >= 0; i = bytes.LastIndex(b[:i], []byte("OggS")) {
			p, ok := parseOggPage(b[i:])
			if !ok || p.serial != serial || p.granule == ^uint64(0) {
				continue
			}
			if i+p.hdrLen+p.bodyLen > len(b) || !oggCRCOK(b[i:i+p.hdrLen+p.bodyLen]) {
				continue
			}
			return p.granule, true, nil
		}
		if start == 0 {
			break
		}
		end = start + oggMaxPage // overlap so a page across the boundary is seen whole
	}
	return 0, false, nil
}

func probeOgg(ctx context.Context, s src) (Info, error) {
	serial, pkts, err := oggHeaders(s)
	if err != nil {
		return Info{}, err
	}
	id := pkts[0]
	info := Info{MIME: "audio/ogg"}
	var preSkip uint64
	var rate uint64
	var commentPrefix string
	switch {
	case len(id) >= 19 && string(id[:8]) == "OpusHead":
		info.Format, info.Codec = OggOpus, "opus"
		info.Channels = int(id[9])
		preSkip = uint64(binary.LittleEndian.Uint16(id[10:12]))
		info.SampleRate = int(binary.LittleEndian.Uint32(id[12:16]))
		rate = 48000
		commentPrefix = "OpusTags"
	case len(id) >= 30 && string(id[:7]) == "\x01vorbis":
		info.Format, info.Codec = OggVorbis, "vorbis"
		info.Channels = int(id[11])
		info.SampleRate = int(binary.LittleEndian.Uint32(id[12:16]))
		rate = uint64(info.SampleRate)
		commentPrefix = "\x03vorbis"
	default:
		return Info{}, ErrUnknownFormat
	}
	if rate == 0 {
		return Info{}, corrupt("ogg stream declares a sample rate of 0")
	}
	if len(pkts) > 1 && strings.HasPrefix(string(pkts[1]), commentPrefix) {
		applyVorbisComments(&info, parseVorbisComments(pkts[1][len(commentPrefix):]))
	}
	g, ok, err := lastGranule(ctx, s, serial)
	if err != nil {
		return Info{}, err
	}
	if !ok {
		return Info{}, corrupt("no ogg page with a granule position near the end of the file")
	}
	if g > preSkip {
		g -= preSkip
	} else {
		g = 0
	}
	info.Duration = samplesToDuration(g, rate)
	info.DurationSource = "granule"
	return info, nil
}

// parseVorbisComments decodes a Vorbis comment block (vendor string, then
// a count of KEY=value entries), stopping quietly where it is cut short.
func parseVorbisComments(b []byte) [][2]string {
	if len(b) < 4 {
		return nil
	}
	vl := int64(binary.LittleEndian.Uint32(b))
	if vl > int64(len(b)-4) {
		return nil
	}
	b = b[4+vl:]
	if len(b) < 4 {
		return nil
	}
	n := binary.LittleEndian.Uint32(b)
	b = b[4:]
	var out [][2]string
	for i := uint32(0); i < n && len(b) >= 4; i++ {
		l := int64(binary.LittleEndian.Uint32(b))
		if l > int64(len(b)-4) {
			break
		}
		e := b[4 : 4+l]
		b = b[4+l:]
		k, v, ok := strings.Cut(string(e), "=")
		if !ok {
			continue
		}
		out = append(out, [2]string{strings.ToUpper(k), v})
	}
	return out
}

// applyVorbisComments sets title, artist, artwork and chapters (Xiph
// chapter extension: CHAPTERxxx, CHAPTERxxxNAME, CHAPTERxxxURL).
func applyVorbisComments(info *Info, tags [][2]string) {
	type chap struct {
		start      time.Duration
		ok         bool
		name, link string
	}
	chaps := map[int]*chap{}
	get := func(n int) *chap {
		c := chaps[n]
		if c == nil {
			c = &chap{}
			chaps[n] = c
		}
		return c
	}
	for _, kv := range tags {
		k, v := kv[0], kv[1]
		switch {
		case k == "TITLE" && info.Title == "":
			info.Title = strings.TrimSpace(v)
		case k == "ARTIST" && info.Artist == "":
			info.Artist = strings.TrimSpace(v)
		case k == "METADATA_BLOCK_PICTURE" || k == "COVERART":
			info.Artwork = true
		case strings.HasPrefix(k, "CHAPTER") && len(k) >= 10:
			num, err := strconv.Atoi(k[7:10])
			if err != nil {
				continue
			}
			switch rest := k[10:]; rest {
			case "":
				if i := strings.Index(v, "-->"); i >= 0 {
					v = v[:i]
				}
				if d, ok := parseClock(strings.TrimSpace(v)); ok {
					c := get(num)
					c.start, c.ok = d, true
				}
			case "NAME":
				get(num).name = strings.TrimSpace(v)
			case "URL":
				get(num).link = strings.TrimSpace(v)
			}
		}
	}
	if len(chaps) == 0 || len(info.Chapters) > 0 {
		return
	}
	nums := make([]int, 0, len(chaps))
	for n := range chaps {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		c := chaps[n]
		if c.ok {
			info.Chapters = append(info.Chapters, Chapter{Start: c.start, Title: c.name, URL: c.link})
		}
	}
}

// parseClock reads [[HH:]MM:]SS[.fff].
func parseClock(s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	frac := time.Duration(0)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		f := s[i+1:]
		s = s[:i]
		if len(f) > 9 {
			f = f[:9]
		}
		if f != "" {
			n, err := strconv.ParseUint(f, 10, 64)
			if err != nil {
				return 0, false
			}
			for range 9 - len(f) {
				n *= 10
			}
			frac = time.Duration(n)
		}
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, false
	}
	var total int64
	for _, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || n > 1<<31 {
			return 0, false
		}
		total = total*60 + n
	}
	return time.Duration(total)*time.Second + frac, true
}
