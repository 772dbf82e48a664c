package validate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/media"
)

// netProbeTarget is the newest episode's enclosure and its itunes:duration.
type netProbeTarget struct {
	enc         onlineTarget
	duration    string // itunes:duration, trimmed; "" when absent
	durationPos Pos
}

// netProbeDrift is how far the real duration may be from itunes:duration
// before it is reported: the larger of 5 seconds and 5%.
func netProbeDrift(d time.Duration) time.Duration {
	return max(5*time.Second, d/20)
}

// netFormatDuration prints H:MM:SS.
func netFormatDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// netProbeFinding is one thing the media probe found.
type netProbeFinding struct {
	pos Pos
	msg string
}

func netProbeEnclosure(ctx context.Context, opt fetch.Options, t netProbeTarget) []netProbeFinding {
	rr, err := fetch.NewRangeReader(ctx, t.enc.URL, opt)
	if err != nil {
		return nil // unreachable or no ranges: the enclosure rules report it
	}
	defer rr.Close()
	info, err := media.Probe(ctx, rr, rr.Size())
	if err != nil {
		if errors.Is(err, media.ErrUnknownFormat) {
			return []netProbeFinding{{t.enc.Pos, fmt.Sprintf("enclosure %q is not a recognised audio or video file", t.enc.URL)}}
		}
		return []netProbeFinding{{t.enc.Pos, fmt.Sprintf("enclosure %q could not be analysed: %v", t.enc.URL, err)}}
	}
	var out []netProbeFinding
	if secs, ok := raDurationSeconds(t.duration); ok && info.Duration > 0 {
		declared := time.Duration(secs) * time.Second
		diff := info.Duration - declared
		if diff < 0 {
			diff = -diff
		}
		if diff > netProbeDrift(info.Duration) {
			out = append(out, netProbeFinding{t.durationPos, fmt.Sprintf("itunes:duration %q says %s but the newest episode's file %q plays for %s",
				t.duration, netFormatDuration(declared), t.enc.URL, netFormatDuration(info.Duration))})
		}
	}
	if info.Format == media.MP3 && info.Title == "" {
		out = append(out, netProbeFinding{t.enc.Pos, fmt.Sprintf("enclosure %q has no ID3 title tag; players that show the file's tags show nothing", t.enc.URL)})
	}
	if info.SampleRate != 0 && info.SampleRate != 44100 && info.SampleRate != 48000 {
		out = append(out, netProbeFinding{t.enc.Pos, fmt.Sprintf("enclosure %q is sampled at %d Hz; 44100 or 48000 Hz plays everywhere", t.enc.URL, info.SampleRate)})
	}
	return out
}

func ruleNetMediaProbe() *Rule {
	type state struct{ items onlineNewest[netProbeTarget] }
	return &Rule{
		Code:     "net-media-probe",
		Title:    "The newest episode's file agrees with the feed",
		Severity: Info,
		Profiles: onlineProfiles(),
		Source:   "CFV",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "With `--online`, the enclosure of the newest episode is analysed through byte-range " +
			"requests (only the headers are read): its real duration is compared with " +
			"`itunes:duration` (more than 5 seconds or 5% apart is reported), an MP3 without an " +
			"ID3 title tag and a sample rate other than 44.1 or 48 kHz are noted. Only one " +
			"episode is analysed, to keep the run light.",
		Hint: "Write itunes:duration from the file itself (podfeed build does), and tag the file's title.",
		Bad:  `<itunes:duration>1800</itunes:duration> (the file plays for 42:10)`,
		Good: `<itunes:duration>2530</itunes:duration>`,
		Refs: []string{"https://provideocoalition.com/review-cast-feed-validator-for-podcasts-with-accented-domains-in-their-rss-feed/amp"},

		NewState: func() any { return &state{items: onlineNewest[netProbeTarget]{limit: 1, onlyWithTargets: true}} },
		Item: func(p *Pass, it *Node) {
			st := p.State.(*state)
			encs := onlineEnclosures(it)
			if len(encs) == 0 {
				st.items.add(p, it, nil)
				return
			}
			t := netProbeTarget{enc: encs[0], durationPos: encs[0].Pos}
			if d := p.kid(it, ckItDuration); d != nil {
				t.duration, t.durationPos = strings.Clone(raText(d)), raTextPos(d) // kept past the hook: a copy (see Node)
			}
			st.items.add(p, it, []netProbeTarget{t})
		},
		Finish: func(p *Pass) {
			st := p.State.(*state)
			targets := st.items.all()
			opt := onlineOptions(p)
			defer onlineClose(opt)
			results := onlineEach(p, targets, func(ctx context.Context, t netProbeTarget) []netProbeFinding {
				return netProbeEnclosure(ctx, opt, t)
			})
			for _, fs := range results {
				for _, f := range fs {
					p.Reportf(f.pos, "%s", f.msg)
				}
			}
		},
	}
}
