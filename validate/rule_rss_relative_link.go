package validate

import (
	"html"
	"strings"
)

func ruleRssRelativeLink() *Rule {
	check := func(p *Pass, parent *Node) {
		for _, c := range parent.Children {
			if !(c.Space == NSNone && c.Local == "description") && !(c.Space == NSContent && c.Local == "encoded") &&
				!(c.Space == NSItunes && c.Local == "summary") {
				continue
			}
			if u, n := relativeLinks(c.Text); n > 0 {
				more := ""
				if n > 1 {
					more = sprintf(" (and %d more)", n-1)
				}
				p.Reportf(c.TextPos, "<%s> links to the relative URL %q%s; apps have no base URL to resolve it against", c.Name(), u, more)
			}
		}
	}
	return &Rule{
		Code:     "rss-relative-link",
		Title:    "Show notes link to relative URLs",
		Severity: Warning,
		Profiles: consAllProfiles(),
		Source:   "RSS, RFC 3986 §5.1",
		Since:    "v0.1.0",
		Doc: "A link in show notes (`description`, `content:encoded`, `itunes:summary`) such as " +
			"`<a href=\"/episodes/137/\">` works on the website the notes were written for, but a " +
			"feed has no base URL: podcast apps cannot resolve it, and the link is dead or points " +
			"at the app's own address. `href` and `src` values without a scheme (other than `#` " +
			"fragments and `//host` links) are reported, once per element.",
		Hint:    "Write absolute URLs in show notes: https://example.com/episodes/137/.",
		Bad:     "<description><![CDATA[<a href=\"/episodes/137/\">notes</a>]]></description>",
		Good:    "<description><![CDATA[<a href=\"https://example.com/episodes/137/\">notes</a>]]></description>",
		Refs:    []string{"https://www.rssboard.org/rss-specification", "https://datatracker.ietf.org/doc/html/rfc3986#section-5.1"},
		Channel: func(p *Pass, ch *Node) { check(p, ch) },
		Item:    func(p *Pass, it *Node) { check(p, it) },
	}
}

// relativeLinks returns the first relative href or src value in html and
// how many there are.
func relativeLinks(text string) (first string, n int) {
	// One pass over the '=' signs (far rarer than the letters h and s),
	// each attribute name told by the bytes before it; the result is
	// that of searching href=, src=, HREF= and SRC= in turn, each search
	// resuming after its last match.
	var firsts [len(relAttrs)]string
	var counts [len(relAttrs)]int
	var resume [len(relAttrs)]int
	for i := 0; ; i++ {
		k := strings.IndexByte(text[i:], '=')
		if k < 0 {
			break
		}
		i += k
		if i == 0 {
			continue
		}
		if b := text[i-1]; b != 'f' && b != 'c' && b != 'F' && b != 'C' {
			continue // no name in relAttrs ends so: most '=' are other attributes' and query strings'
		}
		kind := -1
		for j, attr := range relAttrs {
			if p := i + 1 - len(attr); p >= 0 && text[p:i+1] == attr {
				kind = j
				break
			}
		}
		if kind < 0 {
			continue
		}
		p := i + 1 - len(relAttrs[kind])
		at := resume[kind]
		resume[kind] = i + 1
		if p != at && !isSpace(text[p-1]) {
			continue // e.g. data-href=
		}
		if v, ok := relValue(text[i+1:]); ok {
			if counts[kind] == 0 {
				firsts[kind] = v
			}
			counts[kind]++
		}
	}
	for j := range relAttrs {
		if counts[j] > 0 && n == 0 {
			first = firsts[j]
		}
		n += counts[j]
	}
	return first, n
}

var relAttrs = [...]string{"href=", "src=", "HREF=", "SRC="}

// relValue reads the attribute value at the start of rest and reports it
// when it is a relative URL.
func relValue(rest string) (string, bool) {
	if rest == "" {
		return "", false
	}
	v := rest
	if q := rest[0]; q == '"' || q == '\'' {
		v = rest[1:]
		if e := strings.IndexByte(v, q); e >= 0 {
			v = v[:e]
		}
	} else if e := strings.IndexAny(v, " \t\n>"); e >= 0 {
		v = v[:e]
	}
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v) // obfuscated mailto: links are entity-encoded
	}
	v = trimSpace(v)
	if v == "" || v[0] == '#' || strings.HasPrefix(v, "//") {
		return "", false
	}
	if scheme, _ := raURLScheme(v); scheme != "" {
		return "", false
	}
	return v, true
}
