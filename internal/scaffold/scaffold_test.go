package scaffold

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/podfeed/podfeed/artwork"
	"github.com/podfeed/podfeed/media"
)

func TestCover(t *testing.T) {
	for _, side := range []int{1400} {
		b, err := Cover("The Lantern Hour", side)
		if err != nil {
			t.Fatal(err)
		}
		im := artwork.Sniff(b)
		if im.Width != side || im.Height != side || im.Format != "jpeg" || im.Colour != "rgb" {
			t.Errorf("Cover(%d) = %+v", side, im)
		}
		if p := artwork.Check(im, int64(len(b)), CoverFile); len(p) > 0 {
			t.Errorf("Cover(%d) fails the artwork check: %+v", side, p)
		}
	}
	a, _ := Cover("One", 1400)
	b, _ := Cover("One", 1400)
	if !bytes.Equal(a, b) {
		t.Error("Cover is not deterministic")
	}
}

func TestSilentMP3(t *testing.T) {
	b := SilentMP3(5)
	info, err := media.Probe(context.Background(), bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the silent MP3 does not probe: %v", err)
	}
	if info.MIME != "audio/mpeg" || info.Duration < 5*time.Second || info.Duration > 5100*time.Millisecond {
		t.Errorf("probe = %s, %s; want audio/mpeg, 5 s", info.MIME, info.Duration)
	}
	if n := len(b); n < 19000 || n > 21000 {
		t.Errorf("5 s at 32 kbit/s is %d bytes, want about 20,000", n)
	}
}
