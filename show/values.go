package show

import (
	"fmt"
	"mime"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// parseDate accepts RFC 3339 ("2024-05-01T06:00:00+02:00"), the same
// without seconds or zone (taken as UTC), or a bare date (midnight UTC).
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, dateError(s)
}

// parseDuration accepts whole or fractional seconds ("3723", "3723.5"),
// MM:SS, H:MM:SS, and Go durations ("1h2m3s").
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("expected a duration as seconds (3723), MM:SS or H:MM:SS (1:02:03), found %q", s)
	if s == "" {
		return 0, bad
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > 1e7 {
			return 0, bad
		}
		return time.Duration(f * float64(time.Second)).Round(time.Millisecond), nil
	}
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, bad
		}
		var total float64
		for i, p := range parts {
			if p == "" {
				return 0, bad
			}
			v, err := strconv.ParseFloat(p, 64)
			if err != nil || v < 0 || (i > 0 && v >= 60) || (i < len(parts)-1 && strings.Contains(p, ".")) {
				return 0, bad
			}
			total = total*60 + v
		}
		return time.Duration(total * float64(time.Second)).Round(time.Millisecond), nil
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d, nil
	}
	return 0, bad
}

// isAbsURL reports whether s is an absolute http(s) URL with a host.
func isAbsURL(s string) bool {
	if plainAbsURL(s) {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}

// plainAbsURL reports whether s is an absolute http(s) URL of the
// plainest shape, one url.Parse takes as it is: "http://" or "https://", a
// host of lower-case ASCII letters, digits, dots and hyphens, then nothing
// or "/" and a path, query and fragment of ASCII letters, digits and
// -._~!$&'()*+,;=:@/?# (no escape, space or anything url.Parse refuses).
// Most URLs in a show are of this shape; for any other, it is false and
// url.Parse judges.
func plainAbsURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	h := 0
	for h < len(rest) && hostByte[rest[h]] {
		h++
	}
	if h == 0 || h < len(rest) && rest[h] != '/' {
		return false
	}
	for i := h; i < len(rest); i++ {
		if !urlByte[rest[i]] {
			return false
		}
	}
	return true
}

var (
	hostByte = asciiSet("abcdefghijklmnopqrstuvwxyz0123456789.-")
	urlByte  = asciiSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#")
)

// looksLikeURL reports whether s is meant as a URL rather than a path.
func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "//")
}

var languageRE = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

var countryRE = regexp.MustCompile(`^[A-Za-z]{2}$`)

func validLanguage(s string) bool { return languageRE.MatchString(s) }

// cleanLocalPath checks that p names a file inside the show folder and
// returns it cleaned, with forward slashes.
func cleanLocalPath(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("empty path")
	}
	if strings.ContainsAny(p, "\\\x00") {
		return "", fmt.Errorf("%q: use forward slashes and no control characters", p)
	}
	if strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%q: expected a path relative to the show folder, or an absolute http(s) URL", p)
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%q: the path leaves the show folder", p)
	}
	return c, nil
}

// mediaURL joins base and a local path, escaping each segment.
// OutputURL returns the public URL of name, a slash path in the output
// folder ("chapters/ep-1.json", "feed.json"), published beside the feed
// at feedURL: feedURL's folder plus name, without feedURL's query. It is
// "" when feedURL is not an absolute URL.
func OutputURL(feedURL, name string) string {
	u, err := url.Parse(feedURL)
	if err != nil || !u.IsAbs() {
		return ""
	}
	return mediaURL(u.ResolveReference(&url.URL{Path: "."}).String(), name)
}

func mediaURL(base, p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + strings.Join(segs, "/")
}

// typeByExtension guesses a media type from a file name, for remote files
// that are not probed.
func typeByExtension(name string) string {
	if looksLikeURL(name) {
		if u, err := url.Parse(name); err == nil {
			name = u.Path // "…/ep.mp3?a=1" is an MP3
		}
	}
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".mp3":
		return "audio/mpeg"
	case ".m4a", ".m4b":
		return "audio/mp4"
	case ".mp4", ".m4v":
		return "video/mp4"
	case ".mov":
		return "video/quicktime"
	case ".ogg", ".oga":
		return "audio/ogg"
	case ".opus":
		return "audio/ogg"
	case ".flac":
		return "audio/flac"
	case ".wav":
		return "audio/wav"
	case ".aac":
		return "audio/aac"
	case ".vtt":
		return "text/vtt"
	case ".srt":
		return "application/x-subrip"
	case ".json":
		return "application/json"
	case ".html", ".htm":
		return "text/html"
	case ".txt":
		return "text/plain"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return ""
}

// validSlug reports whether s may be a slug (an episode's file stem, used
// in output names): an ASCII letter or digit, then up to 127 more of
// them, '.', '_' and '-'.
func validSlug(s string) bool {
	if len(s) == 0 || len(s) > 128 || !slugByte[s[0]] || s[0] == '.' || s[0] == '_' || s[0] == '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !slugByte[s[i]] {
			return false
		}
	}
	return true
}

// slugByte marks the bytes of a slug.
var slugByte = asciiSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")

// asciiSet returns the set of the bytes of chars.
func asciiSet(chars string) (t [256]bool) {
	for i := range len(chars) {
		t[chars[i]] = true
	}
	return t
}

// slugify turns a title into a safe slug: accents dropped, lowercase
// ASCII letters and digits, single dashes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

func oneOf(s string, allowed ...string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

// isOtherURI reports whether s is an absolute URI with a scheme other than
// http(s), such as ipfs://… or magnet:?…, which podcast:source allows.
func isOtherURI(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https" {
		return false
	}
	for _, r := range u.Scheme {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return len(u.Scheme) > 1 // not a Windows drive letter
}
