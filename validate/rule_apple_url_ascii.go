package validate

func ruleAppleUrlAscii() *Rule {
	return &Rule{
		Code:     "apple-url-ascii",
		Title:    "Media and artwork URLs must be plain ASCII",
		Severity: Warning,
		Profiles: raAppleProfiles(),
		Source:   "APR",
		Since:    "v0.1.0",
		Doc: "Apple's requirements ask for file names and URLs made only of ASCII letters, " +
			"digits and URL punctuation. Accented letters, other non-ASCII characters and unsafe " +
			"characters (`\"`, `<`, `>`, `\\`, `^`, `` ` ``, `{`, `|`, `}`) must be " +
			"percent-encoded, or the file renamed. Checked on enclosure and `itunes:image` URLs.",
		Hint:    "Rename the file to ASCII, or percent-encode the characters (é → %C3%A9).",
		Bad:     `<enclosure url="https://example.com/épisode.mp3" length="123" type="audio/mpeg"/>`,
		Good:    `<enclosure url="https://example.com/episode.mp3" length="123" type="audio/mpeg"/>`,
		Refs:    []string{"https://podcasters.apple.com/support/823-podcast-requirements"},
		Channel: func(p *Pass, ch *Node) { raCheckASCII(p, ch.Child(NSItunes, "image"), "href") },
		Item: func(p *Pass, it *Node) {
			raCheckASCII(p, p.kid(it, ckItImage), "href")
			p.eachKid(it, ckEnclosure, func(c *Node) { raCheckASCII(p, c, "url") })
		},
	}
}

func raCheckASCII(p *Pass, n *Node, attr string) {
	if n == nil {
		return
	}
	a := n.Attr(attr)
	if a == nil {
		return
	}
	v := raTrim(a.Value)
	for i := 0; i < len(v); i++ {
		if raURLUnsafe(v[i]) {
			p.Reportf(a.Pos, "<%s> %s %q contains characters that are not plain ASCII URL characters; percent-encode them", n.Name(), attr, a.Value)
			return
		}
	}
}

// The bytes raCheckASCII refuses: those below ' ', '"', '<', '>', '\\',
// '^', '`', '{', '|', '}' and every byte from 0x80; the ASCII ones as two
// 64-bit sets, one bit test a byte.
const (
	raURLUnsafeLo = 1<<' ' - 1 | 1<<'"' | 1<<'<' | 1<<'>'
	raURLUnsafeHi = 1<<('\\'-64) | 1<<('^'-64) | 1<<('`'-64) | 1<<('{'-64) | 1<<('|'-64) | 1<<('}'-64)
)

func raURLUnsafe(c byte) bool {
	if c < 64 {
		return raURLUnsafeLo>>c&1 != 0
	}
	if c < 128 {
		return raURLUnsafeHi>>(c-64)&1 != 0
	}
	return true
}
