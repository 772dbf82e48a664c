package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// isoLayouts are the ISO 8601 / RFC 3339 shapes tried before RFC 822.
// Layouts without a zone are read as UTC.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
}

// zoneNames are the RFC 822 zone names plus a few common ones seen in real
// feeds. Ambiguous abbreviations (IST, CST in Asia, …) are read the North
// American / European way, as most podcast software does.
var zoneNames = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600,
	"HST": -10 * 3600,
	"AST": -4 * 3600, "ADT": -3 * 3600,
	"BST": 1 * 3600, "IST": 1 * 3600, "WEST": 1 * 3600,
	"CET": 1 * 3600, "CEST": 2 * 3600, "MET": 1 * 3600, "MEST": 2 * 3600,
	"EET": 2 * 3600, "EEST": 3 * 3600, "MSK": 3 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "ACST": 9*3600 + 1800, "AWST": 8 * 3600,
	"NZST": 12 * 3600, "NZDT": 13 * 3600,
}

var monthNames = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// errNoDate is returned by ParseDate for an empty string.
var errNoDate = errors.New("empty date")

// ParseDate reads a feed date: RFC 822 / RFC 1123 as RSS requires (with
// named, numeric or "GMT+2"-style zones, with or without the weekday and
// seconds, two- or four-digit years) and RFC 3339 / ISO 8601 as Atom and
// many generators write. The result keeps the offset written in the feed, so
// formatting it with time.RFC3339 gives the same instant and the same local
// time. A date without a zone is read as UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errNoDate
	}
	if s[0] >= '0' && s[0] <= '9' && len(s) >= 10 && s[4] == '-' {
		for _, l := range isoLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return fixZone(t), nil
			}
		}
	}
	t, err := parseRFC822(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %w", s, err)
	}
	return t, nil
}

// fixZone replaces a named location with a fixed offset, so RFC 3339
// output shows the offset.
func fixZone(t time.Time) time.Time {
	_, off := t.Zone()
	return t.In(time.FixedZone("", off))
}

func parseRFC822(s string) (time.Time, error) {
	// Drop a trailing comment such as "(PDT)".
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) > 0 && isAlpha(f[0]) {
		if _, ok := month(f[0]); !ok {
			f = f[1:] // weekday, in any language or spelling
		}
	}
	if len(f) < 3 {
		return time.Time{}, errors.New("expected day, month and year")
	}
	var dayS, monS string
	if _, ok := month(f[0]); ok { // "Jan 2 2006"
		monS, dayS = f[0], f[1]
	} else {
		dayS, monS = f[0], f[1]
	}
	day, err := strconv.Atoi(strings.TrimSuffix(dayS, "."))
	if err != nil || day < 1 || day > 31 {
		return time.Time{}, fmt.Errorf("day %q is not a number from 1 to 31", dayS)
	}
	mon, ok := month(monS)
	if !ok {
		return time.Time{}, fmt.Errorf("month %q is not an English month name", monS)
	}
	rest := f[2:]
	year, err := strconv.Atoi(rest[0])
	if err != nil || year < 0 || year > 9999 {
		return time.Time{}, fmt.Errorf("year %q is not a number", rest[0])
	}
	switch {
	case len(rest[0]) <= 2 && year >= 70:
		year += 1900
	case len(rest[0]) <= 2:
		year += 2000
	}
	rest = rest[1:]
	var hh, mm, ss, nsec int
	if len(rest) > 0 && strings.Contains(rest[0], ":") {
		hh, mm, ss, nsec, err = clock(rest[0])
		if err != nil {
			return time.Time{}, err
		}
		rest = rest[1:]
	}
	off := 0
	if len(rest) > 0 {
		off, err = zone(strings.Join(rest, ""))
		if err != nil {
			return time.Time{}, err
		}
	}
	loc := time.FixedZone("", off)
	t := time.Date(year, mon, day, hh, mm, ss, nsec, loc)
	if t.Day() != day {
		return time.Time{}, fmt.Errorf("%s has no day %d", mon, day)
	}
	return t, nil
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.') {
			return false
		}
	}
	return s != ""
}

func month(s string) (time.Month, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0, false
	}
	m, ok := monthNames[s[:3]]
	if !ok {
		return 0, false
	}
	// Accept "Jan", "January", "Sept"; not "Janxyz".
	full := strings.ToLower(time.Month(m).String())
	if !strings.HasPrefix(full, s) && s != "sept" {
		return 0, false
	}
	return m, true
}

// clock reads H:MM or H:MM:SS with optional fraction.
func clock(s string) (hh, mm, ss, nsec int, err error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, 0, fmt.Errorf("time %q is not HH:MM:SS", s)
	}
	if hh, err = strconv.Atoi(parts[0]); err != nil || hh > 24 || hh < 0 {
		return 0, 0, 0, 0, fmt.Errorf("hour in %q is not 0 to 23", s)
	}
	if mm, err = strconv.Atoi(parts[1]); err != nil || mm > 59 || mm < 0 {
		return 0, 0, 0, 0, fmt.Errorf("minute in %q is not 0 to 59", s)
	}
	if len(parts) == 3 {
		sec := parts[2]
		if i := strings.IndexByte(sec, '.'); i >= 0 {
			frac := sec[i+1:]
			sec = sec[:i]
			if frac != "" {
				if len(frac) > 9 {
					frac = frac[:9]
				}
				n, ferr := strconv.Atoi(frac)
				if ferr != nil || n < 0 {
					return 0, 0, 0, 0, fmt.Errorf("seconds in %q are not a number", s)
				}
				for i := len(frac); i < 9; i++ {
					n *= 10
				}
				nsec = n
			}
		}
		if ss, err = strconv.Atoi(sec); err != nil || ss > 60 || ss < 0 {
			return 0, 0, 0, 0, fmt.Errorf("seconds in %q are not 0 to 59", s)
		}
	}
	return hh, mm, ss, nsec, nil
}

// zone reads "+0200", "-05:00", "+2", "EST", "GMT+2", "UTC-05:30".
func zone(z string) (int, error) {
	orig := z
	up := strings.ToUpper(z)
	for _, p := range []string{"GMT", "UTC", "UT"} {
		if strings.HasPrefix(up, p) && len(up) > len(p) && (up[len(p)] == '+' || up[len(p)] == '-') {
			up = up[len(p):]
			break
		}
	}
	if off, ok := zoneNames[up]; ok {
		return off, nil
	}
	if up == "" || (up[0] != '+' && up[0] != '-') {
		return 0, fmt.Errorf("time zone %q is not a known name or a ±hhmm offset", orig)
	}
	sign := 1
	if up[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(up[1:], ":", "")
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("time zone %q is not a ±hhmm offset", orig)
		}
	}
	var h, m int
	switch len(digits) {
	case 1, 2:
		h, _ = strconv.Atoi(digits)
	case 3:
		h, _ = strconv.Atoi(digits[:1])
		m, _ = strconv.Atoi(digits[1:])
	case 4:
		h, _ = strconv.Atoi(digits[:2])
		m, _ = strconv.Atoi(digits[2:])
	default:
		return 0, fmt.Errorf("time zone %q is not a ±hhmm offset", orig)
	}
	if h > 14 || m > 59 {
		return 0, fmt.Errorf("time zone %q is out of range", orig)
	}
	return sign * (h*3600 + m*60), nil
}

// FormatDate writes t as RFC 3339 in the offset it carries.
func FormatDate(t time.Time) string {
	return t.Format(time.RFC3339)
}
