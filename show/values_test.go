package show

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC; "" means an error
	}{
		{"2025-01-13T07:00:00Z", "2025-01-13T07:00:00Z"},
		{"2025-01-13T07:00:00+02:00", "2025-01-13T05:00:00Z"},
		{"2025-01-13T07:00:00.5-05:00", "2025-01-13T12:00:00.5Z"},
		{"2025-01-13T07:00Z", "2025-01-13T07:00:00Z"},
		{"2025-01-13 07:00", "2025-01-13T07:00:00Z"},
		{"2025-01-13", "2025-01-13T00:00:00Z"},
		{" 2025-01-13 ", "2025-01-13T00:00:00Z"},
		{"13/01/2025", ""},
		{"Mon, 13 Jan 2025 07:00:00 +0000", ""},
		{"2025-13-01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("parseDate(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseDate(%q): %v", tt.in, err)
			continue
		}
		if s := got.UTC().Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3723", 3723 * time.Second, true},
		{"3723.25", 3723250 * time.Millisecond, true},
		{"43:37", 43*time.Minute + 37*time.Second, true},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second, true},
		{"01:02:03.500", time.Hour + 2*time.Minute + 3500*time.Millisecond, true},
		{"90:00", 90 * time.Minute, true}, // minutes past 59 in MM:SS
		{"1h2m3s", time.Hour + 2*time.Minute + 3*time.Second, true},
		{"1:60:00", 0, false},
		{"1:2:3:4", 0, false},
		{"-5", 0, false},
		{"12:", 0, false},
		{"1.5:00", 0, false},
		{"abc", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("parseDuration(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && got != tt.want {
			t.Errorf("parseDuration(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPodcastGUID(t *testing.T) {
	// The namespace's own examples (docs/tags/guid.md).
	tests := map[string]string{
		"https://podnews.net/rss":                   "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"podnews.net/rss":                           "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"http://mp3s.nashownotes.com/pc20rss.xml":   "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"https://mp3s.nashownotes.com/pc20rss.xml/": "917393e3-1b1e-5cef-ace4-edaa54e1f810",
	}
	for in, want := range tests {
		if got := PodcastGUID(in); got != want {
			t.Errorf("PodcastGUID(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestMediaURL(t *testing.T) {
	tests := []struct{ base, path, want string }{
		{"https://cdn.example.org/", "audio/ep 1.mp3", "https://cdn.example.org/audio/ep%201.mp3"},
		{"https://cdn.example.org/show", "a/é#?.mp3", "https://cdn.example.org/show/a/%C3%A9%23%3F.mp3"},
	}
	for _, tt := range tests {
		if got := mediaURL(tt.base, tt.path); got != tt.want {
			t.Errorf("mediaURL(%q, %q) = %q, want %q", tt.base, tt.path, got, tt.want)
		}
	}
}

func TestCleanLocalPath(t *testing.T) {
	ok := map[string]string{"audio/ep1.mp3": "audio/ep1.mp3", "./a//b.mp3": "a/b.mp3", "a/../b.mp3": "b.mp3"}
	for in, want := range ok {
		if got, err := cleanLocalPath(in); err != nil || got != want {
			t.Errorf("cleanLocalPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "/etc/passwd", "../x.mp3", "a/../../x", `a\b.mp3`, ".."} {
		if got, err := cleanLocalPath(in); err == nil {
			t.Errorf("cleanLocalPath(%q) = %q, want an error", in, got)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Fresnel's Lens: Bending Light": "fresnel-s-lens-bending-light",
		"  Ép. 12 — Fog!  ":             "ep-12-fog",
		"":                              "",
	}
	for in, want := range tests {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutputURL(t *testing.T) {
	for _, tc := range []struct{ feed, name, want string }{
		{"https://example.com/feed.xml", "atom.xml", "https://example.com/atom.xml"},
		{"https://example.com/shows/lantern/rss", "atom.xml", "https://example.com/shows/lantern/atom.xml"},
		{"https://example.com/shows/lantern/", "atom.xml", "https://example.com/shows/lantern/atom.xml"},
		{"https://example.com", "atom.xml", "https://example.com/atom.xml"},
		{"https://example.com/feed.xml?key=1", "atom.xml", "https://example.com/atom.xml"},
		{"https://example.com/p/feed.xml?u=/a/b", "feed.json", "https://example.com/p/feed.json"},
		{"https://example.com/p/feed.xml", "chapters/ep 1.json", "https://example.com/p/chapters/ep%201.json"},
		{"feed.xml", "atom.xml", ""},
		{"", "atom.xml", ""},
	} {
		if got := OutputURL(tc.feed, tc.name); got != tc.want {
			t.Errorf("OutputURL(%q, %q) = %q, want %q", tc.feed, tc.name, got, tc.want)
		}
	}
}

func TestDateError(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-13-01", `"2024-13-01" has month 13, and months run from 01 to 12`},
		{"2024-13-05", `"2024-13-05" has month 13, and months run from 01 to 12; if it is day 13 of month 5, write 2024-05-13 (year, month, day)`},
		{"2024-00-10", `"2024-00-10" has month 0, and months run from 01 to 12`},
		{"2024-04-31", `"2024-04-31" has day 31, and April 2024 has 30 days`},
		{"2023-02-29", `"2023-02-29" has day 29, and February 2023 has 28 days`},
		{"2024-5-1", `"2024-5-1": write the month and the day with two digits: 2024-05-01`},
		{"2024-05-01T25:00:00Z", `"2024-05-01T25:00:00Z" has hour 25, and hours run from 00 to 23`},
		{"2024-05-01T06:61", `"2024-05-01T06:61" has minute 61`},
		{"2024-05-01T06:00:00 CET", `"2024-05-01T06:00:00 CET": the time zone "CET" is not one RFC 3339 knows; write Z for UTC or an offset such as +02:00`},
		{"13/01/2025", `"13/01/2025": write dates year first, as YYYY-MM-DD: 2025-01-13`},
		{"01/02/2025", `"01/02/2025": write dates year first, as YYYY-MM-DD (2025-02-01 or 2025-01-02?)`},
		{"Mon, 13 Jan 2025 07:00:00 +0000", `expected a date as RFC 3339 (2024-05-01T06:00:00Z) or YYYY-MM-DD, found "Mon, 13 Jan 2025 07:00:00 +0000"; write 2025-01-13T07:00:00Z`},
		{"January 13, 2025", `; write 2025-01-13`},
		{"last tuesday", `expected a date as RFC 3339 (2024-05-01T06:00:00Z) or YYYY-MM-DD, found "last tuesday"`},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) accepted it", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q) error\n got %q\nwant %q", tt.in, err, tt.want)
		}
	}
}

func TestTypeByExtension(t *testing.T) {
	tests := []struct{ in, want string }{
		{"episodes/ep1.mp3", "audio/mpeg"},
		{"https://cdn.example.com/a/ep.MP3", "audio/mpeg"},
		{"https://cdn.example.com/ep.m4a?a=v%3D3%26x.mp4", "audio/mp4"}, // the path decides, not the query
		{"https://cdn.example.com/ep.mp4#t=10", "video/mp4"},
		{"https://cdn.example.com/download?id=3", ""},
	}
	for _, tt := range tests {
		if got := typeByExtension(tt.in); got != tt.want {
			t.Errorf("typeByExtension(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
