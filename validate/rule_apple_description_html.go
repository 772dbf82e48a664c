package validate

import "strings"

func ruleAppleDescriptionHtml() *Rule {
	return &Rule{
		Code:     "apple-description-html",
		Title:    "Apple documents only p, ol, ul, li and a in descriptions",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide lists the HTML an episode `<description>` may use: `<p>`, `<ol>`, " +
			"`<ul>`, `<li>` and `<a>`. It says nothing about what happens to other tags, and " +
			"`<br>` or `<strong>` are common, so this is only information (catalogue §7): the " +
			"formatting may not show in Apple Podcasts.",
		Hint: "Prefer `<p>` paragraphs and `<ul>`/`<li>` lists to other markup.",
		Bad:  "<description><![CDATA[<h2>Notes</h2><b>Guest</b>]]></description>",
		Good: "<description><![CDATA[<p>Notes</p><ul><li>Guest</li></ul>]]></description>",
		Refs: []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Item: func(p *Pass, it *Node) {
			d := p.kid(it, ckDescription)
			if d == nil || strings.IndexByte(d.Text, '<') < 0 {
				return
			}
			// One pass collects the names; most descriptions that use
			// other markup use it throughout, so a pass that only asked
			// "is there any?" would be followed by a second full one.
			var buf [5]string
			tags, found := raHTMLNames(d.Text, buf[:0])
			if !found {
				return
			}
			p.Reportf(raTextPos(d), "the description uses <%s>; Apple documents only <p>, <ol>, <ul>, <li> and <a>", strings.Join(tags, ">, <"))
		},
	}
}

// raHTMLNames reports whether html has a tag other than p, ol, ul, li or
// a, and appends the distinct names (lower case, up to five in all) to
// names, so a caller's array can hold them without escaping.
func raHTMLNames(html string, names []string) ([]string, bool) {
	found := false
	for i := 0; i < len(html); i++ {
		lt := strings.IndexByte(html[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		j := i + 1
		if j < len(html) && html[j] == '/' {
			j++
		}
		// <p>, <a href…> and their end tags make up most of the markup
		if j+1 < len(html) {
			if c, d := html[j]|0x20, html[j+1]; (c == 'p' || c == 'a') && (d == '>' || d == ' ') {
				continue
			}
		}
		k := j
		for k < len(html) && (html[k]|0x20 >= 'a' && html[k]|0x20 <= 'z' || k > j && html[k] >= '0' && html[k] <= '9') {
			k++
		}
		if k == j || k < len(html) && !(raIsSpace(html[k]) || html[k] == '>' || html[k] == '/') {
			continue
		}
		name := html[j:k]
		if raAppleHTMLTag(name) {
			continue
		}
		found = true
		if len(names) == 5 {
			break // full: later names change nothing
		}
		lower := strings.ToLower(name)
		dup := false
		for _, n := range names {
			if n == lower {
				dup = true
				break
			}
		}
		if !dup {
			names = append(names, lower)
		}
	}
	return names, found
}

// raAppleHTMLTag reports whether name is p, ol, ul, li or a, in any case.
func raAppleHTMLTag(name string) bool {
	switch len(name) {
	case 1:
		c := name[0] | 0x20
		return c == 'p' || c == 'a'
	case 2:
		a, b := name[0]|0x20, name[1]|0x20
		return (a == 'o' || a == 'u') && b == 'l' || a == 'l' && b == 'i'
	}
	return false
}
