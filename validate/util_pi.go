package validate

// Helpers shared by the Spotify (§2.4), podcast namespace (§2.5) and
// cross-item (§2.6) rules. Every list here is constant data held in a switch
// or a string constant, so nothing is allocated or mutable at package level.
// Names start with pi (podcast namespace and general value checks), spot or
// cons so they do not collide with the other families' helpers.

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"time"
)

const (
	// nsSpotify is the namespace of Spotify's own RSS extension.
	nsSpotify = "http://www.spotify.com/ns/rss"

	// piListsCommit names the Podcastindex-org/podcast-namespace commit the
	// bundled slug lists were taken from, for messages about unknown values.
	piListsCommit = "c0ff5ca"

	// piGUIDNamespace is the UUIDv5 namespace of podcast:guid (docs/tags/guid.md).
	piGUIDNamespace = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"

	// consMinKbps and consMaxKbps bound the plausible bitrate of a lossy
	// audio enclosure (length×8/duration). The catalogue's two rules gave
	// 16–320 and 16–512 kbit/s; §7 asks for one band, and 512 avoids
	// flagging high-quality AAC and MP3 at 320 kbit/s plus ID3 artwork.
	consMinKbps = 16
	consMaxKbps = 512
)

// piParents is a set of element kinds a podcast: tag may sit under.
type piParents uint16

const (
	piInChannel piParents = 1 << iota
	piInItem              // item, and podcast:liveItem (§7: every item child is allowed there)
	piInAltEnclosure
	piInValue
	piInValueTimeSplit
	piInPodroll
	piInPublisher
)

// piTag describes a tag of the podcast namespace: where it may appear and
// whether it may repeat under one parent. known is false for tags not in
// the specification.
func piTag(local string) (parents piParents, single, known bool) {
	const cil = piInChannel | piInItem
	switch local {
	case "guid", "locked", "medium", "podroll", "updateFrequency", "podping", "publisher":
		return piInChannel, true, true
	case "trailer", "liveItem", "block":
		return piInChannel, false, true
	case "funding", "person", "location", "value", "socialInteract", "txt", "image", "images":
		return cil, false, true
	case "license", "chat":
		return cil, true, true
	case "transcript", "soundbite", "alternateEnclosure", "contentLink":
		return piInItem, false, true
	case "chapters", "season", "episode":
		return piInItem, true, true
	case "source":
		return piInAltEnclosure, false, true
	case "integrity":
		return piInAltEnclosure, true, true
	case "valueRecipient":
		return piInValue | piInValueTimeSplit, false, true
	case "valueTimeSplit":
		return piInValue, false, true
	case "remoteItem":
		return piInChannel | piInPodroll | piInValueTimeSplit | piInPublisher, false, true
	}
	return 0, false, false
}

// piProposalTag reports whether local is a tag discussed in the namespace's
// proposal documents (proposal-docs/) rather than an unknown name.
func piProposalTag(local string) bool {
	switch local {
	case "bonusItem", "social", "socialSignUp", "recommendations", "verify", "gateway",
		"id", "opensubscribe", "hiveAccount", "valueWebmonetization":
		return true
	}
	return false
}

// piParentKind classifies an element as a parent of podcast: tags.
func piParentKind(n *Node) piParents {
	switch n.Space {
	case NSNone:
		switch n.Local {
		case "channel":
			return piInChannel
		case "item":
			return piInItem
		}
	case NSPodcast:
		switch n.Local {
		case "liveItem":
			return piInItem
		case "alternateEnclosure":
			return piInAltEnclosure
		case "value":
			return piInValue
		case "valueTimeSplit":
			return piInValueTimeSplit
		case "podroll":
			return piInPodroll
		case "publisher":
			return piInPublisher
		}
	}
	return 0
}

// piParentsText names a set of parents for messages.
func piParentsText(ps piParents) string {
	var b strings.Builder
	add := func(s string) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	if ps&piInChannel != 0 {
		add("channel")
	}
	if ps&piInItem != 0 {
		add("item, podcast:liveItem")
	}
	if ps&piInAltEnclosure != 0 {
		add("podcast:alternateEnclosure")
	}
	if ps&piInValue != 0 {
		add("podcast:value")
	}
	if ps&piInValueTimeSplit != 0 {
		add("podcast:valueTimeSplit")
	}
	if ps&piInPodroll != 0 {
		add("podcast:podroll")
	}
	if ps&piInPublisher != 0 {
		add("podcast:publisher")
	}
	return b.String()
}

// piWalk calls fn for every podcast: element below root, with its parent.
func piWalk(root *Node, fn func(parent, n *Node)) {
	for _, c := range root.Children {
		if c.Space == NSPodcast {
			fn(root, c)
		}
		if len(c.Children) > 0 {
			piWalk(c, fn)
		}
	}
}

// piEach calls fn for every podcast:<local> element that is a child of root
// or, through podcast: elements only, a deeper descendant, in document order.
//
// About twenty rules call it on every item. The walk itself is shared:
// the podcast: elements of root are listed once per item in the worker's
// piIndex, and each rule scans that short list instead of all children.
// bit is piNameBit(local): a rule whose tag the item does not have (most,
// on most items) returns without scanning the list.
func piEach(p *Pass, root *Node, local string, bit uint64, fn func(p *Pass, n *Node)) {
	if p.pi == nil {
		piEachWalk(root, local, p, fn)
		return
	}
	nodes := p.pi.of(root)
	if p.pi.names&bit == 0 {
		return
	}
	for _, c := range nodes {
		if c.Local == local {
			fn(p, c)
		}
	}
}

// piEachWalk is piEach without an index.
func piEachWalk(root *Node, local string, p *Pass, fn func(p *Pass, n *Node)) {
	for _, c := range root.Children {
		if c.Local == local && c.Space == NSPodcast { // Local first: short, rarely equal
			fn(p, c)
		}
		// Only podcast: elements (liveItem, alternateEnclosure, value, …) hold
		// podcast: tags; one found elsewhere is pi-parent's finding.
		if len(c.Children) > 0 && c.Space == NSPodcast {
			piEachWalk(c, local, p, fn)
		}
	}
}

// piIndex lists the podcast: elements piEach visits under one root, in
// the order it visits them. Each goroutine that runs hooks has its own;
// the passes of the rules it runs point to it.
type piIndex struct {
	root  *Node
	gen   uint64 // root.gen when listed: the engine reuses item nodes
	kids  int    // len(root.Children) when listed
	nodes []*Node
	names uint64 // the piNameBit of every listed element's name

	ix kidIndex // the children by name (util_index.go)
}

// of returns the podcast: elements under root, listing them on the first
// call for a root.
func (x *piIndex) of(root *Node) []*Node {
	if x.root != root || x.gen != root.gen || x.kids != len(root.Children) {
		x.root, x.gen, x.kids = root, root.gen, len(root.Children)
		x.nodes = piCollect(x.nodes[:0], root)
		x.names = 0
		for _, c := range x.nodes {
			x.names |= piNameBit(c.Local)
		}
	}
	return x.nodes
}

// piNameBit maps a local name to one of 64 bits (names may share one): a
// set of them tells for sure which names a list does not hold.
func piNameBit(local string) uint64 {
	if local == "" {
		return 1
	}
	return 1 << ((uint(len(local))*7 + uint(local[0])*3 + uint(local[len(local)-1])) & 63)
}

func piCollect(dst []*Node, root *Node) []*Node {
	for _, c := range root.Children {
		if c.Space == NSPodcast {
			dst = append(dst, c)
			if len(c.Children) > 0 {
				dst = piCollect(dst, c)
			}
		}
	}
	return dst
}

// piHooks returns Channel and Item hooks that run check on every
// podcast:<local> element of the channel (live items included) and items.
func piHooks(local string, check func(p *Pass, n *Node)) (func(*Pass, *Node), func(*Pass, *Node)) {
	bit := piNameBit(local)
	h := func(p *Pass, root *Node) { piEach(p, root, local, bit, check) }
	return h, h
}

// trimSpace is strings.TrimSpace, inlined for the usual value that starts
// and ends with a printable ASCII byte (no Unicode space begins or ends so).
func trimSpace(s string) string {
	if len(s) > 0 && s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80 {
		return s
	}
	return strings.TrimSpace(s)
}

// piVal returns the trimmed text of n.
func piVal(n *Node) string { return trimSpace(n.Text) }

// piTextPos is where a finding about n's value goes.
func piTextPos(n *Node) Pos {
	if trimSpace(n.Text) == "" {
		return n.Pos
	}
	return n.TextPos
}

// piRequire reports a missing or empty required attribute and returns the
// attribute (nil when missing or empty).
func piRequire(p *Pass, n *Node, name string) *Attr {
	a := n.Attr(name)
	if a == nil {
		p.Reportf(n.Pos, "%s has no %q attribute, which is required", n.Name(), name)
		return nil
	}
	if trimSpace(a.Value) == "" {
		p.Reportf(a.Pos, "%s has an empty %q attribute, which is required", n.Name(), name)
		return nil
	}
	return a
}

// piIsInt reports whether s is an integer with an optional sign.
func piIsInt(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return raIsDigits(s)
}

// piIsDecimal reports whether s is a non-negative decimal number such as
// "12", "12.5" or ".5".
func piIsDecimal(s string) bool {
	dot, digits := false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// piDecimal parses a non-negative decimal without allocating.
func piDecimal(s string) (float64, bool) {
	if !piIsDecimal(s) {
		return 0, false
	}
	var v, scale float64 = 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			scale = 1
			continue
		}
		v = v*10 + float64(c-'0')
		if scale > 0 {
			scale *= 10
		}
	}
	if scale > 0 {
		v /= scale
	}
	return v, true
}

// piIsSignedDecimal accepts an optional leading minus sign.
func piIsSignedDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return piIsDecimal(s)
}

// piIsBool reports whether s is "true" or "false".
func piIsBool(s string) bool { return s == "true" || s == "false" }

// piIsHex reports whether s is non-empty hexadecimal.
func piIsHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// piIsUUID reports whether s has the 8-4-4-4-12 hexadecimal UUID shape.
func piIsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// piUUIDv5 computes the RFC 4122 version 5 UUID of name in namespace ns
// (a UUID string), in lower case.
func piUUIDv5(ns, name string) string {
	var nsb [16]byte
	if _, err := hex.Decode(nsb[:], []byte(strings.ReplaceAll(ns, "-", ""))); err != nil {
		return ""
	}
	h := sha1.New()
	h.Write(nsb[:])
	h.Write([]byte(name))
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	x := hex.EncodeToString(sum[:16])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// piGUIDSeed turns a feed URL into the string podcast:guid hashes: the URL
// without its scheme and without trailing slashes.
func piGUIDSeed(u string) string {
	u = trimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	return strings.TrimRight(u, "/")
}

// piIsToken reports whether s is an RFC 2045 token (MIME type parts).
func piIsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?=", c) >= 0 {
			return false
		}
	}
	return true
}

// piIsMIME reports whether s is a syntactically valid MIME type, with
// optional parameters.
func piIsMIME(s string) bool {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = trimSpace(s[:i])
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return false
	}
	return piIsToken(s[:slash]) && piIsToken(s[slash+1:])
}

// piIsEmail is a loose check for local@domain.tld without spaces.
func piIsEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') {
		return false
	}
	dom := s[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	if dot <= 0 || dot == len(dom)-1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == '(' || s[i] == ')' {
			return false
		}
	}
	return true
}

// piScheme returns the lower-cased scheme of an absolute URI, or "".
func piScheme(s string) string {
	if n := piSchemeLen(s); n > 0 {
		return strings.ToLower(s[:n])
	}
	return ""
}

// piSchemeLen returns the length of the scheme of an absolute URI (the
// index of its ':'), or 0.
func piSchemeLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return i
		default:
			return 0
		}
	}
	return 0
}

// piIsAbsURL reports whether s is an absolute URI without spaces; http and
// https URLs also need a host.
func piIsAbsURL(s string) bool { return !hasURLSpace(s) && piIsAbsURLSpaceless(s) }

// piIsAbsURLSpaceless is piIsAbsURL for an s hasURLSpace has passed.
func piIsAbsURLSpaceless(s string) bool {
	n := piSchemeLen(s) // the scheme is ASCII: compare it without lower-casing a copy
	if n == 0 {
		return false
	}
	if sch := s[:n]; raEqualFold(sch, "http") || raEqualFold(sch, "https") {
		rest := s[n+1:]
		if !strings.HasPrefix(rest, "//") {
			return false
		}
		rest = rest[2:]
		// a host: something before the first '/', '?' or '#'
		return rest != "" && rest[0] != '/' && rest[0] != '?' && rest[0] != '#'
	}
	return len(s) > n+1
}

// piURLProblem says why s is not a usable absolute URL, or returns "".
func piURLProblem(s string) string {
	if hasURLSpace(s) {
		return "contains whitespace (encode spaces as %20)"
	}
	if !piIsAbsURLSpaceless(s) {
		return "is not an absolute URL"
	}
	return ""
}

// piReportURL reports attribute attr of element elem, a (nil is ignored),
// when its trimmed value is not a usable URL (piURLProblem), as
// `podcast:funding url "…" is not …`.
func piReportURL(p *Pass, a *Attr, elem, attr string) {
	if a == nil {
		return
	}
	if why := piURLProblem(trimSpace(a.Value)); why != "" {
		p.Reportf(a.Pos, "%s %s %q %s", elem, attr, a.Value, why)
	}
}

// piIsHTTP reports whether s uses the plain http: scheme.
func piIsHTTP(s string) bool {
	return len(s) >= 5 && strings.EqualFold(s[:5], "http:")
}

// piIsBCP47 is a shape check for a language tag: alphanumeric subtags of
// 1–8 characters separated by hyphens, the first of 2–3 letters (or x/i).
func piIsBCP47(s string) bool {
	if s == "" {
		return false
	}
	first := true
	for len(s) > 0 {
		sub := s
		if i := strings.IndexAny(s, "-_"); i >= 0 {
			sub, s = s[:i], s[i+1:]
			if s == "" {
				return false
			}
		} else {
			s = ""
		}
		if len(sub) == 0 || len(sub) > 8 {
			return false
		}
		for i := 0; i < len(sub); i++ {
			c := sub[i]
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if first && !letter {
				return false
			}
			if !letter && !(c >= '0' && c <= '9') {
				return false
			}
		}
		if first && !(len(sub) >= 2 && len(sub) <= 3 || sub == "x" || sub == "i" || sub == "X" || sub == "I") {
			return false
		}
		first = false
	}
	return true
}

// piCountryCodes holds every ISO 3166-1 alpha-2 code, space separated.
const piCountryCodes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
	"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

// piIsCountry reports whether s is an ISO 3166-1 alpha-2 code, in any case.
func piIsCountry(s string) bool {
	if len(s) != 2 {
		return false
	}
	a, b := s[0]&^0x20, s[1]&^0x20 // ASCII upper case
	for i := 0; i+1 < len(piCountryCodes); i += 3 {
		if piCountryCodes[i] == a && piCountryCodes[i+1] == b {
			return true
		}
	}
	return false
}

// piIsISO8601 accepts a date (YYYY-MM-DD) or a date-time
// YYYY-MM-DDThh:mm[:ss[.fff]] with an optional zone Z, ±hh:mm, ±hhmm or ±hh
// (§7: the namespace's own examples use ".000-0600").
func piIsISO8601(s string) bool {
	_, ok := piISO8601Shape(s)
	return ok
}

// piISO8601Shape returns whether s is a date-only value, and whether it is
// valid at all.
func piISO8601Shape(s string) (dateOnly, ok bool) {
	d := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	if len(s) < 10 || !d(0) || !d(1) || !d(2) || !d(3) || s[4] != '-' || !d(5) || !d(6) || s[7] != '-' || !d(8) || !d(9) {
		return false, false
	}
	if len(s) == 10 {
		return true, true
	}
	if s[10] != 'T' && s[10] != 't' && s[10] != ' ' {
		return false, false
	}
	i := 11
	if !d(i) || !d(i+1) || i+2 >= len(s) || s[i+2] != ':' || !d(i+3) || !d(i+4) {
		return false, false
	}
	i += 5
	if i < len(s) && s[i] == ':' {
		if !d(i+1) || !d(i+2) {
			return false, false
		}
		i += 3
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			i++
			if !d(i) {
				return false, false
			}
			for d(i) {
				i++
			}
		}
	}
	rest := s[i:]
	switch {
	case rest == "", rest == "Z", rest == "z":
		return false, true
	case rest[0] == '+' || rest[0] == '-':
		z := rest[1:]
		switch len(z) {
		case 2:
			return false, raIsDigits(z)
		case 4:
			return false, raIsDigits(z)
		case 5:
			return false, z[2] == ':' && raIsDigits(z[:2]) && raIsDigits(z[3:])
		}
	}
	return false, false
}

// piParseRFC2822 parses an RFC 822/2822 date-time leniently: optional day of
// week, 1–2 digit day, English month name, 2- or 4-digit year, hh:mm[:ss],
// and a numeric, GMT/UT/UTC/Z, US or military zone. It returns Unix seconds.
func piParseRFC2822(s string) (int64, bool) {
	s = trimSpace(s)
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = strings.TrimLeft(s[i+1:], " ")
	} else if len(s) > 3 && s[0] > '9' {
		// "Mon 02 Jan 2006 …" without the comma
		if sp := strings.IndexByte(s, ' '); sp > 0 && sp <= 9 {
			if _, ok := piMonth(s[:sp]); !ok {
				s = strings.TrimLeft(s[sp+1:], " ")
			}
		}
	}
	next := func() string {
		s = strings.TrimLeft(s, " ")
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			t := s
			s = ""
			return t
		}
		t := s[:i]
		s = s[i+1:]
		return t
	}
	dayS, monS, yearS, timeS, zoneS := next(), next(), next(), next(), next()
	if trimSpace(s) != "" || !raIsDigits(dayS) || len(dayS) > 2 || !raIsDigits(yearS) {
		return 0, false
	}
	mon, ok := piMonth(monS)
	if !ok {
		return 0, false
	}
	day := piAtoi(dayS)
	year := piAtoi(yearS)
	switch len(yearS) {
	case 2:
		if year < 50 {
			year += 2000
		} else {
			year += 1900
		}
	case 4:
	default:
		return 0, false
	}
	var hh, mm, ss int
	switch len(timeS) {
	case 5, 8:
		if timeS[2] != ':' || !raIsDigits(timeS[:2]) || !raIsDigits(timeS[3:5]) {
			return 0, false
		}
		hh, mm = piAtoi(timeS[:2]), piAtoi(timeS[3:5])
		if len(timeS) == 8 {
			if timeS[5] != ':' || !raIsDigits(timeS[6:]) {
				return 0, false
			}
			ss = piAtoi(timeS[6:])
		}
	default:
		return 0, false
	}
	if day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 {
		return 0, false
	}
	off, ok := piZoneOffset(zoneS)
	if !ok {
		return 0, false
	}
	t := time.Date(year, time.Month(mon), day, hh, mm, ss, 0, time.UTC)
	return t.Unix() - int64(off), true
}

// piMonth maps an English month abbreviation or name to 1–12.
func piMonth(s string) (int, bool) {
	if len(s) < 3 {
		return 0, false
	}
	switch strings.ToLower(s[:3]) {
	case "jan":
		return 1, true
	case "feb":
		return 2, true
	case "mar":
		return 3, true
	case "apr":
		return 4, true
	case "may":
		return 5, true
	case "jun":
		return 6, true
	case "jul":
		return 7, true
	case "aug":
		return 8, true
	case "sep":
		return 9, true
	case "oct":
		return 10, true
	case "nov":
		return 11, true
	case "dec":
		return 12, true
	}
	return 0, false
}

// piZoneOffset returns the offset east of UTC in seconds of an RFC 822 zone.
func piZoneOffset(z string) (int, bool) {
	if len(z) == 5 && (z[0] == '+' || z[0] == '-') && raIsDigits(z[1:]) {
		if piAtoi(z[1:3]) > 23 || piAtoi(z[3:5]) > 59 {
			return 0, false
		}
		off := piAtoi(z[1:3])*3600 + piAtoi(z[3:5])*60
		if z[0] == '-' {
			off = -off
		}
		return off, true
	}
	switch strings.ToUpper(z) {
	case "GMT", "UT", "UTC", "Z", "":
		return 0, true
	case "EST":
		return -5 * 3600, true
	}
	return piZoneOffsetRest(strings.ToUpper(z))
}

func piZoneOffsetRest(z string) (int, bool) {
	switch z {
	case "EDT":
		return -4 * 3600, true
	case "CST":
		return -6 * 3600, true
	case "CDT":
		return -5 * 3600, true
	case "MST":
		return -7 * 3600, true
	case "MDT":
		return -6 * 3600, true
	case "PST":
		return -8 * 3600, true
	case "PDT":
		return -7 * 3600, true
	}
	if len(z) == 1 && z[0] >= 'A' && z[0] <= 'Z' && z[0] != 'J' {
		return 0, true // military zones; RFC 1123 notes their signs are unreliable
	}
	return 0, false
}

// piAtoi converts a short run of ASCII digits.
func piAtoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// piDurationSeconds parses itunes:duration: whole or decimal seconds,
// M:SS or H:MM:SS (the first field unbounded).
func piDurationSeconds(s string) (float64, bool) {
	s = trimSpace(s)
	if s == "" {
		return 0, false
	}
	total := 0.0
	parts := 0
	for {
		i := strings.IndexByte(s, ':')
		field := s
		if i >= 0 {
			field = s[:i]
		}
		v, ok := piDecimal(field)
		if !ok {
			return 0, false
		}
		if parts > 0 && v >= 60 {
			return 0, false
		}
		total = total*60 + v
		parts++
		if i < 0 {
			break
		}
		if parts == 3 {
			return 0, false
		}
		s = s[i+1:]
	}
	return total, true
}

// piIsFQDN is a shape check for a host name: dot-separated labels of
// letters, digits and hyphens, not starting or ending with a hyphen.
func piIsFQDN(s string) bool {
	if s == "" || len(s) > 253 || strings.IndexByte(s, '.') < 0 {
		return false
	}
	s = strings.TrimSuffix(s, ".")
	label := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if label == 0 || s[i-1] == '-' {
				return false
			}
			label = 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			label++
		case c == '-':
			if label == 0 {
				return false
			}
			label++
		default:
			return false
		}
		if label > 63 {
			return false
		}
	}
	return label > 0 && s[len(s)-1] != '-'
}

// piRef is the URL of a tag's page in the namespace specification.
func piRef(tag string) string {
	return "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/" + tag + ".md"
}

// piSpecURL is the namespace specification's front page.
const piSpecURL = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"

// piProfiles are the profiles of the podcast namespace rules.
func piProfiles() []Profile { return []Profile{ProfilePodcastIndex} }

// spotRef is Spotify's podcast specification page.
const spotRef = "https://support.spotify.com/us/creators/article/podcast-specification-doc/"

// spotProfiles are the profiles of the Spotify rules.
func spotProfiles() []Profile { return []Profile{ProfileSpotify} }

// consAllProfiles is every profile, for heuristics that concern any feed.
func consAllProfiles() []Profile {
	return []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex}
}

// consAPG is Apple's guide to podcast RSS tags.
const consAPG = "https://podcasters.apple.com/support/823-podcast-requirements"

// consItunesInt returns the integer value of item's itunes:<local>.
func consItunesInt(p *Pass, it *Node, k ck) (int, *Node, bool) {
	n := p.kid(it, k)
	if n == nil {
		return 0, nil, false
	}
	v := piVal(n)
	if !raIsDigits(v) || len(v) > 9 {
		return 0, n, false
	}
	return piAtoi(v), n, true
}

// consIsFull reports whether the item is a full episode (episodeType full or absent).
func consIsFull(p *Pass, it *Node) bool {
	t := p.kid(it, ckItEpisodeType)
	return t == nil || strings.EqualFold(piVal(t), "full") || piVal(t) == ""
}

// consPubDate returns the item's parsed pubDate in Unix seconds.
func consPubDate(p *Pass, it *Node) (int64, *Node, bool) {
	n := p.kid(it, ckPubDate)
	if n == nil {
		return 0, nil, false
	}
	t, ok := p.rfcDateOf(it, n)
	return t, n, ok
}

// consHash is FNV-1a over s, to keep sets of long strings small.
func consHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// consSeasonEpisode is a (season, episode) pair; season 0 means none.
// int32 keeps the cross-item maps small.
type consSeasonEpisode struct{ season, episode int32 }

// spotItunesMisbound reports whether the channel uses the itunes prefix
// bound to another namespace URI; xml-itunes-ns-uri reports that, and the
// Spotify rules then stay silent instead of calling the tags missing.
// itunesMisbound reports whether parent has a child called local that
// was meant for the itunes namespace but is not in it: written with the
// itunes prefix bound to another URI, or in a misspelling of the URI.
// xml-itunes-ns-uri reports the binding once; the rules that would call
// the tag missing stay silent.
func itunesMisbound(parent *Node, local string) bool {
	if parent == nil {
		return false
	}
	for _, c := range parent.Children {
		if c.Local == local && c.Space != NSItunes && (c.Prefix == "itunes" || itunesLookalike(c.Space)) {
			return true
		}
	}
	return false
}

// itunesLookalike reports whether uri is a misspelling of NSItunes
// (https, capitals, a trailing slash, apple.com).
func itunesLookalike(uri string) bool {
	if uri == NSItunes {
		return false
	}
	u := strings.ToLower(strings.TrimRight(trimSpace(uri), "/"))
	return strings.Contains(u, "itunes.com/dtds/podcast") || strings.Contains(u, "apple.com/dtds/podcast")
}

func spotItunesMisbound(ch *Node) bool {
	for _, c := range ch.Children {
		if c.Prefix == "itunes" && c.Space != NSItunes {
			return true
		}
	}
	return false
}

// hasURLSpace reports whether s holds a space, tab, CR or LF, as
// strings.ContainsAny would, eight bytes at a time (URLs are checked on
// every item).
func hasURLSpace(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&hi8 != 0 || lessBytes(w, 0x21) != 0 {
			break // a byte at or below ' ' (or from 0x80): look closer
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
			return true
		}
	}
	return false
}
