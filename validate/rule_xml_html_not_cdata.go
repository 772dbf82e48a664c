package validate

import (
	"regexp"
	"strings"
)

// ruleXmlHtmlNotCdata looks for double-escaped markup in prose fields.
func ruleXmlHtmlNotCdata() *Rule {
	return &Rule{
		Code:     "xml-html-not-cdata",
		Title:    "HTML in text must not be escaped twice",
		Severity: Warning,
		Profiles: []Profile{ProfileRSS, ProfileApple, ProfileSpotify, ProfilePodcastIndex},
		Source:   "APG, XML",
		Since:    "v0.1.0",
		Doc:      "HTML show notes may be written inside CDATA or escaped once (`&lt;p&gt;`); both give apps the same text. Escaped twice (`&amp;lt;p&amp;gt;`, or `&lt;p&gt;` inside CDATA) the tags reach listeners as literal `<p>` text. podfeed never warns about CDATA versus escaping, only about double escaping.",
		Hint:     "Escape the HTML once, or put it unescaped inside `<![CDATA[ … ]]>`.",
		Bad:      "<description>&amp;lt;p&amp;gt;Hello&amp;lt;/p&amp;gt;</description>",
		Good:     "<description><![CDATA[<p>Hello</p>]]></description>",
		Channel:  checkDoubleEscaped,
		Item:     checkDoubleEscaped,
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/itunes_reference.md", "https://www.w3.org/TR/xml/#sec-cdata-sect"},
	}
}

// doubleEscaped finds markup that is still escaped after XML decoding:
// "&lt;p&gt;" in the text means the HTML was escaped twice.
var doubleEscaped = regexp.MustCompile(`(?i)&lt;/?(p|br|a|b|i|em|strong|ul|ol|li|div|span|h[1-6]|img|blockquote)(\s[^&<>]*)?/?&gt;`)

// checkDoubleEscaped looks at the prose fields of a channel or an item.
func checkDoubleEscaped(p *Pass, n *Node) {
	for _, c := range n.Children {
		switch {
		case c.Space == NSNone && c.Local == "description",
			c.Space == NSContent && c.Local == "encoded",
			c.Space == NSItunes && c.Local == "summary":
		default:
			continue
		}
		if !strings.Contains(c.Text, "&lt;") {
			continue
		}
		if m := doubleEscaped.FindString(c.Text); m != "" {
			how := "escaped twice"
			if c.CDATA {
				how = "escaped inside CDATA"
			}
			p.Reportf(c.TextPos, "<%s> holds HTML %s: %q will show as literal text", c.Name(), how, m)
		}
	}
}
