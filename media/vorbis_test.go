package media

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func vorbisComments(vendor string, kv ...string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(vendor)))
	b = append(b, vendor...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(kv)))
	for _, e := range kv {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e)))
		b = append(b, e...)
	}
	return b
}

func TestVorbisCommentChapters(t *testing.T) {
	b := vorbisComments("test",
		"title=Episode",
		"ARTIST=Host",
		"CHAPTER001=00:01:30.5",
		"chapter001name=Second",
		"CHAPTER001URL=https://example.org/2",
		"CHAPTER000=00:00:00.000-->00:01:30.500",
		"CHAPTER000NAME=First",
		"CHAPTER002=garbage",
		"METADATA_BLOCK_PICTURE=AAAA",
		"no equals sign",
	)
	var info Info
	applyVorbisComments(&info, parseVorbisComments(b))
	info.Chapters = finishChapters(info.Chapters, 2*time.Minute)
	want := Info{
		Title: "Episode", Artist: "Host", Artwork: true,
		Chapters: []Chapter{
			{Start: 0, End: 90500 * time.Millisecond, Title: "First"},
			{Start: 90500 * time.Millisecond, End: 2 * time.Minute, Title: "Second", URL: "https://example.org/2"},
		},
	}
	if diff := cmp.Diff(want, info); diff != "" {
		t.Errorf("vorbis comments mismatch (-want +got):\n%s", diff)
	}
}

func TestVorbisCommentsLie(t *testing.T) {
	b := vorbisComments("v", "TITLE=x")
	binary.LittleEndian.PutUint32(b[5:], 1<<31) // count far beyond the entries
	if got := parseVorbisComments(b); len(got) != 1 {
		t.Errorf("parseVorbisComments(lying count) = %v, want the one entry present", got)
	}
	binary.LittleEndian.PutUint32(b, 1<<31) // vendor length beyond the block
	if got := parseVorbisComments(b); got != nil {
		t.Errorf("parseVorbisComments(lying vendor length) = %v, want nil", got)
	}
}
