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
	if strings.IndexByte(text, '=') < 0 {
		return "", 0
	}
	for _, attr := range [...]string{"href=", "src=", "HREF=", "SRC="} {
		for rest := text; ; {
			k := strings.Index(rest, attr)
			if k < 0 {
				break
			}
			if k > 0 && !isSpace(rest[k-1]) {
				rest = rest[k+len(attr):]
				continue // e.g. data-href=
			}
			rest = rest[k+len(attr):]
			if rest == "" {
				break
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
			v = strings.TrimSpace(v)
			if v == "" || v[0] == '#' || strings.HasPrefix(v, "//") {
				continue
			}
			if scheme, _ := raURLScheme(v); scheme != "" {
				continue
			}
			if n == 0 {
				first = v
			}
			n++
		}
	}
	return first, n
}
