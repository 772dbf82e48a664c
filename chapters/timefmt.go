package chapters

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxMS caps every time the readers accept: 1000 hours.
const maxMS = 1000 * 3600 * 1000

var errTime = errors.New("bad time")

// fracMS turns the digits after a decimal point into milliseconds,
// rounding past the third digit.
func fracMS(d string) (int64, bool) {
	if d == "" {
		return 0, true
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	var ms int64
	for i := 0; i < 3; i++ {
		ms *= 10
		if i < len(d) {
			ms += int64(d[i] - '0')
		}
	}
	if len(d) > 3 && d[3] >= '5' {
		ms++ // may reach 1000: the caller adds it to the seconds
	}
	return ms, true
}

// digits parses a run of 1 to max ASCII digits.
func digits(s string, max int) (int64, bool) {
	if s == "" || len(s) > max {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// parseDecimalSeconds reads "12", "12.5", "12,500000" or ".5" seconds as
// milliseconds, rounding to the nearest millisecond.
func parseDecimalSeconds(s string) (int64, error) {
	s = strings.Replace(s, ",", ".", 1)
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return 0, errTime
	}
	var sec int64
	if intPart != "" {
		var ok bool
		if sec, ok = digits(intPart, 9); !ok {
			return 0, errTime
		}
	}
	f, ok := fracMS(frac)
	if !ok {
		return 0, errTime
	}
	ms := sec*1000 + f
	if ms > maxMS {
		return 0, errTime
	}
	return ms, nil
}

// parseJSONSeconds reads a JSON number of seconds as milliseconds. It keeps
// milliseconds exactly for plain decimals and rounds anything else.
func parseJSONSeconds(s string) (int64, error) {
	if ms, err := parseDecimalSeconds(s); err == nil && !strings.Contains(s, ",") {
		return ms, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f*1000 > maxMS || f != f {
		return 0, errTime
	}
	return int64(f*1000 + 0.5), nil
}

// parseClock reads [[H+:]M+:]S+[.f+] with at most three colon parts. The
// parts after the first must be 0-59; the first may be larger ("75:30").
// Fractions are scaled to milliseconds.
func parseClock(s string) (int64, error) {
	main, frac, hasDot := strings.Cut(s, ".")
	if hasDot && frac == "" {
		return 0, errTime
	}
	f, ok := fracMS(frac)
	if !ok {
		return 0, errTime
	}
	parts := strings.Split(main, ":")
	if len(parts) > 3 {
		return 0, errTime
	}
	var total int64
	for i, p := range parts {
		max := 2
		if i == 0 {
			max = 9
		}
		n, ok := digits(p, max)
		if !ok {
			return 0, errTime
		}
		if i > 0 && n > 59 {
			return 0, errTime
		}
		total = total*60 + n
	}
	ms := total*1000 + f
	if ms > maxMS {
		return 0, errTime
	}
	return ms, nil
}

// ParseTime reads a time as people write it: seconds ("754", "754.5"),
// M:SS or MM:SS (minutes may pass 59, "75:30"), H:MM:SS, each with an
// optional fraction ("12:34.250"), and returns milliseconds.
func ParseTime(s string) (int64, error) {
	s = strings.TrimSpace(s)
	ms, err := parseClock(s)
	if err != nil {
		return 0, fmt.Errorf("bad time %q: want [[H:]MM:]SS[.mmm]", s)
	}
	return ms, nil
}

// FormatNPT writes ms as HH:MM:SS.mmm, the form PSC, Podlove JSON and
// mp4chaps writers use.
func FormatNPT(ms int64) string {
	if ms < 0 {
		ms = 0
	}
	h := ms / 3600000
	m := ms / 60000 % 60
	s := ms / 1000 % 60
	return fmt.Sprintf("%02d:%02d:%02d.%03d", h, m, s, ms%1000)
}

// formatVTT writes ms as WebVTT wants: MM:SS.mmm, or HH:MM:SS.mmm when
// hours is set.
func formatVTT(ms int64, hours bool) string {
	if hours {
		return FormatNPT(ms)
	}
	return fmt.Sprintf("%02d:%02d.%03d", ms/60000, ms/1000%60, ms%1000)
}

// formatSeconds writes ms as a JSON number of seconds with no trailing
// zeros: 180, 6.202, 2739.2.
func formatSeconds(ms int64) string {
	s := strconv.FormatInt(ms/1000, 10)
	if f := ms % 1000; f != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%03d", f), "0")
	}
	return s
}

// formatSeconds6 writes ms as seconds with six decimals (Audacity).
func formatSeconds6(ms int64) string {
	return fmt.Sprintf("%d.%03d000", ms/1000, ms%1000)
}
