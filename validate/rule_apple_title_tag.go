package validate

import "strings"

func ruleAppleTitleTag() *Rule {
	return &Rule{
		Code:     "apple-title-tag",
		Title:    "itunes:title is plain text without episode numbers",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "`itunes:title` is valid in both the channel and items (it is never reported as " +
			"unknown). Apple's guide says it is plain text and should repeat neither the show's " +
			"name nor the episode or season number, which Apple shows from `itunes:episode` and " +
			"`itunes:season`.",
		Hint:     "Keep `itunes:title` to the bare episode name, without markup or numbers.",
		Bad:      "<itunes:title>Ep. 12: The Interview</itunes:title>",
		Good:     "<itunes:title>The Interview</itunes:title>",
		Refs:     []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		NewState: func() any { return &raTitleBuf{} },
		Channel: func(p *Pass, ch *Node) {
			raCheckItunesTitle(p, ch.Child(NSItunes, "title"), "")
			p.State.(*raTitleBuf).each(raText(ch.Child(NSNone, "title")), func(pos Pos, title, show string) {
				p.Reportf(pos, "<itunes:title> %q repeats the show's name %q", title, show)
			})
		},
		Item: func(p *Pass, it *Node) {
			t := it.Child(NSItunes, "title")
			if raCheckItunesTitle(p, t, raText(it.Child(NSItunes, "episode"))) && raText(it.Child(NSItunes, "episodeType")) != "trailer" {
				p.State.(*raTitleBuf).add(raTextPos(t), raTrim(t.Text))
			}
		},
	}
}

// raCheckItunesTitle reports markup and numbers in an itunes:title; it
// returns true when nothing was reported and the title is worth comparing
// with the show's name.
func raCheckItunesTitle(p *Pass, t *Node, episode string) bool {
	if t == nil {
		return false
	}
	v := raTrim(t.Text)
	if strings.IndexByte(v, '<') >= 0 && raHTMLAny(v) {
		p.Reportf(raTextPos(t), "<%s> %q contains HTML; it is plain text", t.Name(), v)
		return false
	}
	if t.Parent == nil || t.Parent.Local != "item" {
		return false
	}
	if what, ok := raTitleNumber(v, episode); ok {
		p.Reportf(raTextPos(t), "<%s> %q carries %s; Apple shows itunes:episode and itunes:season itself", t.Name(), v, what)
		return false
	}
	return true
}

// raHTMLAny reports whether s contains something that looks like an HTML tag.
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
