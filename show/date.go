package show

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ParseDate reads a date as podcast.yaml and episode front matter take
// it: RFC 3339 ("2024-05-01T06:00:00+02:00"), the same without seconds or
// zone (taken as UTC), or a bare YYYY-MM-DD (midnight UTC). Its error says
// what is wrong with the value and, where it can, the value to write.
func ParseDate(s string) (time.Time, error) { return parseDate(s) }

// dateShape is YYYY-MM-DD with an optional time, loosely: one or two
// digit months and days are caught here to be explained.
var dateShape = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?(.*))?$`)

// dayFirst is 13/01/2025 or 13.01.2025: day and month in either order.
var dayFirst = regexp.MustCompile(`^(\d{1,2})[./](\d{1,2})[./](\d{4})$`)

// dateError explains why s is not a date parseDate accepts.
func dateError(s string) error {
	const want = "expected a date as RFC 3339 (2024-05-01T06:00:00Z) or YYYY-MM-DD"
	if m := dateShape.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		switch {
		case mo < 1 || mo > 12:
			msg := fmt.Sprintf("%q has month %d, and months run from 01 to 12", s, mo)
			if d >= 1 && d <= 12 {
				msg += fmt.Sprintf("; if it is day %d of month %d, write %04d-%02d-%02d (year, month, day)", mo, d, y, d, mo)
			}
			return fmt.Errorf("%s", msg)
		case d < 1 || d > daysIn(y, time.Month(mo)):
			return fmt.Errorf("%q has day %d, and %s %d has %d days", s, d, time.Month(mo), y, daysIn(y, time.Month(mo)))
		case len(m[2]) == 1 || len(m[3]) == 1:
			return fmt.Errorf("%q: write the month and the day with two digits: %04d-%02d-%02d%s", s, y, mo, d, s[len(m[1])+len(m[2])+len(m[3])+2:])
		}
		if m[4] != "" {
			h, _ := strconv.Atoi(m[4])
			mi, _ := strconv.Atoi(m[5])
			sec, _ := strconv.Atoi(m[6])
			switch {
			case h > 23:
				return fmt.Errorf("%q has hour %d, and hours run from 00 to 23", s, h)
			case mi > 59:
				return fmt.Errorf("%q has minute %d, and minutes run from 00 to 59", s, mi)
			case sec > 59:
				return fmt.Errorf("%q has second %d, and seconds run from 00 to 59", s, sec)
			case len(m[4]) == 1:
				return fmt.Errorf("%q: write the hour with two digits (%02d)", s, h)
			}
			if zone := strings.TrimSpace(m[7]); zone != "" {
				return fmt.Errorf("%q: the time zone %q is not one RFC 3339 knows; write Z for UTC or an offset such as +02:00", s, zone)
			}
		}
		return fmt.Errorf("%s, found %q", want, s)
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y := m[3]
		switch {
		case a > 12 && b <= 12:
			return fmt.Errorf("%q: write dates year first, as YYYY-MM-DD: %s-%02d-%02d", s, y, b, a)
		case b > 12 && a <= 12:
			return fmt.Errorf("%q: write dates year first, as YYYY-MM-DD: %s-%02d-%02d", s, y, a, b)
		}
		return fmt.Errorf("%q: write dates year first, as YYYY-MM-DD (%s-%02d-%02d or %s-%02d-%02d?)", s, y, b, a, y, a, b)
	}
	// Dates as feeds and mail write them: say the same time in RFC 3339.
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", time.RFC822Z, time.RFC822, "January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && !strings.Contains(layout, "15") {
				return fmt.Errorf("%s, found %q; write %s", want, s, t.Format("2006-01-02"))
			}
			return fmt.Errorf("%s, found %q; write %s", want, s, t.Format(time.RFC3339))
		}
	}
	return fmt.Errorf("%s, found %q", want, s)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
