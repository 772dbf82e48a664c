package validate

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Helpers shared by the RSS core (§2.2) and Apple (§2.3) rules. They are
// hand-written scanners over constant data: no regular expressions, no
// allocation on the non-reporting path.

// raRSSProfiles are the profiles of the RSS core rules: every directory
// needs a valid RSS 2.0 document.
func raRSSProfiles() []Profile {
	return []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex}
}

// raAppleProfiles are the profiles of the Apple rules.
func raAppleProfiles() []Profile { return []Profile{ProfileApple} }

// raProfileOn reports whether profile p is in effect for this run (an empty
// profile list means every profile).
func raProfileOn(c *Config, p Profile) bool {
	if c == nil || len(c.Profiles) == 0 {
		return true
	}
	for _, q := range c.Profiles {
		if q == p {
			return true
		}
	}
	return false
}

// raIsSpace reports whether b is XML white space.
func raIsSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// raHigh8 has the high bit of each byte of a word.
const raHigh8 = 0x8080808080808080

// raASCII reports whether s has no byte from 0x80, eight bytes at a time.
func raASCII(s string) bool {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
		return true
	}
	last := raWord(s[len(s)-8:]) // the tail, overlapping the words before it
	for len(s) >= 8 {
		if raWord(s)&raHigh8 != 0 {
			return false
		}
		s = s[8:]
	}
	return last&raHigh8 == 0
}

// raWord reads the first eight bytes of s (len(s) >= 8) as one word.
func raWord(s string) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// raTrim trims XML white space from both ends of s.
func raTrim(s string) string {
	i, j := 0, len(s)
	for i < j && raIsSpace(s[i]) {
		i++
	}
	for j > i && raIsSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// raHasOuterSpace reports whether s has leading or trailing white space.
func raHasOuterSpace(s string) bool {
	return len(s) > 0 && (raIsSpace(s[0]) || raIsSpace(s[len(s)-1]))
}

// raText returns the trimmed text of n, or "" when n is nil.
func raText(n *Node) string {
	if n == nil {
		return ""
	}
	return raTrim(n.Text)
}

// raAttrValue returns the value of the unprefixed attribute local, and
// whether it is present.
func raAttrValue(n *Node, local string) (string, bool) {
	if a := n.Attr(local); a != nil {
		return a.Value, true
	}
	return "", false
}

// raAttrPos returns the position of attribute local, or the element's.
func raAttrPos(n *Node, local string) Pos {
	if a := n.Attr(local); a != nil {
		return a.Pos
	}
	return n.Pos
}

// raEachAttr calls fn for every child of n named space:local that has the
// unprefixed attribute attr, with the attribute and its value trimmed of XML
// white space. Children without the attribute are skipped.
func raEachAttr(n *Node, space, local, attr string, fn func(c *Node, a *Attr, v string)) {
	for _, c := range n.Children {
		if c.Space != space || c.Local != local {
			continue
		}
		if a := c.Attr(attr); a != nil {
			fn(c, a, raTrim(a.Value))
		}
	}
}

// raEachEnclosureAttr is raEachAttr(it, NSNone, "enclosure", attr, fn)
// through the item's index.
func raEachEnclosureAttr(p *Pass, it *Node, attr string, fn func(c *Node, a *Attr, v string)) {
	p.eachKid(it, ckEnclosure, func(c *Node) {
		if a := c.Attr(attr); a != nil {
			fn(c, a, raTrim(a.Value))
		}
	})
}

// raHTTPAttr returns the unprefixed attribute attr of n and its trimmed
// value, and whether n (which may be nil) has it and it holds an absolute
// http(s) URL.
func raHTTPAttr(n *Node, attr string) (*Attr, string, bool) {
	if n == nil {
		return nil, "", false
	}
	a := n.Attr(attr)
	if a == nil {
		return nil, "", false
	}
	v := raTrim(a.Value)
	if ok, _ := raHTTPURL(v); !ok {
		return nil, "", false
	}
	return a, v, true
}

// raTextPos returns where the text of n starts, or the element's position.
func raTextPos(n *Node) Pos {
	if n.TextPos.Line > 0 {
		return n.TextPos
	}
	return n.Pos
}

// raEqualFold is ASCII case-insensitive string equality.
func raEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// raHasPrefixFold is an ASCII case-insensitive strings.HasPrefix.
func raHasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && raEqualFold(s[:len(prefix)], prefix)
}

// raInList reports whether s is one of the '|'-separated fields of list.
func raInList(list, s string) bool {
	for len(list) > 0 {
		i := strings.IndexByte(list, '|')
		f := list
		if i >= 0 {
			f, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if f == s {
			return true
		}
	}
	return false
}

// raInListFold is raInList, ASCII case-insensitive; it returns the field.
func raInListFold(list, s string) (string, bool) {
	for len(list) > 0 {
		i := strings.IndexByte(list, '|')
		f := list
		if i >= 0 {
			f, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if raEqualFold(f, s) {
			return f, true
		}
	}
	return "", false
}

// raIsDigits reports whether s is one or more ASCII digits.
func raIsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// raAtoi parses a string of digits (checked by the caller) and saturates
// instead of overflowing.
func raAtoi(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		if n > (1<<62)/10 {
			return 1 << 62
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n
}

// raPositiveInt reports whether s is an integer ≥ 1 written in digits.
func raPositiveInt(s string) bool {
	if !raIsDigits(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return true
		}
	}
	return false
}

// raURLScheme returns the scheme of an absolute URL ("" when s has none)
// and the rest after the colon.
func raURLScheme(s string) (scheme, rest string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return s[:i], s[i+1:]
		default:
			return "", s
		}
	}
	return "", s
}

// raHTTPURL reports whether s is an absolute http or https URL with a host
// and no white space; https tells which scheme.
func raHTTPURL(s string) (ok, https bool) {
	scheme, rest := raURLScheme(s)
	switch {
	case raEqualFold(scheme, "http"):
	case raEqualFold(scheme, "https"):
		https = true
	default:
		return false, false
	}
	if !strings.HasPrefix(rest, "//") || len(rest) == 2 || rest[2] == '/' {
		return false, https
	}
	if raHasSpaceOrControl(s) {
		return false, https
	}
	return true, https
}

// raHasSpaceOrControl reports whether s has a byte at or below ' ', eight
// bytes at a time: (w - 0x21…) & ^w has a byte's high bit set where the
// first byte below 0x21 is (bytes from 0x80 have it clear in ^w).
func raHasSpaceOrControl(s string) bool {
	for len(s) >= 8 {
		w := raWord(s)
		if (w-0x2121212121212121)&^w&raHigh8 != 0 {
			return true
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' {
			return true
		}
	}
	return false
}

// raSpaced reports whether s, which raHTTPURL refused, is an absolute
// http(s) URL but for white space in it (the usual slip: a file name with
// a space), which deserves its own message.
func raSpaced(s string) bool {
	if !strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	ok, _ := raHTTPURL(strings.Join(strings.Fields(s), "%20"))
	return ok
}

// raURLPathExt returns the extension (lower case is up to the caller) of
// the last path segment of URL s after percent-decoding, ignoring query and
// fragment; "" when the segment has none.
func raURLPathExt(s string) string {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[:i] // a '#' before it ends s sooner, below
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if _, rest := raURLScheme(s); strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			s = rest[i:]
		} else {
			return ""
		}
	}
	seg := s[strings.LastIndexByte(s, '/')+1:]
	if strings.IndexByte(seg, '%') >= 0 {
		seg = raPercentDecode(seg)
		seg = seg[strings.LastIndexByte(seg, '/')+1:]
	}
	dot := strings.LastIndexByte(seg, '.')
	if dot < 0 || dot == len(seg)-1 {
		return ""
	}
	return seg[dot+1:]
}

// raPercentDecode decodes %XX escapes, leaving malformed ones as they are.
func raPercentDecode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && raHex(s[i+1]) >= 0 && raHex(s[i+2]) >= 0 {
			b.WriteByte(byte(raHex(s[i+1])<<4 | raHex(s[i+2])))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func raHex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// raIsTokenChar reports whether c may appear in an RFC 7230 token.
func raIsTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// raMIMEValid reports whether s is a syntactically valid media type:
// type "/" subtype, optionally followed by ";" parameters.
func raMIMEValid(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash <= 0 {
		return false
	}
	end := strings.IndexByte(s, ';')
	if end < 0 {
		end = len(s)
	}
	if end <= slash+1 {
		return false
	}
	main := raTrimRight(s[:end])
	if len(main) <= slash+1 {
		return false
	}
	for i := 0; i < len(main); i++ {
		if i != slash && !raIsTokenChar(main[i]) {
			return false
		}
	}
	if end == len(s) {
		return true
	}
	// Parameters: name=value pairs; only reject empty or nameless ones.
	for _, p := range strings.Split(s[end+1:], ";") {
		p = raTrim(p)
		eq := strings.IndexByte(p, '=')
		if eq <= 0 || eq == len(p)-1 {
			return false
		}
	}
	return true
}

func raTrimRight(s string) string {
	for len(s) > 0 && raIsSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// raMIMEBase returns the lower-case type/subtype of media type s, without
// parameters. It allocates only when s has upper-case letters.
func raMIMEBase(s string) string {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	s = raTrim(s)
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// raEmailValid is a practical check of an email address: one '@', a
// non-empty local part, and a domain with a dot, with no white space.
func raEmailValid(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') {
		return false
	}
	dom := s[at+1:]
	dot := strings.IndexByte(dom, '.')
	if dot <= 0 || dom[len(dom)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// raRuneCount counts the characters of s.
func raRuneCount(s string) int { return utf8.RuneCountInString(s) }

// raLanguage639 lists the ISO 639-1 two-letter language codes, plus the
// withdrawn ones still met in feeds (iw, in, ji, jw, mo, sh).
const raLanguage639 = "aa|ab|ae|af|ak|am|an|ar|as|av|ay|az|ba|be|bg|bh|bi|bm|bn|bo|br|bs|ca|ce|ch|co|cr|cs|cu|cv|cy|" +
	"da|de|dv|dz|ee|el|en|eo|es|et|eu|fa|ff|fi|fj|fo|fr|fy|ga|gd|gl|gn|gu|gv|ha|he|hi|ho|hr|ht|hu|hy|hz|" +
	"ia|id|ie|ig|ii|ik|in|io|is|it|iu|iw|ja|ji|jv|jw|ka|kg|ki|kj|kk|kl|km|kn|ko|kr|ks|ku|kv|kw|ky|la|lb|lg|li|ln|lo|lt|lu|lv|" +
	"mg|mh|mi|mk|ml|mn|mo|mr|ms|mt|my|na|nb|nd|ne|ng|nl|nn|no|nr|nv|ny|oc|oj|om|or|os|pa|pi|pl|ps|pt|qu|" +
	"rm|rn|ro|ru|rw|sa|sc|sd|se|sg|sh|si|sk|sl|sm|sn|so|sq|sr|ss|st|su|sv|sw|ta|te|tg|th|ti|tk|tl|tn|to|tr|ts|tt|tw|ty|" +
	"ug|uk|ur|uz|ve|vi|vo|wa|wo|xh|yi|yo|za|zh|zu"

// raLanguageValid checks a language code: an ISO 639-1 code (or a
// three-letter ISO 639-2/3 code), optionally followed by BCP 47 subtags
// (region, script) of 1–8 letters or digits.
func raLanguageValid(s string) bool {
	primary := s
	rest := ""
	if i := strings.IndexByte(s, '-'); i >= 0 {
		primary, rest = s[:i], s[i+1:]
	}
	switch len(primary) {
	case 2:
		var b [2]byte
		for i := 0; i < 2; i++ {
			c := primary[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		if !raInList(raLanguage639, string(b[:])) {
			return false
		}
	case 3:
		for i := 0; i < 3; i++ {
			c := primary[i] | 0x20
			if c < 'a' || c > 'z' {
				return false
			}
		}
	default:
		return false
	}
	if i := strings.IndexByte(s, '-'); i < 0 {
		return true
	}
	for {
		tag := rest
		i := strings.IndexByte(rest, '-')
		if i >= 0 {
			tag, rest = rest[:i], rest[i+1:]
		}
		if tag == "" || len(tag) > 8 {
			return false
		}
		for j := 0; j < len(tag); j++ {
			c := tag[j]
			if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9') {
				return false
			}
		}
		if i < 0 {
			return true
		}
	}
}

// raDate is the result of reading an RFC 822 date-time leniently.
type raDate struct {
	ok        bool   // it could be read at all
	why       string // why it could not, or the worst strict deviation
	strict    bool   // every part follows RFC 822/2822 as Apple wants it
	iso       bool   // it looks like ISO 8601 / RFC 3339
	t         time.Time
	weekday   int // -1 when absent
	zoneAlpha bool
}

const raMonths = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
const raDays = "sun|mon|tue|wed|thu|fri|sat"

// raFieldIndex returns the 0-based index of s among the three-letter names
// in list (case-insensitive), or -1.
func raFieldIndex(list, s string) int {
	if len(s) != 3 {
		return -1
	}
	for i := 0; i*4+3 <= len(list); i++ {
		if raEqualFold(list[i*4:i*4+3], s) {
			return i
		}
	}
	return -1
}

// raNextField splits off the next run of non-space bytes of s.
func raNextField(s string) (field, rest string) {
	i := 0
	for i < len(s) && raIsSpace(s[i]) {
		i++
	}
	s = s[i:]
	j := 0
	for j < len(s) && !raIsSpace(s[j]) {
		j++
	}
	return s[:j], s[j:]
}

// raZoneOffset returns the offset in seconds of an RFC 822 zone, whether
// it is alphabetic, whether it is a military letter, and whether it is known.
func raZoneOffset(z string) (off int, alpha, military, ok bool) {
	if len(z) == 5 && (z[0] == '+' || z[0] == '-') && raIsDigits(z[1:]) {
		h := int(z[1]-'0')*10 + int(z[2]-'0')
		m := int(z[3]-'0')*10 + int(z[4]-'0')
		if m > 59 {
			return 0, false, false, false
		}
		if h > 14 {
			// no place on Earth is more than 14 hours from UTC: "-3000"
			// and "+9900" are digits, not offsets
			return 0, false, false, false
		}
		off = h*3600 + m*60
		if z[0] == '-' {
			off = -off
		}
		return off, false, false, true
	}
	switch strings.ToUpper(z) {
	case "GMT", "UT":
		return 0, false, false, true
	case "UTC":
		return 0, true, false, true
	case "EST":
		return -5 * 3600, true, false, true
	case "EDT":
		return -4 * 3600, true, false, true
	case "CST":
		return -6 * 3600, true, false, true
	case "CDT":
		return -5 * 3600, true, false, true
	case "MST":
		return -7 * 3600, true, false, true
	case "MDT":
		return -6 * 3600, true, false, true
	case "PST":
		return -8 * 3600, true, false, true
	case "PDT":
		return -7 * 3600, true, false, true
	}
	if len(z) == 1 {
		c := z[0] | 0x20
		switch {
		case c == 'z':
			return 0, true, true, true
		case 'a' <= c && c <= 'i':
			return -int(c-'a'+1) * 3600, true, true, true
		case 'k' <= c && c <= 'm':
			return -int(c-'a') * 3600, true, true, true
		case 'n' <= c && c <= 'y':
			return int(c-'n'+1) * 3600, true, true, true
		}
	}
	return 0, false, false, false
}

// raParseDate reads an RFC 822/2822 date-time. It is lenient about what
// apps accept (missing weekday, alphabetic zones, 2-digit years, missing
// seconds) and records in strict/why what Apple would object to.
func raParseDate(s string) raDate {
	d := raDate{weekday: -1, strict: true}
	s = raTrim(s)
	if s == "" {
		d.why = "it is empty"
		return d
	}
	if len(s) >= 10 && raIsDigits(s[:4]) && s[4] == '-' {
		d.iso = true
		d.why = "it is ISO 8601, not RFC 822"
		return d
	}
	f, rest := raNextField(s)
	if strings.HasSuffix(f, ",") {
		wd := raFieldIndex(raDays, f[:len(f)-1])
		if wd < 0 {
			d.why = "the day of the week is not a three-letter English name"
			return d
		}
		d.weekday = wd
		f, rest = raNextField(rest)
	} else if raFieldIndex(raDays, f) >= 0 {
		d.why = "the day of the week must be followed by a comma"
		return d
	}
	// day
	if len(f) < 1 || len(f) > 2 || !raIsDigits(f) {
		d.why = "the day of the month is missing or not a number"
		return d
	}
	day := int(raAtoi(f))
	f, rest = raNextField(rest)
	mon := raFieldIndex(raMonths, f)
	if mon < 0 {
		d.why = "the month is not a three-letter English name"
		return d
	}
	f, rest = raNextField(rest)
	if !raIsDigits(f) || (len(f) != 2 && len(f) != 4) {
		d.why = "the year is not 2 or 4 digits"
		return d
	}
	year := int(raAtoi(f))
	if len(f) == 2 {
		d.strict = false
		d.why = "the year has two digits"
		if year < 50 {
			year += 2000
		} else {
			year += 1900
		}
	}
	f, rest = raNextField(rest)
	// time: hh:mm[:ss]
	if len(f) != 5 && len(f) != 8 || f[2] != ':' || !raIsDigits(f[:2]) || !raIsDigits(f[3:5]) {
		d.why = "the time is not hh:mm:ss (24-hour, two digits each)"
		return d
	}
	hh, mm, ss := int(raAtoi(f[:2])), int(raAtoi(f[3:5])), 0
	if len(f) == 8 {
		if f[5] != ':' || !raIsDigits(f[6:]) {
			d.why = "the time is not hh:mm:ss (24-hour, two digits each)"
			return d
		}
		ss = int(raAtoi(f[6:]))
	}
	if hh > 23 || mm > 59 || ss > 60 {
		d.why = "the time is out of range"
		return d
	}
	f, rest = raNextField(rest)
	if f == "" {
		d.why = "the time zone is missing"
		return d
	}
	off, alpha, military, ok := raZoneOffset(f)
	if !ok {
		switch {
		case len(f) == 6 && (f[0] == '+' || f[0] == '-') && f[3] == ':':
			d.why = "the time zone " + f + " has a colon; RFC 822 writes it " + f[:3] + f[4:]
		case len(f) == 5 && (f[0] == '+' || f[0] == '-') && raIsDigits(f[1:]):
			d.why = "the time zone " + f + " is no UTC offset (offsets run from -1400 to +1400, minutes below 60)"
		default:
			d.why = "the time zone " + f + " is not an RFC 822 zone (use +0000 or GMT)"
		}
		return d
	}
	if x, _ := raNextField(rest); x != "" {
		d.why = "there is text after the time zone"
		return d
	}
	if day < 1 || day > 31 {
		d.why = "the day of the month is out of range"
		return d
	}
	// The wall-clock date in UTC (no *time.Location per call), then shifted.
	local := time.Date(year, time.Month(mon+1), day, hh, mm, ss, 0, time.UTC)
	d.t = local.Add(-time.Duration(off) * time.Second)
	if local.Day() != day {
		d.why = "the day does not exist in that month"
		return d
	}
	d.ok = true
	d.zoneAlpha = alpha
	if alpha && d.strict {
		d.strict = false
		switch {
		case military:
			d.why = "the military time zone " + f + " is obsolete (use +0000 or GMT)"
		case raEqualFold(f, "UTC"):
			d.why = "UTC is not an RFC 822 zone name (use GMT or +0000)"
		default:
			d.why = "the alphabetic time zone " + f + " is ambiguous outside the US (write " + raFormatOffset(off) + ")"
		}
	}
	// A missing day of the week is valid RFC 822 and 2822; Apple asks
	// for one, and apple-date-weekday says so.
	if d.weekday >= 0 && int(local.Weekday()) != d.weekday && d.strict {
		d.strict = false
		d.why = "the day of the week does not match the date (it is a " + local.Weekday().String() + ")"
	}
	return d
}

// raSelfLink returns the channel's atom:link with rel="self", or nil.
func raSelfLink(ch *Node) *Node {
	for _, c := range ch.Children {
		if c.Space == NSAtom && c.Local == "link" {
			if rel, _ := raAttrValue(c, "rel"); raTrim(rel) == "self" {
				return c
			}
		}
	}
	return nil
}

// raSelfHref returns the trimmed href of the channel's self link, or "".
func raSelfHref(ch *Node) string {
	if l := raSelfLink(ch); l != nil {
		v, _ := raAttrValue(l, "href")
		return raTrim(v)
	}
	return ""
}

// raSameURL reports whether two http(s) URLs name the same feed: scheme
// (http or https) and host case are ignored, as are a default port and a
// trailing slash. Either being empty means false.
func raSameURL(a, b string) bool {
	a, b = raTrim(a), raTrim(b)
	if a == "" || b == "" {
		return false
	}
	na, oka := raNormURL(a)
	nb, okb := raNormURL(b)
	if !oka || !okb {
		return a == b
	}
	return na.host == nb.host && na.rest == nb.rest
}

type raURLParts struct{ host, rest string }

func raNormURL(s string) (raURLParts, bool) {
	scheme, rest := raURLScheme(s)
	if !raEqualFold(scheme, "http") && !raEqualFold(scheme, "https") || !strings.HasPrefix(rest, "//") {
		return raURLParts{}, false
	}
	rest = rest[2:]
	host := rest
	path := ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	host = strings.ToLower(host)
	host = strings.TrimSuffix(strings.TrimSuffix(host, ":80"), ":443")
	path = strings.TrimRight(path, "/")
	return raURLParts{host: host, rest: path}, true
}

// raMedium returns the trimmed podcast:medium of the channel, or "".
func raMedium(ch *Node) string { return raText(ch.Child(NSPodcast, "medium")) }

// raListMedium reports whether the channel is a publisher or list feed
// (podcast:medium publisher, mixed, or ending in L), which has no regular
// items and is not submitted to Apple (catalogue §7, rss-no-items).
func raListMedium(ch *Node) bool {
	m := raMedium(ch)
	return m == "publisher" || m == "mixed" || len(m) > 1 && m[len(m)-1] == 'L'
}

// raDurationSeconds reads an itunes:duration in the shapes Apple accepts
// (S, M:SS, H:MM:SS, the first field unbounded, the others below 60).
func raDurationSeconds(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var total int64
	fields := 0
	for {
		i := strings.IndexByte(s, ':')
		f := s
		if i >= 0 {
			f = s[:i]
		}
		if !raIsDigits(f) {
			return 0, false
		}
		v := raAtoi(f)
		if fields > 0 && (len(f) != 2 || v > 59) {
			return 0, false
		}
		total = total*60 + v
		fields++
		if i < 0 {
			break
		}
		if fields == 3 {
			return 0, false
		}
		s = s[i+1:]
	}
	return total, true
}

// raFormatOffset writes a zone offset in seconds as RFC 822's ±hhmm.
func raFormatOffset(off int) string {
	b := []byte{'+', '0', '0', '0', '0'}
	if off < 0 {
		b[0], off = '-', -off
	}
	h, m := off/3600, off%3600/60
	b[1], b[2], b[3], b[4] = byte('0'+h/10), byte('0'+h%10), byte('0'+m/10), byte('0'+m%10)
	return string(b)
}
