package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// badItems is a feed whose every item repeats two defects: a guid that
// is not a URL without isPermaLink="false" (rss-guid-permalink) and an
// enclosure length of 0 (rss-enclosure-length-suspect).
func badItems(n int) io.Reader {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
`)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>T%d</title><guid>id-%d</guid><enclosure url=\"https://example.com/%d.mp3\" length=\"0\" type=\"audio/mpeg\"/></item>\n", i, i, i)
	}
	b.WriteString("</channel></rss>\n")
	return strings.NewReader(b.String())
}

// TestRepeatsCapped checks the engine's caps: the first MaxDetails
// findings of a kind keep their message, then one finding holds the exact
// count, the first MaxPositions positions and the last one.
func TestRepeatsCapped(t *testing.T) {
	const items = 50
	res, err := Run(context.Background(), badItems(items), Config{Enable: []string{"rss-guid-permalink"}, Profiles: []Profile{"none"}, MaxDetails: 5, MaxPositions: 10})
	if err != nil {
		t.Fatal(err)
	}
	var detailed int
	var more *Diagnostic
	for i, d := range res.Diagnostics {
		if d.Code != "rss-guid-permalink" {
			t.Fatalf("unexpected %s", d.Code)
		}
		if d.More != nil {
			more = &res.Diagnostics[i]
			continue
		}
		if more != nil {
			t.Errorf("a detailed finding (line %d) sorts after the repeats", d.Pos.Line)
		}
		detailed++
	}
	if detailed != 5 || more == nil {
		t.Fatalf("%d detailed findings and repeats %v, want 5 and one", detailed, more)
	}
	if more.More.Count != items-5 || len(more.More.Positions) != 10 ||
		more.Pos != more.More.Positions[0] || more.Pos.Line != 3+5 || more.More.Last.Line != 2+items || !more.Item {
		t.Errorf("repeats = %+v at %v, want count %d, 10 positions from line 8, last at line %d", *more.More, more.Pos, items-5, 2+items)
	}
	if e, w, _ := res.Counts(); e+w != items {
		t.Errorf("Counts() = %d, want %d (every occurrence)", e+w, items)
	}

	// MaxDetails < 0 keeps every finding.
	res, err = Run(context.Background(), badItems(items), Config{Enable: []string{"rss-guid-permalink"}, Profiles: []Profile{"none"}, MaxDetails: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != items {
		t.Errorf("MaxDetails -1: %d findings, want %d", len(res.Diagnostics), items)
	}
}

// TestRepeatsBoundMemory validates 100,000 bad items and checks that the
// findings kept stay within the caps: memory does not grow with the
// number of repeats.
func TestRepeatsBoundMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 items; skipped with -short")
	}
	const items = 100_000
	res, err := Run(context.Background(), badItems(items), Config{MaxDetails: 1000, MaxPositions: 2000})
	if err != nil {
		t.Fatal(err)
	}
	total, positions := 0, 0
	for _, d := range res.Diagnostics {
		total += d.Occurrences()
		if d.More != nil {
			positions += len(d.More.Positions)
		}
	}
	if len(res.Diagnostics) > 20*1001 || positions > 20*2000 {
		t.Errorf("%d findings and %d positions kept, want at most 1,001 and 2,000 per kind", len(res.Diagnostics), positions)
	}
	if total < 2*items {
		t.Errorf("%d occurrences counted, want at least %d (two defects per item)", total, 2*items)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if ms.HeapInuse > 256<<20 {
		t.Errorf("heap in use %d MB after the run, want it bounded", ms.HeapInuse>>20)
	}
}

// BenchmarkRepeatedDefect is a 20,000-item feed whose every item has the
// same two defects, with the default caps and with every finding kept
// (--all): the cost of the findings themselves.
func BenchmarkRepeatedDefect(b *testing.B) {
	var buf bytes.Buffer
	_, _ = io.Copy(&buf, badItems(20_000))
	data := buf.Bytes()
	for _, bc := range []struct {
		name string
		max  int
	}{{"capped", 100}, {"all", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(context.Background(), bytes.NewReader(data), Config{MaxDetails: bc.max}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestScannerFindingsCounted: the scanner's findings (here 300 undefined
// entities) are all counted; past MaxDetails only their positions are
// kept, as for the rules' findings.
func TestScannerFindingsCounted(t *testing.T) {
	feed := `<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel><title>T</title>\n" +
		strings.Repeat("<item><title>A&nbsp;B</title></item>\n", 300) + "</channel></rss>\n"
	res, err := Run(context.Background(), strings.NewReader(feed), Config{Enable: []string{"xml-undefined-entity"}, Profiles: []Profile{"none"}, MaxDetails: 100})
	if err != nil {
		t.Fatal(err)
	}
	total, detailed := 0, 0
	for _, d := range res.Diagnostics {
		total += d.Occurrences()
		if d.More == nil {
			detailed++
		} else if d.More.Last.Line != 302 {
			t.Errorf("last repeat at line %d, want 302", d.More.Last.Line)
		}
	}
	if total != 300 || detailed != 100 {
		t.Errorf("%d undefined entities counted, %d with messages; want 300 and 100", total, detailed)
	}
}
