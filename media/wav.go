package media

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
)

// probeWAV walks the RIFF (or RF64) chunks of a WAVE file.
func probeWAV(s src) (Info, error) {
	info := Info{Format: WAV, MIME: "audio/wav"}
	rf64 := false
	if h, _ := s.read(0, 4); string(h) == "RF64" {
		rf64 = true
	}
	var ds64Data uint64
	var byteRate, blockAlign uint32
	var dataSize int64 = -1
	pos := int64(12)
	for n := 0; n < 10000 && pos+8 <= s.size; n++ {
		h, err := s.read(pos, 8)
		if err != nil {
			return Info{}, err
		}
		id := string(h[:4])
		size := int64(binary.LittleEndian.Uint32(h[4:8]))
		body := pos + 8
		remaining := s.size - body
		switch id {
		case "ds64":
			b, err := s.read(body, min(int(min(size, remaining)), 28))
			if err != nil || len(b) < 16 {
				return Info{}, corrupt("wav ds64 chunk is too short")
			}
			ds64Data = binary.LittleEndian.Uint64(b[8:16])
		case "fmt ":
			b, err := s.read(body, min(int(min(size, remaining)), 40))
			if err != nil || len(b) < 16 {
				return Info{}, corrupt("wav fmt chunk at offset %d is too short", pos)
			}
			tag := binary.LittleEndian.Uint16(b[0:2])
			info.Channels = int(binary.LittleEndian.Uint16(b[2:4]))
			info.SampleRate = int(binary.LittleEndian.Uint32(b[4:8]))
			byteRate = binary.LittleEndian.Uint32(b[8:12])
			blockAlign = uint32(binary.LittleEndian.Uint16(b[12:14]))
			if tag == 0xFFFE && len(b) >= 26 {
				tag = binary.LittleEndian.Uint16(b[24:26])
			}
			switch tag {
			case 1:
				info.Codec = "pcm"
			case 3:
				info.Codec = "pcm-float"
			case 0x55:
				info.Codec = "mp3"
			default:
				info.Codec = "wav-0x" + strings.ToLower(strings.TrimLeft(hex16(tag), "0"))
			}
		case "data":
			dataSize = size
			if rf64 && size == 0xFFFFFFFF {
				dataSize = int64(min(ds64Data, uint64(remaining)))
			}
			if dataSize > remaining || size == 0xFFFFFFFF {
				dataSize = remaining // a streamed or cut-short file
			}
		case "LIST":
			if size >= 4 && size <= maxFrameRead && size <= remaining {
				b, err := s.read(body, int(size))
				if err == nil && string(b[:4]) == "INFO" {
					readRIFFInfo(&info, b[4:])
				}
			}
		case "id3 ", "ID3 ":
			if size <= remaining {
				sub := src{r: io.NewSectionReader(s.r, body, size), size: size}
				if t, err := readID3v2(sub, 0); err == nil {
					t.apply(&info)
				}
			}
		}
		if id == "data" && dataSize >= remaining {
			break
		}
		if size > remaining {
			break
		}
		pos = body + size + size&1
	}
	if dataSize < 0 {
		return Info{}, corrupt("wav file has no data chunk")
	}
	if byteRate == 0 || info.SampleRate == 0 {
		return Info{}, corrupt("wav file has no usable fmt chunk")
	}
	if blockAlign > 0 && (info.Codec == "pcm" || info.Codec == "pcm-float") {
		info.Duration = samplesToDuration(uint64(dataSize)/uint64(blockAlign), uint64(info.SampleRate))
	} else {
		info.Duration = samplesToDuration(uint64(dataSize), uint64(byteRate))
	}
	info.DurationSource = "wav"
	info.Bitrate = int(byteRate) * 8
	return info, nil
}

func hex16(v uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// readRIFFInfo reads INAM (title) and IART (artist) from a LIST/INFO body.
func readRIFFInfo(info *Info, b []byte) {
	for len(b) >= 8 {
		id := string(b[:4])
		n := int(binary.LittleEndian.Uint32(b[4:8]))
		if n < 0 || n > len(b)-8 {
			return
		}
		v := b[8 : 8+n]
		if i := bytes.IndexByte(v, 0); i >= 0 {
			v = v[:i]
		}
		switch id {
		case "INAM":
			if info.Title == "" {
				info.Title = strings.TrimSpace(strings.ToValidUTF8(string(v), "\uFFFD"))
			}
		case "IART":
			if info.Artist == "" {
				info.Artist = strings.TrimSpace(strings.ToValidUTF8(string(v), "\uFFFD"))
			}
		}
		b = b[8+n:]
		if n&1 == 1 && len(b) > 0 {
			b = b[1:]
		}
	}
}
