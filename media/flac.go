package media

import (
	"bufio"
	"fmt"
	"io"

	"github.com/mewkiz/flac/meta"
)

// probeFLAC reads STREAMINFO (with mewkiz/flac) for the duration, then
// walks the remaining metadata block headers itself for Vorbis comments
// and pictures, so that no block size is trusted before it is checked.
func probeFLAC(s src, off int64) (Info, error) {
	// Check the first block is a 34-byte STREAMINFO before handing it over.
	h, err := s.read(off+4, 4)
	if err != nil {
		return Info{}, err
	}
	if h[0]&0x7F != 0 || h[1] != 0 || h[2] != 0 || h[3] != 34 {
		return Info{}, corrupt("flac: first metadata block is not a 34-byte STREAMINFO")
	}
	br := bufio.NewReaderSize(io.NewSectionReader(s.r, off+4, s.size-off-4), 64)
	block, err := meta.Parse(br)
	if err != nil {
		return Info{}, corrupt("flac STREAMINFO: %v", err)
	}
	si, ok := block.Body.(*meta.StreamInfo)
	if !ok {
		return Info{}, corrupt("flac: first metadata block is %v, not STREAMINFO", block.Type)
	}
	info := Info{
		Format:     FLAC,
		MIME:       "audio/flac",
		Codec:      "flac",
		SampleRate: int(si.SampleRate),
		Channels:   int(si.NChannels),
	}
	if si.SampleRate == 0 {
		return Info{}, corrupt("flac STREAMINFO declares a sample rate of 0")
	}
	info.Duration = samplesToDuration(si.NSamples, uint64(si.SampleRate))
	info.DurationSource = "streaminfo"

	pos := off + 4 + 4 + int64(block.Length)
	last := block.IsLast
	comments := 0
	var hb [4]byte
	for n := 0; !last && n < 1024; n++ {
		h := hb[:]
		if err := s.readInto(h, pos); err != nil {
			return Info{}, corrupt("flac metadata block header at offset %d: %v", pos, err)
		}
		last = h[0]&0x80 != 0
		typ := h[0] & 0x7F
		length := int64(h[1])<<16 | int64(h[2])<<8 | int64(h[3])
		body := pos + 4
		if length > s.size-body {
			return Info{}, corrupt("flac metadata block at offset %d claims %d bytes, past the end of the file", pos, length)
		}
		switch typ {
		case 4: // VORBIS_COMMENT: the first is read entry by entry; the
			// format allows one, so any other is skipped unread.
			comments++
			if comments == 1 {
				tags, warn, err := readVorbisComments(s, body, length)
				if err != nil {
					return Info{}, err
				}
				applyVorbisComments(&info, tags)
				if warn != "" {
					info.Warnings = append(info.Warnings, "flac: "+warn)
				}
			}
		case 6: // PICTURE
			info.Artwork = true
		case 127:
			return Info{}, corrupt("flac metadata block type 127 at offset %d is invalid", pos)
		}
		pos = body + length
	}
	if comments > 1 {
		info.Warnings = append(info.Warnings, fmt.Sprintf("flac: %d VORBIS_COMMENT blocks, where the format allows one: all but the first skipped unread", comments))
	}
	return info, nil
}
