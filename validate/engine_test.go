package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const tinyFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel>
    <title>Show</title>
    <item><title>One</title><itunes:duration>60</itunes:duration></item>
    <link>https://example.com/</link>
    <item><title>Two</title></item>
  </channel>
</rss>
`

// TestHooksSeeTheTree checks what the hooks receive: items one at a time
// with their subtree and the channel as it was when the item ended, then
// the channel without items, then Finish with the item count.
func TestHooksSeeTheTree(t *testing.T) {
	var log []string
	r := &Rule{
		Code: "test-hooks", Profiles: []Profile{ProfileRSS},
		Item: func(p *Pass, it *Node) {
			title := it.Child(NSNone, "title")
			log = append(log, "item "+title.Text)
			if d := it.Child(NSItunes, "duration"); d != nil && (d.Text != "60" || d.Parent != it || d.Pos != (Pos{5, 29})) {
				t.Errorf("duration %+v", d)
			}
			if n := len(it.Parent.Children); title.Text == "One" && n != 1 || title.Text == "Two" && n != 2 {
				t.Errorf("item %s sees %d channel children", title.Text, n)
			}
		},
		Channel: func(p *Pass, ch *Node) {
			var names []string
			for _, c := range ch.Children {
				names = append(names, c.Name())
			}
			log = append(log, "channel "+strings.Join(names, ","))
		},
		Finish: func(p *Pass) {
			if p.Doc.ItemCount != 2 || p.Doc.Root.Local != "rss" || p.Doc.Namespaces["itunes"] != NSItunes || !p.Doc.HasDeclaration {
				t.Errorf("document %+v", p.Doc)
			}
			log = append(log, "finish")
			p.Reportf(Pos{1, 1}, "done %q", "x")
		},
	}
	for _, serial := range []bool{false, true} {
		log = nil
		e := newEngine(context.Background(), &Config{DocsRef: "v1.2.3"}, []*Rule{r})
		e.serial = serial
		res, err := e.run(strings.NewReader(tinyFeed))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(log, "; "); got != "item One; item Two; channel title,link; finish" {
			t.Errorf("serial=%v: hooks ran as %q", serial, got)
		}
		if len(res.Diagnostics) != 1 || res.Diagnostics[0].Message != `done "x"` || res.Diagnostics[0].URL != "https://github.com/podfeed/podfeed/blob/v1.2.3/docs/rules/test-hooks.md" {
			t.Errorf("diagnostics %+v", res.Diagnostics)
		}
	}
}

// TestProfilesSelectRules checks that only rules of the asked profiles
// run, and network rules only online.
func TestProfilesSelectRules(t *testing.T) {
	ran := map[string]bool{}
	mk := func(code string, p Profile, network bool) *Rule {
		return &Rule{Code: code, Profiles: []Profile{p}, Network: network, Finish: func(*Pass) { ran[code] = true }}
	}
	rules := []*Rule{mk("a-apple", ProfileApple, false), mk("a-rss", ProfileRSS, false), mk("a-net", ProfileApple, true)}
	e := newEngine(context.Background(), &Config{Profiles: []Profile{ProfileApple}}, rules)
	if _, err := e.run(strings.NewReader(tinyFeed)); err != nil {
		t.Fatal(err)
	}
	if !ran["a-apple"] || ran["a-rss"] || ran["a-net"] {
		t.Errorf("ran %v; want only a-apple", ran)
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n > 0 {
		return 0, errors.New("disk on fire")
	}
	f.n++
	return copy(p, tinyFeed[:100]), nil
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), &failingReader{}, Config{Path: "feed.xml"}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := io.MultiReader(strings.NewReader("<rss><channel>"), strings.NewReader(strings.Repeat("<item><title>x</title></item>", 200)), strings.NewReader("</channel></rss>"))
	if _, err := Run(ctx, big, Config{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestHTTPCharsetConflict(t *testing.T) {
	res, err := RunSource(context.Background(), strings.NewReader(tinyFeed), Config{}, Source{URL: "https://example.com/feed.xml", HTTPCharset: "iso-8859-1"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Code == "xml-encoding-not-utf8" && strings.Contains(d.Message, `HTTP charset "iso-8859-1"`) && d.Pos.Line == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no charset conflict finding: %+v", res.Diagnostics)
	}
	if res.Document.FetchedURL != "https://example.com/feed.xml" {
		t.Errorf("FetchedURL %q", res.Document.FetchedURL)
	}
}

// TestPanickingHookIsAFinding checks that a hook that panics becomes an
// internal-error finding and that the other rules still see every item,
// the ones after it in the same batch included.
func TestPanickingHookIsAFinding(t *testing.T) {
	// a worker, batches on the scanning goroutine, item by item there
	for _, mode := range []struct {
		serial  bool
		workers int
	}{{false, 1}, {false, -1}, {true, 0}} {
		items := map[string]*int{}
		mk := func(code string, boom bool) *Rule {
			n := new(int)
			items[code] = n
			return &Rule{Code: code, Profiles: []Profile{ProfileRSS}, Item: func(p *Pass, it *Node) {
				*n++
				if boom && it.Child(NSNone, "title").Text == "One" {
					panic("boom")
				}
			}}
		}
		rules := []*Rule{mk("t-a", false), mk("t-boom", true), mk("t-c", false), mk("t-d", false), mk("t-e", false)}
		e := newEngine(context.Background(), &Config{}, rules)
		e.serial, e.workers = mode.serial, mode.workers
		res, err := e.run(strings.NewReader(tinyFeed))
		if err != nil {
			t.Fatal(err)
		}
		for code, n := range items {
			if *n != 2 {
				t.Errorf("mode %+v: %s saw %d items, want 2", mode, code, *n)
			}
		}
		var panics []string
		for _, d := range res.Diagnostics {
			if d.Code == "internal-error" {
				panics = append(panics, d.Message)
			}
		}
		if len(panics) != 1 || !strings.HasPrefix(panics[0], "rule t-boom panicked in Item: boom\n") || !strings.Contains(panics[0], "goroutine") {
			t.Errorf("mode %+v: internal errors %q", mode, panics)
		}
	}
}

// TestProfileFilters checks that --profile picks findings and never adds
// any: every finding of a one-profile run is a finding of the run with
// every profile, and it carries that profile.
func TestProfileFilters(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.xml"))
	if dir := os.Getenv("PODFEED_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "feeds", "*.xml"))
		files = append(files, more...)
	}
	type key struct {
		code, msg string
		pos       Pos
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all := map[key]bool{}
		res, err := Run(context.Background(), bytes.NewReader(data), Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diagnostics {
			all[key{d.Code, d.Message, d.Pos}] = true
		}
		for _, p := range AllProfiles() {
			res, err := Run(context.Background(), bytes.NewReader(data), Config{Profiles: []Profile{p}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if !all[key{d.Code, d.Message, d.Pos}] {
					t.Errorf("%s: --profile %s adds %d:%d %s: %s", f, p, d.Pos.Line, d.Pos.Col, d.Code, d.Message)
				}
				if !slices.Contains(d.Profiles, p) && d.Code != "internal-error" {
					t.Errorf("%s: --profile %s shows %s, whose profiles are %v", f, p, d.Code, d.Profiles)
				}
			}
		}
	}
}

// TestMissingGUIDOnce: a missing guid and an enclosure without length are
// one finding each under --profile spotify (Spotify's own rules said them
// again before).
func TestMissingGUIDOnce(t *testing.T) {
	const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
<item><title>One</title><enclosure url="https://example.com/1.mp3" type="audio/mpeg"/></item>
</channel></rss>`
	for _, p := range []Profile{ProfileSpotify, ProfileRSS, ProfileApple} {
		res, err := Run(context.Background(), strings.NewReader(feed), Config{Profiles: []Profile{p}})
		if err != nil {
			t.Fatal(err)
		}
		byLine := map[int][]string{}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "guid") || strings.Contains(d.Message, "length") {
				byLine[d.Pos.Line] = append(byLine[d.Pos.Line], d.Code)
			}
		}
		if got := byLine[3]; len(got) != 2 {
			t.Errorf("--profile %s: findings about the guid and the length on line 3: %v, want rss-guid-missing and rss-enclosure-attrs once each", p, got)
		}
	}
}

// A build that knows no published docs for itself gives findings no link;
// one that does links the pages of its own tag or commit.
func TestDocsURL(t *testing.T) {
	if got := DocsURL("", "rss-no-items"); got != "" {
		t.Errorf(`DocsURL("", …) = %q, want ""`, got)
	}
	want := "https://github.com/podfeed/podfeed/blob/0123456789ab/docs/rules/rss-no-items.md"
	if got := DocsURL("0123456789ab", "rss-no-items"); got != want {
		t.Errorf("DocsURL = %q, want %q", got, want)
	}
	res, err := Run(context.Background(), strings.NewReader(`<rss version="2.0"><channel><title>x</title></channel></rss>`), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.URL != "" {
			t.Errorf("%s carries URL %q without a DocsRef", d.Code, d.URL)
		}
	}
}

// Result.Rules counts exactly the rules FeedRules (for a feed) and
// ChapterRules (for a chapter file) name: the count the summary line
// gives and the list SARIF declares are one list.
func TestRuleCountsAgree(t *testing.T) {
	for _, cfg := range []Config{{}, {Profiles: []Profile{ProfileRSS}}, {Disable: []string{"apple-*"}}} {
		res, err := Run(context.Background(), strings.NewReader(tinyFeed), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(FeedRules(cfg)); res.Rules != n {
			t.Errorf("%+v: Run counted %d rules, FeedRules has %d", cfg, res.Rules, n)
		}
		ch := Chapters([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"A"}]}`), cfg)
		if n := len(ChapterRules(cfg)); ch.Rules != n {
			t.Errorf("%+v: Chapters counted %d rules, ChapterRules has %d", cfg, ch.Rules, n)
		}
	}
	all := 0
	for _, r := range Rules() {
		if !r.Network {
			all++
		}
	}
	if f, c := len(FeedRules(Config{})), len(ChapterRules(Config{})); f+c != all {
		t.Errorf("FeedRules %d + ChapterRules %d = %d, want every offline rule (%d)", f, c, f+c, all)
	}
}

// TestArtworkFormatOnce: GIF show artwork, which Apple and Spotify both
// reject, is one finding (apple-image-extension, for both profiles) under
// every profile choice; TIFF, which only Apple rejects, and an extension-
// less URL, which only Apple's guide asks about, are Apple's alone; a
// JPEG is nobody's finding.
func TestArtworkFormatOnce(t *testing.T) {
	feed := func(href string) string {
		return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title><link>https://example.com/</link><description>D</description>
<itunes:image href="` + href + `"/>
</channel></rss>`
	}
	type finding struct {
		Code     string
		Severity Severity
		Profiles []Profile
	}
	both := []Profile{ProfileApple, ProfileSpotify}
	apple := []Profile{ProfileApple}
	for _, tc := range []struct {
		href string
		want map[string][]finding // by --profile ("" = all)
	}{
		{"https://example.com/art.gif", map[string][]finding{
			"": {{"apple-image-extension", Error, both}}, "apple": {{"apple-image-extension", Error, both}},
			"spotify": {{"apple-image-extension", Error, both}}, "rss": nil}},
		{"https://example.com/art.tiff", map[string][]finding{
			"": {{"apple-image-extension", Error, apple}}, "apple": {{"apple-image-extension", Error, apple}}, "spotify": nil}},
		{"https://example.com/art", map[string][]finding{
			"": {{"apple-image-extension", Warning, apple}}, "spotify": nil}},
		{"https://example.com/art.jpg", map[string][]finding{"": nil, "spotify": nil}},
	} {
		for prof, want := range tc.want {
			cfg := Config{}
			if prof != "" {
				cfg.Profiles = []Profile{Profile(prof)}
			}
			res, err := Run(context.Background(), strings.NewReader(feed(tc.href)), cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []finding
			for _, d := range res.Diagnostics {
				if d.Pos.Line == 3 && (strings.Contains(d.Code, "image") || strings.Contains(d.Code, "artwork")) {
					got = append(got, finding{d.Code, d.Severity, d.Profiles})
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s, --profile %q: artwork findings (-want +got):\n%s", tc.href, prof, d)
			}
		}
	}
}

// TestBareAmpersandReadOn: a bare & (the commonest slip in real feeds) is
// an error at every place it occurs, and the validator reads on as a
// browser would: every item is counted and checked, and the other
// findings are those of the well-formed twin that writes &amp;.
func TestBareAmpersandReadOn(t *testing.T) {
	item := func(i int, amp string) string {
		return fmt.Sprintf(`<item><title>Tom %s Jerry %d</title><guid isPermaLink="false">g%d</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<enclosure url="https://example.com/%d.mp3?a=1%sb=2" length="0" type="audio/mpeg"/></item>
`, amp, i, i, i, amp)
	}
	feed := func(amp string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
`)
		for i := 1; i <= 5; i++ {
			b.WriteString(item(i, amp))
		}
		b.WriteString("</channel></rss>\n")
		return b.String()
	}
	run := func(src string) Result {
		res, err := Run(context.Background(), strings.NewReader(src), Config{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	twin, bare := run(feed("&amp;")), run(feed("&"))
	if !twin.WellFormed || twin.Document.ItemCount != 5 {
		t.Fatalf("twin: well-formed %v, %d items", twin.WellFormed, twin.Document.ItemCount)
	}
	if bare.WellFormed || bare.Document.ItemCount != 5 {
		t.Errorf("bare &: well-formed %v (want false), %d items (want 5: read on)", bare.WellFormed, bare.Document.ItemCount)
	}
	var amps []Pos
	others := map[string]int{}
	for _, d := range bare.Diagnostics {
		if d.Code == "xml-not-well-formed" {
			amps = append(amps, d.Pos)
			continue
		}
		others[d.Code+": "+d.Message]++
	}
	want := []Pos{}
	for i := 0; i < 5; i++ {
		line := 3 + 2*i
		want = append(want, Pos{Line: line, Col: 18}, Pos{Line: line + 1, Col: 45 + len(fmt.Sprint(i+1))})
	}
	if d := cmp.Diff(want, amps); d != "" {
		t.Errorf("bare & positions (-want +got):\n%s", d)
	}
	twinOthers := map[string]int{}
	for _, d := range twin.Diagnostics {
		twinOthers[d.Code+": "+d.Message]++
	}
	if d := cmp.Diff(twinOthers, others); d != "" {
		t.Errorf("other findings differ from the twin's (-twin +bare):\n%s", d)
	}
}
