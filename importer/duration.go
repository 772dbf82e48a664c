package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxDuration bounds durations read from feeds (a week): anything longer is
// a typo or a byte count written in the wrong tag.
const maxDuration = 7 * 24 * time.Hour

// ParseDuration reads an itunes:duration or a chapter start: whole or
// fractional seconds ("3605", "73.5"), MM:SS ("59:05", minutes may exceed
// 59) or H:MM:SS, each with an optional fraction of a second. The result is
// rounded down to the millisecond.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty duration")
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("duration %q: expected seconds, MM:SS or H:MM:SS", s)
	}
	var total time.Duration
	for i, p := range parts {
		last := i == len(parts)-1
		var v time.Duration
		if last {
			sec, err := seconds(p)
			if err != nil {
				return 0, fmt.Errorf("duration %q: %w", s, err)
			}
			v = sec
			if len(parts) > 1 && v >= 60*time.Second {
				return 0, fmt.Errorf("duration %q: seconds must be below 60", s)
			}
		} else {
			n, err := digits(p)
			if err != nil {
				return 0, fmt.Errorf("duration %q: %w", s, err)
			}
			if i > 0 && n >= 60 {
				return 0, fmt.Errorf("duration %q: minutes must be below 60", s)
			}
			unit := time.Minute
			if len(parts) == 3 && i == 0 {
				unit = time.Hour
			}
			if n > int64(maxDuration/unit) {
				return 0, fmt.Errorf("duration %q is longer than a week", s)
			}
			v = time.Duration(n) * unit
		}
		total += v
	}
	if total > maxDuration {
		return 0, fmt.Errorf("duration %q is longer than a week", s)
	}
	return total, nil
}

func digits(p string) (int64, error) {
	if p == "" || len(p) > 9 {
		return 0, fmt.Errorf("%q is not a whole number", p)
	}
	for _, r := range p {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not a whole number", p)
		}
	}
	return strconv.ParseInt(p, 10, 64)
}

// seconds reads "12" or "12.345" (at most millisecond precision kept).
func seconds(p string) (time.Duration, error) {
	whole, frac, hasFrac := strings.Cut(p, ".")
	n, err := digits(whole)
	if err != nil {
		return 0, err
	}
	if n > int64(maxDuration/time.Second) {
		return 0, errors.New("longer than a week")
	}
	d := time.Duration(n) * time.Second
	if hasFrac {
		if frac == "" {
			return d, nil
		}
		if len(frac) > 3 {
			frac = frac[:3]
		}
		f, err := digits(frac)
		if err != nil {
			return 0, err
		}
		for i := len(frac); i < 3; i++ {
			f *= 10
		}
		d += time.Duration(f) * time.Millisecond
	}
	return d, nil
}

// FormatDuration writes d as H:MM:SS in whole seconds, the form the show
// schema reads for duration.
func FormatDuration(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// FormatChapterStart writes d as HH:MM:SS.mmm.
func FormatChapterStart(d time.Duration) string {
	ms := int64(d / time.Millisecond)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// ParseDurationLenient is ParseDuration that also reads clock values with
// minutes or seconds past 59 ("00:60:05", "1:75"), as many apps do, by
// adding the parts up: 00:60:05 is 3,605 s. odd reports that it had to.
func ParseDurationLenient(s string) (d time.Duration, odd bool, err error) {
	d, err = ParseDuration(s)
	if err == nil {
		return d, false, nil
	}
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false, err
	}
	var total time.Duration
	for i, p := range parts {
		var v time.Duration
		if i == len(parts)-1 {
			sec, perr := seconds(p)
			if perr != nil {
				return 0, false, err
			}
			v = sec
		} else {
			n, perr := digits(p)
			if perr != nil || n > int64(maxDuration/time.Second) {
				return 0, false, err
			}
			v = time.Duration(n) * time.Second
		}
		total = total*60 + v
		if total > maxDuration*60 {
			return 0, false, err
		}
	}
	if total > maxDuration {
		return 0, false, err
	}
	return total, true, nil
}
