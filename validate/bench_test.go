package validate

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/orisano/gosax"
)

// feedHead and feedItem make a synthetic podcast feed that uses every
// namespace podfeed knows (itunes, podcast, content, atom, psc,
// googleplay, media, dc), about 3.5 KB per item with CDATA show notes.
const feedHead = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:podcast="https://podcastindex.org/namespace/1.0"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:psc="http://podlove.org/simple-chapters"
     xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0"
     xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Benchmark Show</title>
    <link>https://example.com/</link>
    <description>A generated show for benchmarks.</description>
    <language>en-us</language>
    <copyright>© 2024 Example</copyright>
    <lastBuildDate>Wed, 02 Oct 2024 08:00:00 GMT</lastBuildDate>
    <atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>
    <itunes:author>Ann Example</itunes:author>
    <itunes:owner><itunes:name>Ann Example</itunes:name><itunes:email>ann@example.com</itunes:email></itunes:owner>
    <itunes:image href="https://example.com/art.jpg"/>
    <itunes:category text="Society &amp; Culture"><itunes:category text="Documentary"/></itunes:category>
    <itunes:explicit>false</itunes:explicit>
    <itunes:type>episodic</itunes:type>
    <podcast:guid>d84ced82-1926-54c0-88c2-bb01dd35d7e3</podcast:guid>
    <podcast:locked owner="ann@example.com">yes</podcast:locked>
    <podcast:funding url="https://example.com/support">Support the show</podcast:funding>
    <podcast:medium>podcast</podcast:medium>
    <googleplay:author>Ann Example</googleplay:author>
    <image><url>https://example.com/art.jpg</url><title>Benchmark Show</title><link>https://example.com/</link></image>
`

const feedItem = `    <item>
      <title>On feeds and parsers, conversation %[1]d</title>
      <link>https://example.com/episodes/%[1]d</link>
      <guid isPermaLink="false">bench-episode-%[1]d</guid>
      <pubDate>Wed, 02 Oct 2024 08:00:00 GMT</pubDate>
      <description><![CDATA[<p>In episode %[1]d we talk about feeds, parsers and the long tail of podcast apps.</p>
<ul><li>First topic, with <a href="https://example.com/a">a link</a></li><li>Second topic</li><li>Third topic</li></ul>
<p>Show notes go on for a while, as they do in real feeds: sponsors, credits, links to every tool mentioned, and a transcript teaser. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
<p>Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.</p>]]></description>
      <content:encoded><![CDATA[<p>In episode %[1]d we talk about feeds, parsers and the long tail of podcast apps.</p>
<p>Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugit.</p>
<p>Credits: music by Someone &amp; Friends; edited by Another Person.</p>]]></content:encoded>
      <enclosure url="https://cdn.example.com/audio/episode-%[1]d.mp3" length="48123456" type="audio/mpeg"/>
      <itunes:title>On feeds and parsers, conversation %[1]d</itunes:title>
      <itunes:episode>%[1]d</itunes:episode>
      <itunes:season>3</itunes:season>
      <itunes:episodeType>full</itunes:episodeType>
      <itunes:duration>3007</itunes:duration>
      <itunes:explicit>false</itunes:explicit>
      <itunes:image href="https://example.com/episodes/%[1]d.jpg"/>
      <podcast:season>3</podcast:season>
      <podcast:episode>%[1]d</podcast:episode>
      <podcast:transcript url="https://example.com/episodes/%[1]d.vtt" type="text/vtt" rel="captions"/>
      <podcast:chapters url="https://example.com/episodes/%[1]d.json" type="application/json+chapters"/>
      <podcast:person role="host" img="https://example.com/ann.jpg" href="https://example.com/ann">Ann Example</podcast:person>
      <podcast:soundbite startTime="73.0" duration="60.0">The best minute</podcast:soundbite>
      <podcast:alternateEnclosure type="audio/opus" length="24000000" bitrate="64000">
        <podcast:source uri="https://cdn.example.com/audio/episode-%[1]d.opus"/>
      </podcast:alternateEnclosure>
      <psc:chapters version="1.2">
        <psc:chapter start="00:00:00" title="Intro"/>
        <psc:chapter start="00:01:30" title="Main topic"/>
        <psc:chapter start="00:45:00" title="Outro"/>
      </psc:chapters>
      <media:content url="https://cdn.example.com/audio/episode-%[1]d.mp3" type="audio/mpeg" fileSize="48123456"/>
      <dc:creator>Ann Example</dc:creator>
    </item>
`

const feedTail = "  </channel>\n</rss>\n"

// feedSource streams a generated feed of n items without holding it.
type feedSource struct {
	n, next int
	buf     bytes.Buffer
	done    bool
	onRead  func()
}

func newFeedSource(n int) *feedSource {
	s := &feedSource{n: n}
	s.buf.WriteString(feedHead)
	return s
}

func (s *feedSource) Read(p []byte) (int, error) {
	if s.onRead != nil {
		s.onRead()
	}
	for s.buf.Len() < len(p) && !s.done {
		if s.next < s.n {
			s.next++
			fmt.Fprintf(&s.buf, feedItem, s.next)
		} else {
			s.buf.WriteString(feedTail)
			s.done = true
		}
	}
	if s.buf.Len() == 0 {
		return 0, io.EOF
	}
	return s.buf.Read(p)
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPURate adds an "MB/cpu-s" metric: bytes processed per second of
// CPU time the process used (GC included). On a shared, overloaded
// machine wall-clock MB/s swings with the neighbours' load; CPU time
// does not.
func reportCPURate(b *testing.B, size int, start time.Duration) {
	used := cpuTime() - start
	if used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}

var benchFeed = sync.OnceValue(func() []byte {
	b, err := io.ReadAll(newFeedSource(10000))
	if err != nil {
		panic(err)
	}
	return b
})

func TestGeneratedFeedIsClean(t *testing.T) {
	res, err := Run(context.Background(), newFeedSource(3), Config{Path: "https://example.com/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.WellFormed || res.Document.ItemCount != 3 {
		t.Fatalf("well-formed %v, %d items", res.WellFormed, res.Document.ItemCount)
	}
	for _, d := range res.Diagnostics {
		if d.Code != "rss-atom-self-mismatch" {
			t.Errorf("%d:%d: %s: %s [%s]", d.Pos.Line, d.Pos.Col, d.Severity, d.Message, d.Code)
		}
	}
}

// BenchmarkValidate is the whole static validation (every profile) of a
// 10,000-item feed of about 35 MB.
func BenchmarkValidate(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		res, err := Run(context.Background(), bytes.NewReader(data), Config{})
		if err != nil || res.Document.ItemCount != 10000 {
			b.Fatal(err, res.Document.ItemCount)
		}
	}
	reportCPURate(b, len(data), start)
}

// BenchmarkValidateSerial is BenchmarkValidate with the hooks on the
// scanning goroutine (no pipeline), for the ratio.
func BenchmarkValidateSerial(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		e := newEngine(context.Background(), &Config{}, Rules())
		e.serial = true
		res, err := e.run(bytes.NewReader(data))
		if err != nil || res.Document.ItemCount != 10000 {
			b.Fatal(err, res.Document.ItemCount)
		}
	}
	reportCPURate(b, len(data), start)
}

// BenchmarkScanOnly is the engine with no rule selected: tokenizer,
// well-formedness, namespaces and per-item trees.
func BenchmarkScanOnly(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		e := newEngine(context.Background(), &Config{}, nil)
		if _, err := e.run(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	reportCPURate(b, len(data), start)
}

// BenchmarkEncodingXMLTokens is a bare encoding/xml pass with positions,
// for the ratio.
func BenchmarkEncodingXMLTokens(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			_, _ = d.InputPos()
		}
	}
	reportCPURate(b, len(data), start)
}

// BenchmarkGofeed is gofeed merely parsing the same bytes.
func BenchmarkGofeed(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil || len(f.Items) != 10000 {
			b.Fatal(err)
		}
	}
	reportCPURate(b, len(data), start)
}

// BenchmarkGosax is a bare gosax event scan (no well-formedness,
// entities or namespaces), the upper bound of a SAX pass.
func BenchmarkGosax(b *testing.B) {
	data := benchFeed()
	b.SetBytes(int64(len(data)))
	start := cpuTime()
	for b.Loop() {
		r := gosax.NewReader(bytes.NewReader(data))
		for {
			e, err := r.Event()
			if err != nil {
				b.Fatal(err)
			}
			if e.Type() == gosax.EventEOF {
				break
			}
		}
	}
	reportCPURate(b, len(data), start)
}

// peakHeap validates a generated feed of n items, streamed, and returns
// the input size and the largest HeapAlloc seen during the run.
func peakHeap(t testing.TB, n int) (int64, uint64) {
	runtime.GC()
	src := newFeedSource(n)
	var peak uint64
	var ms runtime.MemStats
	reads := 0
	var size int64
	src.onRead = func() {
		reads++
		if reads%16 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	cr := &countingReader{r: src, n: &size}
	res, err := Run(context.Background(), cr, Config{})
	if err != nil || res.Document.ItemCount != n {
		t.Fatal(err, res.Document.ItemCount)
	}
	runtime.ReadMemStats(&ms)
	return size, max(peak, ms.HeapAlloc)
}

type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// TestPeakHeap100MB checks that memory stays flat: a 100 MB feed
// (32,000 items) validates within 64 MB of heap.
func TestPeakHeap100MB(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the 100 MB run takes a few seconds")
	}
	size, peak := peakHeap(t, 32000)
	t.Logf("%.1f MB feed: peak heap %.1f MB", float64(size)/1e6, float64(peak)/1e6)
	if size < 100e6 {
		t.Fatalf("generated only %d bytes", size)
	}
	if peak > 64<<20 {
		t.Errorf("peak heap %.1f MB, want at most 64 MiB", float64(peak)/(1<<20))
	}
}

// BenchmarkValidateFiles validates each feed named in
// $PODFEED_BENCH_FEEDS (colon-separated paths, such as the shapes
// bench/run writes under bench/out/shapes), one sub-benchmark per file,
// reporting MB/s and MB per CPU-second; "scan" sub-benchmarks run the
// engine with no rule (tokenizer, well-formedness, namespaces, trees).
// It skips when the variable is unset.
func BenchmarkValidateFiles(b *testing.B) {
	list := os.Getenv("PODFEED_BENCH_FEEDS")
	if list == "" {
		b.Skip("PODFEED_BENCH_FEEDS is not set (colon-separated feed files)")
	}
	for _, name := range strings.Split(list, ":") {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []string{"rules", "scan"} {
			b.Run(mode+"/"+filepath.Base(name), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					var rules []*Rule
					if mode == "rules" {
						rules = Rules()
					}
					e := newEngine(context.Background(), &Config{}, rules)
					if _, err := e.run(bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
				reportCPURate(b, len(data), start)
			})
		}
	}
}

// BenchmarkValidateFilesSerial is BenchmarkValidateFiles's "rules" with
// the hooks on the scanning goroutine, for the cost of the pipeline.
func BenchmarkValidateFilesSerial(b *testing.B) {
	list := os.Getenv("PODFEED_BENCH_FEEDS")
	if list == "" {
		b.Skip("PODFEED_BENCH_FEEDS is not set (colon-separated feed files)")
	}
	for _, name := range strings.Split(list, ":") {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, workers := range []int{0, 1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", filepath.Base(name), workers), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					e := newEngine(context.Background(), &Config{}, Rules())
					e.serial = workers == 0
					e.workers = workers
					if _, err := e.run(bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
				reportCPURate(b, len(data), start)
			})
		}
	}
}
