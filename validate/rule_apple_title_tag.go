package validate

import "strings"

func ruleAppleTitleTag() *Rule {
	return &Rule{
		Code:     "apple-title-tag",
		Title:    "itunes:title is plain text",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "`itunes:title` is valid in both the channel and items (it is never reported as " +
			"unknown). Apple's guide says it is plain text: markup in it is shown as text. (Episode " +
			"numbers and the show's name in the title Apple shows are apple-title-numbering's.)",
		Hint:    "Keep `itunes:title` plain text, without markup.",
		Bad:     "<itunes:title><b>The Interview</b></itunes:title>",
		Good:    "<itunes:title>The Interview</itunes:title>",
		Refs:    []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		Channel: func(p *Pass, ch *Node) { raCheckItunesTitle(p, ch.Child(NSItunes, "title")) },
		Item:    func(p *Pass, it *Node) { raCheckItunesTitle(p, p.kid(it, ckItTitle)) },
	}
}

func raCheckItunesTitle(p *Pass, t *Node) {
	if t == nil {
		return
	}
	if v := raTrim(t.Text); strings.IndexByte(v, '<') >= 0 && raHTMLAny(v) {
		p.Reportf(raTextPos(t), "<%s> %q contains HTML; it is plain text", t.Name(), v)
	}
}

func raHTMLAny(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' {
			c := s[i+1]
			if c == '/' && i+2 < len(s) {
				c = s[i+2]
			}
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				return true
			}
		}
	}
	return false
}
