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
			d := it.Child(NSNone, "description")
			if d == nil || strings.IndexByte(d.Text, '<') < 0 {
				return
			}
			if !raHTMLOther(d.Text, nil) {
				return
			}
			var tags []string
			raHTMLOther(d.Text, &tags)
			p.Reportf(raTextPos(d), "the description uses <%s>; Apple documents only <p>, <ol>, <ul>, <li> and <a>", strings.Join(tags, ">, <"))
		},
	}
}

// raHTMLOther reports whether html has a tag other than p, ol, ul, li or
// a; when names is not nil it collects the distinct names (up to five).
func raHTMLOther(html string, names *[]string) bool {
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
		if names == nil {
			return true
		}
		lower := strings.ToLower(name)
		dup := false
		for _, n := range *names {
			if n == lower {
				dup = true
			}
		}
		if !dup && len(*names) < 5 {
			*names = append(*names, lower)
		}
	}
	return found
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
