package validate

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/artwork"
	"github.com/podfeed/podfeed/fetch"
)

// Artwork limits (catalogue §2.3 apple-image-size; Apple's artwork page).
const (
	netArtMin      = artwork.MinSide
	netArtMax      = artwork.MaxSide
	netArtMaxBytes = artwork.MaxBytes // download cap for one artwork file
	netArtBigBytes = artwork.BigBytes // above this, an info that large art loads slowly
)

// netArtFinding is one thing the artwork check found.
type netArtFinding struct {
	sev Severity
	msg string
}

// netCheckArtwork downloads one artwork file and judges it against
// Apple's artwork requirements.
func netCheckArtwork(ctx context.Context, opt fetch.Options, u string) []netArtFinding {
	var out []netArtFinding
	add := func(sev Severity, format string, args ...any) {
		out = append(out, netArtFinding{sev, fmt.Sprintf(format, args...)})
	}
	head, headErr := fetch.Head(ctx, u, opt)
	getOpt := opt
	getOpt.MaxBytes = netArtMaxBytes
	resp, err := fetch.Get(ctx, u, getOpt)
	if err != nil {
		add(Error, "artwork %q cannot be downloaded: %s", u, onlineErrText(err))
		return out
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		add(Error, "artwork %q cannot be downloaded: %s", u, onlineErrText(err))
		return out
	}
	if resp.Status != http.StatusOK {
		add(Error, "artwork %q cannot be downloaded: %s", u, onlineStatusText(resp.Status))
		return out
	}
	if !onlineOK(head, headErr) {
		add(Error, "artwork %q answers GET but not HEAD (%s); Apple needs HEAD requests for artwork", u, onlineFailure(head, headErr))
	}
	im := netSniffImage(body)
	if im.format != "jpeg" && im.format != "png" {
		add(Error, "artwork %q is %s, not JPEG or PNG", u, netFormatName(im.format))
		return out
	}
	var disagree []string
	if f, ext := netImageFormatOfURL(u); f != "" && f != im.format {
		disagree = append(disagree, fmt.Sprintf("its name ends in %q", ext))
	}
	if f := netImageFormatOfType(resp.ContentType); f != im.format {
		disagree = append(disagree, fmt.Sprintf("it is served as Content-Type %q", resp.ContentType))
	}
	if len(disagree) > 0 {
		add(Warning, "artwork %q is %s but %s", u, netFormatName(im.format), strings.Join(disagree, " and "))
	}
	if im.err != nil {
		add(Error, "artwork %q does not decode as %s: %v", u, netFormatName(im.format), im.err)
		return out
	}
	switch {
	case im.width != im.height:
		add(Error, "artwork %q is %d×%d pixels; it must be square", u, im.width, im.height)
	case im.width < netArtMin || im.width > netArtMax:
		add(Error, "artwork %q is %d×%d pixels; it must be between %d×%d and %d×%d", u, im.width, im.height, netArtMin, netArtMin, netArtMax, netArtMax)
	}
	switch im.colour {
	case "gray":
		add(Error, "artwork %q is grayscale; Apple requires the RGB colour space", u)
	case "cmyk":
		add(Error, "artwork %q is CMYK; Apple requires the RGB colour space", u)
	}
	if im.alpha {
		add(Warning, "artwork %q has an alpha channel or transparency; Apple asks for artwork without one", u)
	}
	if rng, err := fetch.Range(ctx, u, 0, 1, opt); err == nil && rng.Status == http.StatusOK {
		add(Warning, "artwork %q answers a byte-range request with 200 instead of 206; Apple asks hosts to support byte ranges", u)
	}
	if n := len(body); n > netArtBigBytes {
		add(Info, "artwork %q is %.1f MB; large artwork loads slowly in apps", u, float64(n)/(1<<20))
	}
	return out
}

// netArtTarget is an itunes:image, or a podcast:image when pi is set.
type netArtTarget struct {
	netPIImage
	pi bool
}

// netArtState collects the artwork of the channel and the newest items.
type netArtState struct {
	items   onlineNewest[netArtTarget]
	channel []netArtTarget
}

// netArtTargets returns the itunes:image and podcast:image of n.
func netArtTargets(n *Node) []netArtTarget {
	var out []netArtTarget
	for _, t := range onlineItemTargets(n, NSItunes, "image", "href") {
		out = append(out, netArtTarget{netPIImage: netPIImage{onlineTarget: t}})
	}
	for _, im := range netPIImages(n) {
		out = append(out, netArtTarget{netPIImage: im, pi: true})
	}
	return out
}

// netDedupeArt judges each URL once per kind, at its first position.
func netDedupeArt(ts []netArtTarget) []netArtTarget {
	seen := map[string]int{}
	var out []netArtTarget
	for _, t := range ts {
		key := strconv.FormatBool(t.pi) + " " + t.URL
		if i, ok := seen[key]; ok {
			if onlineBefore(t.Pos, out[i].Pos) {
				out[i] = t
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, t)
	}
	return out
}

func ruleNetArtwork() *Rule {
	return &Rule{
		Code:     "net-artwork",
		Title:    "Artwork must download and meet Apple's requirements",
		Severity: Error,
		Profiles: []Profile{ProfileApple, ProfileSpotify},
		Source:   "APG, ART, APR, CFV, BLU",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "With `--online`, the `itunes:image` of the channel and of the newest episodes is " +
			"downloaded and its header decoded. Errors: it cannot be downloaded, HEAD is refused " +
			"(Apple needs HEAD for artwork), it is not JPEG or PNG (GIF, WebP and others are " +
			"named), it is not square, it is smaller than 1400×1400 or larger than 3000×3000 " +
			"pixels, or it is grayscale or CMYK instead of RGB. Warnings: the real format " +
			"disagrees with the file extension or Content-Type, it has an alpha channel, or the " +
			"server ignores byte ranges. Files over 1 MB are reported as information. " +
			"`podcast:image` is not held to Apple's rules, since it may have any aspect ratio and " +
			"format: it must download (error), and it is a warning when it is not a known image " +
			"format without a `type`, when its format disagrees with `type`, or when its real " +
			"size disagrees with `width`, `height` or `aspect-ratio`.",
		Hint: "Serve a square RGB JPEG or PNG between 1400×1400 and 3000×3000 pixels, from a server that answers HEAD and byte-range requests.",
		Bad:  `<itunes:image href="https://example.com/cover-600.gif"/>`,
		Good: `<itunes:image href="https://example.com/cover-3000.jpg"/>`,
		Refs: []string{
			"https://podcasters.apple.com/support/896-artwork-requirements",
			"https://podcasters.apple.com/support/823-podcast-requirements",
		},

		NewState: func() any { return &netArtState{} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*netArtState)
			st.items.add(p, it, netArtTargets(it))
		},
		Channel: func(p *Pass, ch *Node) {
			st := p.State.(*netArtState)
			st.channel = netArtTargets(ch)
		},
		Finish: func(p *Pass) {
			st := p.State.(*netArtState)
			targets := netDedupeArt(append(st.channel, st.items.all()...))
			opt := onlineOptions(p)
			defer onlineClose(opt)
			results := onlineEach(p, targets, func(ctx context.Context, t netArtTarget) []netArtFinding {
				if t.pi {
					return netCheckPIImage(ctx, opt, t.netPIImage)
				}
				return netCheckArtwork(ctx, opt, t.URL)
			})
			for i, t := range targets {
				for _, f := range results[i] {
					p.ReportSeverityf(f.sev, t.Pos, "%s", f.msg)
				}
			}
		},
	}
}
