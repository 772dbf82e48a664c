package validate

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

// The online checks read files downloaded from untrusted servers: artwork
// headers, chapter JSON and transcripts. None of them may panic.

func FuzzSniffImage(f *testing.F) {
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		f.Fatal(err)
	}
	if err := png.Encode(&p, image.NewNRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		f.Fatal(err)
	}
	f.Add(j.Bytes())
	f.Add(p.Bytes())
	f.Add(cmykJPEG(1400, 1400))
	f.Add([]byte("GIF89a"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBP"))
	f.Fuzz(func(t *testing.T, b []byte) {
		im := netSniffImage(b)
		if im.err == nil && (im.width < 0 || im.height < 0) {
			t.Errorf("negative size %dx%d", im.width, im.height)
		}
	})
}

func FuzzCheckChaptersJSON(f *testing.F) {
	f.Add([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"location":{"name":"a","geo":"geo:1,2"}}]}`))
	f.Add([]byte(`{"version":1,"chapters":{}}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, c := range netCheckChaptersJSON(b) {
			if c.msg == "" || c.sev < Info || c.sev > Error {
				t.Errorf("bad finding %+v", c)
			}
		}
	})
}

func FuzzSniffTranscript(f *testing.F) {
	f.Add([]byte("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n"))
	f.Add([]byte("1\n00:00:00,000 --> 00:00:01,000\nhi\n"))
	f.Add([]byte(`{"segments":[{}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		kind, _ := netSniffTranscript(b)
		switch kind {
		case "vtt", "srt", "json", "html", "text":
		default:
			t.Errorf("unknown kind %q", kind)
		}
	})
}
