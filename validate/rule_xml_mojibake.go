package validate

import (
	"strings"
	"unicode/utf8"
)

func ruleXmlMojibake() *Rule {
	return &Rule{
		Code:     "xml-mojibake",
		Title:    "Text shows signs of a wrong character encoding",
		Severity: Warning,
		Profiles: consAllProfiles(),
		Source:   "XML 1.0 §2.2, APG (UTF-8)",
		Since:    "v0.1.0",
		Doc: "Two traces of text converted with the wrong encoding somewhere before the feed was " +
			"written. **C1 control characters** (U+0080–U+009F) are allowed by XML 1.0 but mean " +
			"nothing in text; they appear when Windows-1252 text (curly quotes, €, …) is read as " +
			"ISO-8859-1. **UTF-8 read as Latin-1** turns `é` into `Ã©` and `à ` into `Ã ` (`RÃ dio`), " +
			"and `’` into `â€™`: every app then shows the garbled text. Reported once per element " +
			"or attribute, quoting the place.",
		Hint: "Fix the encoding where the text is stored or converted (read and write UTF-8 throughout); replace C1 characters with what they stood for (’ “ ” … –).",
		Bad:  "<title>RÃ dio Ã©tÃ©</title>",
		Good: "<title>Ràdio été</title>",
		Refs: []string{"https://www.w3.org/TR/xml/#charsets", "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) {
			for _, c := range ch.Children {
				if c.Local != "item" || c.Space != NSNone {
					mojibakeTree(p, c)
				}
			}
		},
		Item: func(p *Pass, it *Node) {
			if !it.ascii { // both signs need bytes from 0x80
				mojibakeTree(p, it)
			}
		},
	}
}

// mojibakeTree checks the text and attributes of n and its descendants,
// with an explicit stack (no recursion on the input's depth).
func mojibakeTree(p *Pass, n *Node) {
	var buf [32]*Node // most items fit: no allocation
	stack := append(buf[:0], n)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Text != "" { // most elements that hold others
			if what, at, ok := mojibake(n.Text); ok {
				p.Reportf(n.TextPos, "<%s> text has %s: %q", n.Name(), what, excerptAround(n.Text, at))
			}
		}
		for i := range n.Attrs {
			a := &n.Attrs[i]
			if what, at, ok := mojibake(a.Value); ok {
				p.Reportf(a.Pos, "<%s> %s has %s: %q", n.Name(), a.Local, what, excerptAround(a.Value, at))
			}
		}
		for i := len(n.Children) - 1; i >= 0; i-- {
			stack = append(stack, n.Children[i])
		}
	}
}

// mojibake looks for a C1 control character or UTF-8 read as Latin-1 or
// Windows-1252, and returns what it found and the byte offset.
func mojibake(s string) (string, int, bool) {
	if len(s) < 64 && raASCII(s) {
		return "", 0, false // most attribute values and short texts: no IndexByte calls
	}
	next2, next3 := -2, -2 // next C2 and C3 bytes at or after i; -2: not looked for
	find := func(c byte, from int) int {
		if k := strings.IndexByte(s[from:], c); k >= 0 {
			return from + k
		}
		return len(s)
	}
	for i := 0; i < len(s); {
		// C2 and C3 lead every character of U+0080–U+00FF; ASCII-only
		// text (most of it) is passed over by IndexByte's fast path, and
		// each byte is searched once per lead.
		if next2 < i {
			next2 = find(0xC2, i)
		}
		if next3 < i {
			next3 = find(0xC3, i)
		}
		i = min(next2, next3)
		if i >= len(s) {
			return "", 0, false
		}
		if i+1 >= len(s) {
			return "", 0, false
		}
		b := s[i+1]
		switch {
		case s[i] == 0xC2 && b >= 0x80 && b <= 0x9F:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return "the C1 control character " + runeName(r) + " (Windows-1252 text read as Latin-1?)", i, true
		case s[i] == 0xC3 && b >= 0x82 && b <= 0x9F && i+3 < len(s) && s[i+2] == 0xC2 && s[i+3] >= 0x80 && s[i+3] <= 0xBF:
			// Ã or Â and friends (a UTF-8 lead byte as a Latin-1 letter)
			// followed by a continuation byte as a Latin-1 symbol
			return "UTF-8 read as Latin-1", i, true
		case s[i] == 0xC3 && b == 0xA2 && strings.HasPrefix(s[i+2:], "\u20ac"):
			return "UTF-8 read as Windows-1252 (\"â€\")", i, true
		}
		i += 2
	}
	return "", 0, false
}

func runeName(r rune) string {
	const hex = "0123456789ABCDEF"
	return "U+00" + string(hex[(r>>4)&0xF]) + string(hex[r&0xF])
}

// excerptAround returns up to 20 characters either side of byte i.
func excerptAround(s string, i int) string {
	from, to := i, i
	for n := 0; n < 20 && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:from])
		from -= size
	}
	for n := 0; n < 22 && to < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[to:])
		to += size
	}
	out := trimSpace(s[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}
