package validate

import (
	"bytes"
	"context"
	"fmt"
	"image/gif"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/fetch"
)

// netPIImage is a podcast:image with the attributes the online check
// compares with the file.
type netPIImage struct {
	onlineTarget
	width, height, ratio string // attribute values, trimmed
}

// netPIImages returns the podcast:image elements of a channel or item.
func netPIImages(n *Node) []netPIImage {
	var out []netPIImage
	for _, c := range n.ChildrenNamed(NSPodcast, "image") {
		t, ok := onlineURLAttr(c, "href")
		if !ok {
			continue
		}
		im := netPIImage{onlineTarget: t}
		for _, a := range []struct {
			name string
			dst  *string
		}{{"width", &im.width}, {"height", &im.height}, {"aspect-ratio", &im.ratio}} {
			if v := c.Attr(a.name); v != nil {
				*a.dst = strings.TrimSpace(v.Value)
			}
		}
		out = append(out, im)
	}
	return out
}

// netParseRatio reads a CSS ratio ("16/9", "1.91", "1 / 1").
func netParseRatio(s string) (float64, bool) {
	num, den := s, "1"
	if i := strings.IndexByte(s, '/'); i >= 0 {
		num, den = s[:i], s[i+1:]
	}
	n, err1 := strconv.ParseFloat(strings.TrimSpace(num), 64)
	d, err2 := strconv.ParseFloat(strings.TrimSpace(den), 64)
	if err1 != nil || err2 != nil || n <= 0 || d <= 0 {
		return 0, false
	}
	return n / d, true
}

// netCheckPIImage judges one podcast:image (catalogue §7 1c): it must
// download (error); it must decode as an image or match its type, and its
// real size and ratio must agree with width, height and aspect-ratio
// (warnings). Apple's artwork rules do not apply: any ratio and format is
// allowed.
func netCheckPIImage(ctx context.Context, opt fetch.Options, t netPIImage) []netArtFinding {
	var out []netArtFinding
	add := func(sev Severity, format string, args ...any) {
		out = append(out, netArtFinding{sev, fmt.Sprintf(format, args...)})
	}
	opt.MaxBytes = netArtMaxBytes
	resp, err := fetch.Get(ctx, t.URL, opt)
	if err != nil {
		add(Error, "podcast:image %q cannot be downloaded: %s", t.URL, onlineErrText(err))
		return out
	}
	// The header is enough for the size; read at most 1 MB of it.
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	switch {
	case err != nil:
		add(Error, "podcast:image %q cannot be downloaded: %s", t.URL, onlineErrText(err))
		return out
	case resp.Status != http.StatusOK:
		add(Error, "podcast:image %q cannot be downloaded: %s", t.URL, onlineStatusText(resp.Status))
		return out
	}
	declared := strings.ToLower(t.Type)
	if declared != "" && !strings.HasPrefix(declared, "image/") {
		return nil // a video or another asset: nothing to decode
	}
	im := netSniffImage(body)
	if im.format == "gif" {
		if cfg, err := gif.DecodeConfig(bytes.NewReader(body)); err == nil {
			im.width, im.height = cfg.Width, cfg.Height
		}
	}
	if im.format == "" {
		add(Warning, "podcast:image %q is not a JPEG, PNG, GIF or WebP image; give its type", t.URL)
		return out
	}
	if f := netImageFormatOfType(declared); declared != "" && f != "" && f != im.format {
		add(Warning, "podcast:image %q is %s but type=%q", t.URL, netFormatName(im.format), t.Type)
	}
	if im.err != nil {
		add(Warning, "podcast:image %q does not decode as %s: %v", t.URL, netFormatName(im.format), im.err)
		return out
	}
	if im.width == 0 || im.height == 0 {
		return out // WebP: size not read
	}
	if w, err := strconv.Atoi(t.width); err == nil && w != im.width {
		add(Warning, "podcast:image %q is %d pixels wide but width=%q", t.URL, im.width, t.width)
	}
	if h, err := strconv.Atoi(t.height); err == nil && h != im.height {
		add(Warning, "podcast:image %q is %d pixels high but height=%q", t.URL, im.height, t.height)
	}
	if r, ok := netParseRatio(t.ratio); ok {
		real := float64(im.width) / float64(im.height)
		if math.Abs(real-r)/r > 0.01 {
			add(Warning, "podcast:image %q is %d×%d pixels, not aspect-ratio=%q", t.URL, im.width, im.height, t.ratio)
		}
	}
	return out
}
