package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/publish"
	"github.com/podfeed/podfeed/show"
	"github.com/podfeed/podfeed/validate"
)

// perRuleShown is how many findings of one rule a build prints; the rest
// are counted.
const perRuleShown = 20

// gateInput is the feed about to be written and where it came from.
type gateInput struct {
	dir      string // the show folder, as the user gave it
	res      *show.Result
	feedName string // the feed's name in the output folder
	// feed holds the feed's bytes (the file it was encoded into), and
	// layout where the encoder put its items: the gate reads it twice in
	// pieces, to validate it and to trace findings, and never holds it
	// whole.
	feed   *io.SectionReader
	layout *feed.Layout
}

// missingKeys names, for the findings about something absent, the key of
// the definitions that supplies it: the finding is reported where the key
// goes, with a hint to add it when it is not set.
var missingKeys = map[string]string{
	"apple-author":                 "author",
	"apple-category-missing":       "categories",
	"apple-explicit-missing":       "explicit",
	"apple-image-missing":          "image",
	"apple-owner-email":            "owner.email",
	"apple-serial-episode-number":  "episode",
	"rss-atom-self":                "feed_url",
	"rss-channel-description":      "description",
	"rss-channel-language":         "language",
	"rss-channel-link":             "link",
	"rss-channel-title":            "title",
	"rss-enclosure-length-suspect": "length",
	"rss-enclosure-missing":        "audio",
	"rss-guid-missing":             "guid",
	"rss-item-title":               "title",
	"spotify-artwork":              "image",
	"spotify-owner-email":          "owner.email",
}

// gateFinding is one validator finding traced back to the show.
type gateFinding struct {
	place show.Place
	d     validate.Diagnostic
	sev   string
	msg   string
}

// gateFeed runs the validator on the feed about to be written. Each finding
// is reported at the place in the show's files that produced it (the
// episode file or podcast.yaml, line and column), followed by its place in
// the feed. Errors stop the build unless force is set; warnings are
// printed unless quiet (then only counted). Each rule prints at most
// perRuleShown findings.
func gateFeed(ctx context.Context, e *env, in gateInput, force, quiet bool) error {
	layout := newFeedSpots(in.feed, in.layout)
	res, err := validate.Run(ctx, layout.track(io.NewSectionReader(in.feed, 0, in.feed.Size())), validate.Config{Path: in.feedName})
	if err != nil {
		return fmt.Errorf("validate the new feed: %w", err)
	}
	var (
		findings []gateFinding
		errs     int
		hidden   int // warnings not shown (quiet)
	)
	said := saidByBuild(in.res)
	for _, d := range res.Diagnostics {
		if said.rules[d.Code] {
			if _, p, _ := placeFinding(in.res, layout, d); said.repeats(in.dir, d, p) {
				continue
			}
		}
		sev := "warning"
		switch d.Severity {
		case validate.Error:
			sev = "error"
			errs++
		case validate.Info:
			continue
		default:
			if quiet {
				hidden++
				continue
			}
		}
		_, place, msg := placeFinding(in.res, layout, d)
		if d.Code == "rss-no-items" {
			if h := heldNote(in.res.Held); h != "" {
				msg += "; held back: " + strings.TrimPrefix(h, ", ")
			}
		}
		findings = append(findings, gateFinding{place: place, d: d, sev: sev, msg: msg})
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i].place, findings[j].place
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	shown := map[string]int{}
	var codes []string
	for _, f := range findings {
		if shown[f.d.Code] == 0 {
			codes = append(codes, f.d.Code)
		}
		shown[f.d.Code]++
		if shown[f.d.Code] > perRuleShown {
			continue
		}
		fmt.Fprintf(e.stderr, "%s: %s: %s [%s] (%s:%d:%d)\n", placeString(in.dir, f.place), f.sev, f.msg, f.d.Code, in.feedName, f.d.Pos.Line, f.d.Pos.Col)
	}
	for _, code := range codes {
		if n := shown[code] - perRuleShown; n > 0 {
			fmt.Fprintf(e.stderr, "podfeed: %s of [%s] not shown\n", plural(n, "more finding"), code)
		}
	}
	if hidden > 0 {
		fmt.Fprintf(e.stderr, "podfeed: %s from the validator not shown (--quiet)\n", plural(hidden, "warning"))
	}
	if errs == 0 {
		return nil
	}
	if force {
		fmt.Fprintf(e.stderr, "podfeed: --force: writing a feed with %s\n", plural(errs, "validation error"))
		return nil
	}
	return invalidInput(fmt.Errorf("the new feed has %s; nothing was written (fix the definitions, or --force to write anyway)", plural(errs, "validation error")))
}

// buildSaid is what the build's own warnings already say more precisely
// than the validator: a relative link in notes is warned about at its own
// line and column, where rss-relative-link finds it once per element
// (<description>, <content:encoded>) at the notes' first line.
type buildSaid struct {
	rules map[string]bool            // validator rules some warning stands for
	files map[string]map[string]bool // rule -> show files warned about, as the warnings name them
}

// saidByBuild collects the build warnings of res that stand for a
// validator rule (show.Error.Rule).
func saidByBuild(res *show.Result) buildSaid {
	s := buildSaid{rules: map[string]bool{}, files: map[string]map[string]bool{}}
	for _, w := range res.Warnings {
		if w.Rule == "" {
			continue
		}
		s.rules[w.Rule] = true
		if s.files[w.Rule] == nil {
			s.files[w.Rule] = map[string]bool{}
		}
		s.files[w.Rule][w.File] = true
	}
	return s
}

// repeats reports whether validator finding d, traced to place p of the
// show in folder dir, says again what a build warning said.
func (s buildSaid) repeats(dir string, d validate.Diagnostic, p show.Place) bool {
	files := s.files[d.Code]
	// Warnings name their files in the show folder, or as given with it.
	return files != nil && (files[p.File] || files[filepath.Join(dir, filepath.FromSlash(p.File))])
}

// placeFinding traces a validator finding about the encoded feed (laid
// out by layout) back to the show: the item it is in (-1 outside every
// item), the place in the show's files that produced it, and its message,
// which says which key to add when what it misses is not set. The build
// gate and podfeed serve report findings through it.
func placeFinding(res *show.Result, layout spotter, d validate.Diagnostic) (item int, place show.Place, msg string) {
	spot := layout.At(d.Pos.Line, d.Pos.Col)
	place, _ = res.PlaceOf(spot)
	msg = d.Message
	if key, ok := missingKeys[d.Code]; ok {
		p := res.ShowPlace(key)
		if spot.Item >= 0 {
			p = res.ItemPlace(spot.Item, key)
		}
		place = p
		if !p.Found {
			msg += fmt.Sprintf(" (add %s: to %s)", key, p.File)
		}
	}
	return spot.Item, place, msg
}

// placeString formats a place in the show folder dir: "dir/file:line:col".
func placeString(dir string, p show.Place) string {
	f := filepath.Join(dir, filepath.FromSlash(p.File))
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", f, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", f, p.Line)
	}
	return f
}

// checkSubscribers compares the new feed with the one subscribers have
// (prev) and refuses changes that break them unless accept is set. Each
// change is reported where the show causes it. A show without guid whose
// guid would change with feed_url is refused even with accept: the fix is
// one line, and accepting would show every episode twice.
func checkSubscribers(e *env, dir string, def *show.Definition, res *show.Result, prev *previousFeed, accept bool) error {
	ch := res.Channel
	if was := unpinnedMove(def, res, prev); was != "" {
		why := fmt.Sprintf("feed_url is %q and the published feed's was %q", ch.SelfURL, prev.sum.SelfURL)
		if prev.sum.SelfURL == "" || prev.sum.SelfURL == ch.SelfURL {
			why = fmt.Sprintf("the published feed's podcast:guid is %q and this build's would be %q", was, ch.GUID)
		}
		fmt.Fprintf(e.stderr, "%s: error: %s: with no guid in podcast.yaml, the show's podcast:guid and the GUID of every episode without its own derive from feed_url, so they would all change and apps would list every episode again. Keep them with this line in podcast.yaml:\n    guid: %s\n",
			placeString(dir, res.ShowPlace("feed_url")), why, was)
		return invalidInput(errors.New("the show's guid would change; nothing was written (add the guid line above to podcast.yaml; --accept-changes does not apply)"))
	}
	changes := publish.Check(prev.sum, feed.SummaryOf(ch))
	if len(changes) == 0 {
		return nil
	}
	items := make(map[string]int, len(ch.Items))
	for i, it := range ch.Items {
		items[it.GUID] = i
	}
	sev := "error"
	if accept {
		sev = "warning"
	}
	for _, c := range changes {
		where, msg := changePlace(dir, res, prev, items, c)
		fmt.Fprintf(e.stderr, "%s: %s: %s\n", where, sev, msg)
	}
	if accept {
		fmt.Fprintf(e.stderr, "podfeed: --accept-changes: replacing the feed anyway\n")
		return nil
	}
	return invalidInput(fmt.Errorf("the new feed would break subscribers (%s above, compared with %s); nothing was written (use --accept-changes if this is intended)", plural(len(changes), "change"), prev.where))
}

// unpinnedMove returns the guid the published feed has (its podcast:guid,
// else the one its self URL gives) when podcast.yaml has no guid and the
// new feed's derived guid differs from it; "" otherwise.
func unpinnedMove(def *show.Definition, res *show.Result, prev *previousFeed) string {
	if strings.TrimSpace(def.Show.GUID) != "" {
		return ""
	}
	was := prev.sum.GUID
	if was == "" && prev.sum.SelfURL != "" {
		was = show.PodcastGUID(prev.sum.SelfURL)
	}
	if was == res.Channel.GUID {
		return ""
	}
	return was
}

// changePlace says where a change comes from: the key of the show that
// causes it, or, for an episode that is gone, its place in the previous
// feed.
func changePlace(dir string, res *show.Result, prev *previousFeed, items map[string]int, c publish.Change) (string, string) {
	msg := c.String()
	switch c.Kind {
	case publish.FeedURLChanged:
		return placeString(dir, res.ShowPlace("feed_url")), msg
	case publish.PodcastGUIDChanged:
		return placeString(dir, res.ShowPlace("guid")), msg
	case publish.GUIDChanged:
		i, ok := items[c.NewGUID]
		if !ok {
			break
		}
		p := res.ItemPlace(i, "guid")
		if !p.Found && c.GUID != "" {
			msg += fmt.Sprintf("; its GUID is derived (from the show's guid and the slug, the file name): to keep the one apps know, add this line to it:\n    guid: %s", c.GUID)
		}
		return placeString(dir, p), msg
	}
	if c.Line > 0 {
		return fmt.Sprintf("%s:%d", prev.where, c.Line), msg
	}
	return prev.where, msg
}
