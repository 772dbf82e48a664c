package chapters

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseLine holds real-world-shaped lines of show notes: those that
// are chapter lines and those that must never be.
func TestParseLine(t *testing.T) {
	tests := []struct {
		line  string
		ok    bool
		start int64 // ms
		end   int64
		title string
		url   string
		col   int
	}{
		// §3.1 shapes
		{line: "00:00 Intro", ok: true, start: 0, title: "Intro", col: 1},
		{line: "0:00 Intro", ok: true, start: 0, title: "Intro", col: 1},
		{line: "2:45 Verse", ok: true, start: 165000, title: "Verse", col: 1},
		{line: "1:02:03 Topic", ok: true, start: 3723000, title: "Topic", col: 1},
		{line: "01:02:03 - Topic", ok: true, start: 3723000, title: "Topic", col: 1},
		{line: "(00:00) Intro", ok: true, start: 0, title: "Intro", col: 2},
		{line: "(00:00) - Intro", ok: true, start: 0, title: "Intro", col: 2},
		{line: "00:00-Intro", ok: true, start: 0, title: "Intro", col: 1},
		{line: "00:00 - Intro", ok: true, start: 0, title: "Intro", col: 1},
		{line: "12:34 — Interview with Ana", ok: true, start: 754000, title: "Interview with Ana", col: 1},
		{line: "12:34 – Interview", ok: true, start: 754000, title: "Interview", col: 1},
		{line: "[00:00] Intro", ok: true, start: 0, title: "Intro", col: 2},
		{line: "- [00:00] Intro", ok: true, start: 0, title: "Intro", col: 4},
		{line: "• 00:00 Chapter", ok: true, start: 0, title: "Chapter", col: 5},
		{line: "Title (00:00:00)", ok: true, start: 0, title: "Title", col: 8},
		{line: "Why habits are hard to change [03.00]", ok: true, start: 180000, title: "Why habits are hard to change", col: 32},
		{line: "- Listener questions [12.34]", ok: true, start: 754000, title: "Listener questions", col: 23},
		{line: "00:00:00.000 Intro", ok: true, start: 0, title: "Intro", col: 1},
		{line: "00:03:07.250 Introducing Podlove", ok: true, start: 187250, title: "Introducing Podlove", col: 1},
		{line: `<a href="https://www.youtube.com/watch?v=x#t=1:23">1:23</a> Title`, ok: true, start: 83000, title: "Title", col: 52},
		{line: "[12:34](https://youtu.be/ID?t=754) Title", ok: true, start: 754000, title: "Title", col: 2},
		{line: "75:30 Title", ok: true, start: 4530000, title: "Title", col: 1},
		{line: "180.000000\t180.000000\tWhy habits", ok: true, start: 180000, title: "Why habits", col: 1},
		{line: "12,500000\t12,500000\tComma label", ok: true, start: 12500, title: "Comma label", col: 1},
		// cleanup and links
		{line: "* **12:34** **Bold title**", ok: true, start: 754000, title: "Bold title", col: 5},
		{line: "1. 05:00 Numbered item", ok: true, start: 300000, title: "Numbered item", col: 4},
		{line: "## 05:00 Heading chapter", ok: true, start: 300000, title: "Heading chapter", col: 4},
		{line: "05:00 | Piped title |", ok: true, start: 300000, title: "Piped title", col: 1},
		{line: "05:00: Colon after time", ok: true, start: 300000, title: "Colon after time", col: 1},
		{line: "05:00 [Guest website](https://guest.example/) and more", ok: true, start: 300000, title: "Guest website and more", url: "https://guest.example/", col: 1},
		{line: `<li>05:00 <a href="https://x.example/a?b=1&amp;c=2">Article</a></li>`, ok: true, start: 300000, title: "Article", url: "https://x.example/a?b=1&c=2", col: 5},
		{line: "<p>12:00 Q&amp;A &nbsp;with <strong>you</strong></p>", ok: true, start: 720000, title: "Q&A with you", col: 4},
		{line: "12:00 Links https://example.org/page", ok: true, start: 720000, title: "Links", url: "https://example.org/page", col: 1},
		{line: "Topic – 12:34", ok: true, start: 754000, title: "Topic", col: 11},
		{line: "(12:34.5) Half a second", ok: true, start: 754500, title: "Half a second", col: 2},
		{line: "  (1:02:03)   Q&A  ", ok: true, start: 3723000, title: "Q&A", col: 4},
		{line: "| 00:00 | Intro |", ok: true, start: 0, title: "Intro", col: 3},
		{line: "<p><strong>00:00</strong> Intro</p>", ok: true, start: 0, title: "Intro", col: 12},
		{line: "00:00 - 05:00 Intro range", ok: true, start: 0, end: 300000, title: "Intro range", col: 1},
		{line: "(05:00–07:30) Short range", ok: true, start: 300000, end: 450000, title: "Short range", col: 2},
		{line: "- 12:30 PM Eastern: live show", ok: false},
		// never chapters (pitfall 7 and friends)
		{line: "We start at 3:15 AM sharp", ok: false},
		{line: "3:15 AM wake up call", ok: false},
		{line: "15:30 Uhr Treffpunkt", ok: false},
		{line: "Today's reading: John 3:16", ok: false},
		{line: "Read John 3:16 today", ok: false},
		{line: "16:9 aspect ratio", ok: false},
		{line: "Shot in 16:10", ok: false},
		{line: "The final score was 21:14", ok: false},
		{line: "Alban (00:21): Hello and welcome", ok: false},
		{line: "Alban (00:21):", ok: false},
		{line: "See https://youtu.be/abc?t=12:34", ok: false},
		{line: "https://example.org/12:34/page", ok: false},
		{line: "## [1.02] - 2026-09-27", ok: false}, // a candidate, but date-like: rejected by the run rules
		{line: "Released version [1.02]", ok: false},
		{line: "Meeting starts - at 10:30", ok: false},
		{line: "2026-09-27T10:00+03:00 deploy", ok: false},
		{line: "Offset +03:00 from UTC", ok: false},
		{line: "1:2:3 not a time", ok: false},
		{line: "12:345 too many digits", ok: false},
		{line: "12:61 seconds past 59", ok: false},
		{line: "1:75:30 minutes past 59 with hours", ok: false},
		{line: "3.50 dollars is not a time", ok: false},
		{line: "Price (3.50)", ok: true, start: 230000, title: "Price"}, // dotted: accepted per line, judged per run
		{line: "just words", ok: false},
		{line: strings.Repeat("very long prose ", 10) + "(12:34)", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			x, ok := parseSegment(segment{text: tt.line, line: 7}, &cleaned{})
			if ok && x.dateLike {
				ok = false
			}
			if ok != tt.ok {
				t.Fatalf("parseSegment(%q) ok = %v (%+v), want %v", tt.line, ok, x.Found, tt.ok)
			}
			if !ok {
				return
			}
			if x.Start != tt.start || x.End != tt.end || x.Title != tt.title || x.URL != tt.url {
				t.Errorf("parseSegment(%q) = start %d end %d title %q url %q, want %d %d %q %q", tt.line, x.Start, x.End, x.Title, x.URL, tt.start, tt.end, tt.title, tt.url)
			}
			if tt.col != 0 && (x.Col != tt.col || x.Line != 7) {
				t.Errorf("parseSegment(%q) at %d:%d, want 7:%d", tt.line, x.Line, x.Col, tt.col)
			}
		})
	}
}

type fc struct {
	line, col int
	start     int64
	title     string
}

func found(fs []Found) []fc {
	var out []fc
	for _, f := range fs {
		out = append(out, fc{f.Line, f.Col, f.Start, f.Title})
	}
	return out
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, notes string
		want        []fc
	}{
		{"dotted topic list", "# Episode 12\n\nWe talk about habits.\n\n- Intro [00.00]\n- Why habits are hard to change [03.00]\n- Listener questions [12.34]\n- Outro [75.05]\n",
			[]fc{{5, 10, 0, "Intro"}, {6, 34, 180000, "Why habits are hard to change"}, {7, 23, 754000, "Listener questions"}, {8, 10, 4505000, "Outro"}}},
		{"dotted list out of order is not a list", "- A [03.00]\n- B [01.00]\n", nil},
		{"dotted list with seconds past 59 is not a list", "- A [00.00]\n- B [01.75]\n- C [02.10]\n", nil},
		{"changelog is not a list", "## [1.03] - 2026-09-27\n- fix\n## [1.02] - 2026-08-01\n- fix\n", nil},
		{"ascending changelog is not a list", "## [1.01] - 2026-08-01\n## [1.02] - 2026-09-27\n", nil},
		{"dotted mixed with colon times is dropped", "00:00 Intro\nPrice [3.50]\n05:00 Topic\n",
			[]fc{{1, 1, 0, "Intro"}, {3, 1, 300000, "Topic"}}},
		{"a lone timestamp is not a list", "Great show.\n\n12:34 The best bit\n\nBye.\n", nil},
		{"hours omitted until the first hour", "00:00 Intro\n30:00 Middle\n1:04:14 Late\n",
			[]fc{{1, 1, 0, "Intro"}, {2, 1, 1800000, "Middle"}, {3, 1, 3854000, "Late"}}},
		{"hour rollover written without hours", "00:00 Intro\n59:10 Almost\n05:30 After the hour\n",
			[]fc{{1, 1, 0, "Intro"}, {2, 1, 3550000, "Almost"}, {3, 1, 3930000, "After the hour"}}},
		{"title on a later line", "(00:00)\n\nWelcome to the show\n\n(05:00)\n\nThe news\n",
			[]fc{{1, 2, 0, "Welcome to the show"}, {5, 2, 300000, "The news"}}},
		{"html with br", "<p>Chapters:<br>00:00 Intro<br/>03:00 <a href=\"https://e.org/\">Topic</a><br />12:34 Q&amp;A</p>",
			[]fc{{1, 17, 0, "Intro"}, {1, 33, 180000, "Topic"}, {1, 79, 754000, "Q&A"}}},
		{"speaker turns are not chapters", "Alban (00:21): Hi.\nBeth (00:25): Hello.\nAlban (00:31): So.\n", nil},
		{"transcripts are not chapters", "[00:00:05] Alice: Hi and welcome.\n[00:00:09] Bob: Thanks for having me.\n[00:00:15] Alice: So tell us.\n", nil},
		{"labelled titles far apart are chapters", "00:00 Intro\n05:00 Interview: Jane Doe on habits\n20:00 Listener mail\n",
			[]fc{{1, 1, 0, "Intro"}, {2, 1, 300000, "Interview: Jane Doe on habits"}, {3, 1, 1200000, "Listener mail"}}},
		{"code blocks are not chapters", "Logs:\n\n```\n12:34:56 INFO started\n12:35:10 INFO ready\n```\n\n00:00 Intro\n01:00 Main\n",
			[]fc{{8, 1, 0, "Intro"}, {9, 1, 60000, "Main"}}},
		{"verses are not chapters", "Read John 3:16\nand Romans 12:10\n", nil},
		{"clock times are not chapters", "Doors open 7:30 PM\n8:00 PM talk\n", nil},
		{"two runs", "00:00 A\n01:00 B\n\nprose\nprose\nprose\nprose\n\n10:00 C\n11:00 D\n",
			[]fc{{1, 1, 0, "A"}, {2, 1, 60000, "B"}, {9, 1, 600000, "C"}, {10, 1, 660000, "D"}}},
		// Several lists in one note: never merged.
		{"a list split by a sponsor paragraph is one list",
			"00:00 Intro\n10:00 Main\n\nThis episode is brought to you by\nsomeone who\nsells\nthings.\n\n30:00 Mail\n40:00 Outro\n",
			[]fc{{1, 1, 0, "Intro"}, {2, 1, 600000, "Main"}, {9, 1, 1800000, "Mail"}, {10, 1, 2400000, "Outro"}}},
		{"a second list repeating the first (public, then supporters' chapters)",
			"Table of Contents:\n\n- Prologue (00:00:00)\n- Welcome (00:00:45)\n- Epilogue (00:55:08)\n\n**Hosts**\n\n- Kris\n- Matt\n\nSocials:\n\n- (00:00) - Prologue\n- (00:45) - Welcome\n- (41:24) - Extended\n- (55:08) - Epilogue\n",
			[]fc{{3, 13, 0, "Prologue"}, {4, 12, 45000, "Welcome"}, {5, 13, 3308000, "Epilogue"}}},
		{"the list under a Chapters heading wins",
			"Recorded 00:00 to 01:00 and\n\nTimeline of the news:\n- 12:00 Old story\n- 13:30 Older story\n\nprose\nprose\nprose\nprose\n\n## Chapters\n\n- 00:00 Intro\n- 05:00 Main\n",
			[]fc{{14, 3, 0, "Intro"}, {15, 3, 300000, "Main"}}},
		{"a Kapitel heading in HTML", "<p>Mitschnitt:</p><p>10:00 Alt<br>11:00 Älter</p>\n\nprose\nprose\nprose\nprose\n\n<h3>Kapitel</h3>\n<p>00:00 Über uns<br>03:00 Grüße</p>\n",
			[]fc{{9, 4, 0, "Über uns"}, {9, 23, 180000, "Grüße"}}},
		{"the first coherent list when the first is out of order",
			"05:00 B\n01:00 A\n\nprose\nprose\nprose\nprose\n\n00:00 Intro\n02:00 Main\n",
			[]fc{{9, 1, 0, "Intro"}, {10, 1, 120000, "Main"}}},
		{"no coherent list: the first, for the caller to report",
			"05:00 B\n01:00 A\n\nprose\nprose\nprose\nprose\n\n03:00 D\n02:00 C\n",
			[]fc{{1, 1, 300000, "B"}, {2, 1, 60000, "A"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := found(Extract([]byte(tt.notes)))
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(fc{})); diff != "" {
				t.Errorf("Extract (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseLineAPI(t *testing.T) {
	c, err := ParseLine("01:02 [Guest](https://g.example) talk")
	if err != nil || c.Start != 62000 || c.Title != "Guest talk" || c.URL != "https://g.example" {
		t.Errorf("ParseLine = %+v, %v", c, err)
	}
	if _, err := ParseLine("no time here"); err == nil {
		t.Errorf("ParseLine(no time here) = nil error")
	}
}

// TestMayHoldTime: a digit, a separator and a digit anywhere, at either
// end or across the eight-byte steps, and nothing else.
func TestMayHoldTime(t *testing.T) {
	pad := strings.Repeat("words and, more. ", 3)
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"1", false}, {"1:", false}, {":2", false}, {"1:2", true}, {"1.2", true}, {"1,2", true},
		{"1;2", false}, {"a:b", false}, {"12:", false}, {"x12:3", true},
	} {
		for _, s := range []string{tc.s, pad + tc.s, tc.s + pad, pad + tc.s + pad, pad[:5] + tc.s, pad[:11] + tc.s} {
			if got := mayHoldTime(s); got != tc.want {
				t.Errorf("mayHoldTime(%q) = %v, want %v", s, got, tc.want)
			}
		}
	}
	// Against a byte-by-byte reading, on strings of the bytes next to
	// the digits and separators and their non-ASCII twins (0xB0-0xB9
	// share the digits' low bits), of every length up to 40.
	naive := func(s string) bool {
		isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
		for i := 0; i+2 < len(s); i++ {
			if isDigit(s[i]) && strings.IndexByte(":.,", s[i+1]) >= 0 && isDigit(s[i+2]) {
				return true
			}
		}
		return false
	}
	alphabet := "09/:;.,x \xb0\xb9\xba\xaf\x80\xff\x10\x39"
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		b := make([]byte, rng.IntN(41))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := mayHoldTime(string(b)), naive(string(b)); got != want {
			t.Fatalf("mayHoldTime(%q) = %v, want %v", b, got, want)
		}
	}
	// Every place of the time in a string of every length up to 40.
	for n := 3; n <= 40; n++ {
		for at := 0; at+3 <= n; at++ {
			s := strings.Repeat("x", at) + "1:2" + strings.Repeat("x", n-at-3)
			if !mayHoldTime(s) {
				t.Errorf("mayHoldTime(%q) = false", s)
			}
		}
	}
}
