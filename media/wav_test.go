package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"
)

func riffChunk(id string, body []byte) []byte {
	b := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// pcmFmt is a fmt chunk body: PCM, mono, 8 kHz, 16 bits.
func pcmFmt() []byte {
	b := binary.LittleEndian.AppendUint16(nil, 1)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint32(b, 8000)
	b = binary.LittleEndian.AppendUint32(b, 16000)
	b = binary.LittleEndian.AppendUint16(b, 2)
	return binary.LittleEndian.AppendUint16(b, 16)
}

func TestProbeWAVTags(t *testing.T) {
	info := append([]byte("INFO"), riffChunk("INAM", []byte("Riff title\x00"))...)
	info = append(info, riffChunk("IART", []byte("Riff artist\x00"))...)
	id3 := buildID3(3, []id3Frame{{"APIC", []byte{0, 'i', 'm', 'a', 'g', 'e', '/', 'p', 'n', 'g', 0, 3, 0, 1, 2, 3}}})
	body := bytes.Join([][]byte{[]byte("WAVE"), riffChunk("fmt ", pcmFmt()), riffChunk("LIST", info), riffChunk("data", make([]byte, 16000*3/2)), riffChunk("id3 ", id3)}, nil)
	file := append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
	got, err := Probe(context.Background(), bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Duration != 1500*time.Millisecond || got.Title != "Riff title" || got.Artist != "Riff artist" || !got.Artwork {
		t.Errorf("Probe(wav with tags) = %v %q %q artwork %v, want 1.5s %q %q true", got.Duration, got.Title, got.Artist, got.Artwork, "Riff title", "Riff artist")
	}
}

func TestProbeRF64(t *testing.T) {
	ds64 := binary.LittleEndian.AppendUint64(nil, 0)       // RIFF size
	ds64 = binary.LittleEndian.AppendUint64(ds64, 32000)   // data size
	ds64 = binary.LittleEndian.AppendUint64(ds64, 16000)   // sample count
	ds64 = binary.LittleEndian.AppendUint32(ds64, 0)       // table length
	data := append([]byte("data"), 0xFF, 0xFF, 0xFF, 0xFF) // size in ds64
	data = append(data, make([]byte, 32000)...)
	body := bytes.Join([][]byte{[]byte("WAVE"), riffChunk("ds64", ds64), riffChunk("fmt ", pcmFmt()), data}, nil)
	file := append([]byte("RF64\xff\xff\xff\xff"), body...)
	got, err := Probe(context.Background(), bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Format != WAV || got.Duration != 2*time.Second {
		t.Errorf("Probe(RF64) = %q %v, want wav 2s", got.Format, got.Duration)
	}
}
