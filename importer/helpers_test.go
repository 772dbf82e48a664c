package importer

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, or "" for an error
	}{
		{"Mon, 02 Jan 2006 15:04:05 +0000", "2006-01-02T15:04:05Z"},
		{"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00"},
		{"Wed, 1 May 2024 09:00:00 EST", "2024-05-01T09:00:00-05:00"},
		{"Wed, 1 May 2024 09:00:00 PDT", "2024-05-01T09:00:00-07:00"},
		{"Wed, 01 May 2024 09:00:00 GMT+2", "2024-05-01T09:00:00+02:00"},
		{"Wed, 01 May 2024 09:00:00 UTC-05:30", "2024-05-01T09:00:00-05:30"},
		{"Wed, 01 May 2024 09:00:00 +02:00", "2024-05-01T09:00:00+02:00"},
		{"Wed, 01 May 2024 09:00:00 CEST", "2024-05-01T09:00:00+02:00"},
		{"01 May 2024 09:00 +0100", "2024-05-01T09:00:00+01:00"},
		{"Wed, 01 May 24 09:00:00 GMT", "2024-05-01T09:00:00Z"},
		{"Sat, 01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z"},
		{"Fri, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"},
		{"Wed, 01 May 2024", "2024-05-01T00:00:00Z"},
		{"Wednesday, 01 May 2024 09:00:00 GMT", "2024-05-01T09:00:00Z"},
		{"Mittwoch, 01 May 2024 09:00:00 GMT", "2024-05-01T09:00:00Z"},
		{"Wed, 01 September 2024 09:00:00 GMT", "2024-09-01T09:00:00Z"},
		{"Wed, 01 Sept 2024 09:00:00 GMT", "2024-09-01T09:00:00Z"},
		{"May 1, 2024 09:00:00 GMT", "2024-05-01T09:00:00Z"},
		{"  Wed,  01 May 2024 09:00:00 +0000 (UTC) ", "2024-05-01T09:00:00Z"},
		{"Wed, 01 May 2024 09:00:00.250 GMT", "2024-05-01T09:00:00Z"},
		{"2024-05-01T09:00:00+02:00", "2024-05-01T09:00:00+02:00"},
		{"2024-05-01T09:00:00Z", "2024-05-01T09:00:00Z"},
		{"2024-05-01T09:00:00.123-04:00", "2024-05-01T09:00:00-04:00"},
		{"2024-05-01 09:00:00", "2024-05-01T09:00:00Z"},
		{"2024-05-01", "2024-05-01T00:00:00Z"},
		{"", ""},
		{"yesterday", ""},
		{"Wed, 31 Feb 2024 09:00:00 GMT", ""},
		{"Wed, 01 Foo 2024 09:00:00 GMT", ""},
		{"Wed, 01 May 2024 25:00:00 GMT", ""},
		{"Wed, 01 May 2024 09:00:00 XYZ", ""},
		{"Wed, 01 May 2024 09:00:00 +2500", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tt.in, FormatDate(got))
		case tt.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v, want %s", tt.in, err, tt.want)
		case tt.want != "" && FormatDate(got) != tt.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, FormatDate(got), tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3605", 3605 * time.Second, true},
		{"73.5", 73*time.Second + 500*time.Millisecond, true},
		{"73.", 73 * time.Second, true},
		{"0", 0, true},
		{"59:05", 59*time.Minute + 5*time.Second, true},
		{"75:30", 75*time.Minute + 30*time.Second, true},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second, true},
		{"01:02:03.250", time.Hour + 2*time.Minute + 3*time.Second + 250*time.Millisecond, true},
		{"00:00:01.2345", time.Second + 234*time.Millisecond, true},
		{" 12:00 ", 12 * time.Minute, true},
		{"", 0, false},
		{"1:2:3:4", 0, false},
		{"1:60:00", 0, false},
		{"1:00:60", 0, false},
		{"-5", 0, false},
		{"abc", 0, false},
		{"1h", 0, false},
		{"999999999", 0, false},
		{"169:00:00", 0, false},
		{"1::2", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseDurationLenient(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		odd  bool
		ok   bool
	}{
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second, false, true},
		{"00:60:05", 3605 * time.Second, true, true},
		{"0:59:60", time.Hour, true, true},
		{"1:75", 135 * time.Second, true, true},
		{"90:00:00.5", 90*time.Hour + 500*time.Millisecond, false, true},
		{"1:60:60.25", 2*time.Hour + time.Minute + 250*time.Millisecond, true, true},
		{"200:00:00", 0, false, false}, // longer than a week either way
		{"1:x:00", 0, false, false},
		{"1:2:3:4", 0, false, false},
		{"-1:30", 0, false, false},
	}
	for _, tt := range tests {
		got, odd, err := ParseDurationLenient(tt.in)
		if (err == nil) != tt.ok || got != tt.want || odd != tt.odd {
			t.Errorf("ParseDurationLenient(%q) = %v, %v, %v; want %v, %v, ok=%v", tt.in, got, odd, err, tt.want, tt.odd, tt.ok)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in             time.Duration
		want, chapWant string
	}{
		{0, "0:00:00", "00:00:00.000"},
		{3605*time.Second + 999*time.Millisecond, "1:00:05", "01:00:05.999"},
		{59*time.Minute + 5*time.Second, "0:59:05", "00:59:05.000"},
		{26 * time.Hour, "26:00:00", "26:00:00.000"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.in); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := FormatChapterStart(tt.in); got != tt.chapWant {
			t.Errorf("FormatChapterStart(%v) = %q, want %q", tt.in, got, tt.chapWant)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Episode 2: We Have Liftoff!", "episode-2-we-have-liftoff"},
		{"Don't Panic", "dont-panic"},
		{"Café Crème — Größe", "cafe-creme-grosse"},
		{"  --Hello__World--  ", "hello-world"},
		{"ＦＵＬＬ width", "full-width"},
		{"日本語のタイトル", "episode"},
		{"", "episode"},
		{"!!!", "episode"},
		{"#123", "123"},
		{"a very long title that goes on and on and on and on and never seems to stop at all", "a-very-long-title-that-goes-on-and-on-and-on-and-on-and"},
		{"../../etc/passwd", "etc-passwd"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// The show's folder: the same slug, but "show" where an
		// episode's would be "episode".
		want := tt.want
		if want == "episode" {
			want = "show"
		}
		if got := ShowSlug(tt.in); got != want {
			t.Errorf("ShowSlug(%q) = %q, want %q", tt.in, got, want)
		}
	}
	if got := ShowSlug("Episode"); got != "episode" {
		t.Errorf(`ShowSlug("Episode") = %q, want "episode"`, got)
	}
}

func TestFileSlug(t *testing.T) {
	d := time.Date(2024, 5, 1, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	tests := []struct {
		date  time.Time
		title string
		want  string
	}{
		{d, "Title", "2024-05-01-title"}, // the date as written, not in UTC (2024-05-02)
		{time.Time{}, "Title", "title"},
	}
	for _, tt := range tests {
		if got := FileSlug(tt.date, tt.title); got != tt.want {
			t.Errorf("FileSlug(%v, %q) = %q, want %q", tt.date, tt.title, got, tt.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Mon, 02 Jan 2006 15:04:05 -0700", "2024-05-01T09:00:00+02:00", "Wed, 01 May 2024 09:00:00 GMT+2", "May 1, 2024", "01 May 24 9:00 EST"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			return
		}
		// What ParseDate accepts, RFC 3339 must carry to the same instant.
		back, err := time.Parse(time.RFC3339, FormatDate(got))
		if err != nil {
			if got.Year() < 0 || got.Year() > 9999 {
				return
			}
			t.Fatalf("ParseDate(%q) = %v, whose RFC 3339 form %q does not parse: %v", s, got, FormatDate(got), err)
		}
		if !back.Equal(got.Truncate(time.Second)) {
			t.Fatalf("ParseDate(%q): %v round-trips to %v", s, got, back)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"3605", "73.5", "59:05", "1:02:03.250", ""} {
		f.Add(s)
	}
	f.Add("00:60:05")
	f.Add("1:75")
	f.Fuzz(func(t *testing.T, s string) {
		// The lenient reading agrees with the strict one wherever that
		// reads the value, and stays within a week.
		ld, odd, lerr := ParseDurationLenient(s)
		if lerr == nil && (ld < 0 || ld > maxDuration) {
			t.Fatalf("ParseDurationLenient(%q) = %v, out of range", s, ld)
		}
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if lerr != nil || odd || ld != d {
			t.Fatalf("ParseDurationLenient(%q) = %v, %v, %v; ParseDuration says %v", s, ld, odd, lerr, d)
		}
		if d < 0 || d > maxDuration {
			t.Fatalf("ParseDuration(%q) = %v, out of range", s, d)
		}
		// The H:MM:SS form reads back as the same whole seconds.
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d.Truncate(time.Second) {
			t.Fatalf("ParseDuration(FormatDuration(%v)) = %v, %v", d, back, err)
		}
		back, err = ParseDuration(FormatChapterStart(d))
		if err != nil || back != d {
			t.Fatalf("ParseDuration(FormatChapterStart(%v)) = %v, %v", d, back, err)
		}
	})
}

func TestUnglue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"visit: https://x.example/report/wheU![](http://p.example/px.gif)", "visit: https://x.example/report/wheU ![](http://p.example/px.gif)"},
		{"see www.example.com/a[link](https://b.example)", "see www.example.com/a [link](https://b.example)"},
		{"plain text![img](a.png) and [link](b)", "plain text![img](a.png) and [link](b)"},
		{"[a](https://x.example/1)[b](https://x.example/2)", "[a](https://x.example/1)[b](https://x.example/2)"},
		{"https://a.example/x", "https://a.example/x"},
	}
	for _, tt := range tests {
		if got := unglue(tt.in); got != tt.want {
			t.Errorf("unglue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
