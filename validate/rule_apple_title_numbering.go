package validate

func ruleAppleTitleNumbering() *Rule {
	return &Rule{
		Code:     "apple-title-numbering",
		Title:    "Episode and season numbers belong in their own tags, not the title",
		Severity: Info,
		Profiles: raAppleProfiles(),
		Source:   "APG",
		Since:    "v0.1.0",
		Doc: "Apple's guide asks not to put the episode or season number in an episode's " +
			"`<title>`: Apple shows `itunes:episode` and `itunes:season` itself, and numbers in " +
			"titles look repetitive there; nor should it repeat the show's name. Reported when the " +
			"title carries a marked number (`Episode 12`, `Ep. 12`, `S2E5`, `Season 2`, or `#12` " +
			"equal to `itunes:episode`), or the channel title (of 8 characters or more) as whole " +
			"words, except in a trailer, which introduces the show by name. The title judged is " +
			"the one Apple shows: `itunes:title` when the item has one, else `<title>`, so one " +
			"numbered episode is one finding.",
		Hint:     "Remove the number from the title and set `itunes:episode` / `itunes:season` instead.",
		Bad:      "<title>Episode 12: The Interview</title>",
		Good:     "<title>The Interview</title><itunes:episode>12</itunes:episode>",
		Refs:     []string{"https://help.apple.com/itc/podcasts_connect/#/itcb54353390"},
		NewState: func() any { return &raTitleBuf{} },
		Item: func(p *Pass, it *Node) {
			// The title Apple shows: itunes:title when there is one, else
			// <title>. Judging that one only reports the fact once.
			t := p.kid(it, ckItTitle)
			if t == nil || raTrim(t.Text) == "" {
				t = p.kid(it, ckTitle)
			}
			if t == nil {
				return
			}
			title := raTrim(t.Text)
			if what, ok := raTitleNumber(title, raText(p.kid(it, ckItEpisode))); ok {
				p.Reportf(raTextPos(t), "<%s> %q carries %s; use itunes:episode and itunes:season instead", t.Name(), title, what)
				return
			}
			if raText(p.kid(it, ckItEpisodeType)) == "trailer" { // a trailer introduces the show by name
				return
			}
			// The channel's title usually comes before the items, and the
			// item sees it; only titles before it wait for the Channel
			// hook, so memory does not grow with the feed.
			if st := it.Parent.Child(NSNone, "title"); st != nil {
				if show := raText(st); raTitleRepeatsShow(title, show) {
					p.Reportf(raTextPos(t), raRepeatsShow, title, show)
				}
				return
			}
			p.State.(*raTitleBuf).add(raTextPos(t), title)
		},
		Channel: func(p *Pass, ch *Node) {
			p.State.(*raTitleBuf).each(raText(ch.Child(NSNone, "title")), func(pos Pos, title, show string) {
				p.Reportf(pos, raRepeatsShow, title, show)
			})
		},
	}
}

// raTitleNumber looks for a marked episode or season number in a title:
// "Episode 12", "Ep 12", "Ep. 12", "S2E5", "Season 2", or "#12" when 12 is
// the item's itunes:episode. It returns a description of what it found.
func raTitleNumber(title, episode string) (string, bool) {
	for i := 0; i < len(title); i++ {
		if c := title[i] | 0x20; c != 'e' && c != 's' && title[i] != '#' {
			continue // no case below starts so
		}
		if i > 0 && raIsAlnum(title[i-1]) {
			continue
		}
		rest := title[i:]
		switch {
		case raHasPrefixFold(rest, "episode"):
			if raNumberAfter(rest[len("episode"):]) != "" {
				return "an episode number", true
			}
		case raHasPrefixFold(rest, "ep"):
			r := rest[2:]
			if len(r) > 0 && r[0] == '.' {
				r = r[1:]
			}
			if raNumberAfter(r) != "" {
				return "an episode number", true
			}
		case raHasPrefixFold(rest, "season"):
			if raNumberAfter(rest[len("season"):]) != "" {
				return "a season number", true
			}
		case rest[0] == 's' || rest[0] == 'S':
			j := 1
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			if j > 1 && j < len(rest) && (rest[j] == 'e' || rest[j] == 'E') {
				k := j + 1
				for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
					k++
				}
				if k > j+1 && (k == len(rest) || !raIsAlnum(rest[k])) {
					return "season and episode numbers", true
				}
			}
		case rest[0] == '#' && episode != "":
			j := 1
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			if j > 1 && raTrimZeros(rest[1:j]) == raTrimZeros(episode) {
				return "the episode number", true
			}
		}
	}
	return "", false
}

// raNumberAfter returns the digits after optional spaces, '#' or ':' at the
// start of s, when they end at a word boundary.
func raNumberAfter(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '#' || s[i] == '\t') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i || j < len(s) && raIsAlnum(s[j]) {
		return ""
	}
	return s[i:j]
}

func raIsAlnum(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c >= 0x80
}

func raTrimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// raTitleBuf keeps item titles until the channel title is known (the
// Channel hook runs after the last item). Titles are appended to one byte
// buffer, so an item costs no allocation; past raTitleBufMax bytes the
// rest are not compared.
type raTitleBuf struct {
	buf  []byte
	ends []int
	pos  []Pos
}

const raTitleBufMax = 4 << 20

func (b *raTitleBuf) add(pos Pos, title string) {
	if title == "" || len(b.buf)+len(title) > raTitleBufMax {
		return
	}
	b.buf = append(b.buf, title...)
	b.ends = append(b.ends, len(b.buf))
	b.pos = append(b.pos, pos)
}

// each calls report for every kept title that contains show as whole
// words. A show title under 8 characters ("Serial") is too likely to be an
// ordinary word, so it is not compared.
func (b *raTitleBuf) each(show string, report func(pos Pos, title, show string)) {
	if len(show) < 8 || len(b.ends) == 0 {
		return
	}
	all := string(b.buf)
	start := 0
	for i, end := range b.ends {
		if title := all[start:end]; raTitleRepeatsShow(title, show) {
			report(b.pos[i], title, show)
		}
		start = end
	}
}

const raRepeatsShow = "the episode title %q repeats the show's name %q; Apple shows it already"

// raTitleRepeatsShow reports whether an episode title contains the
// show's title as whole words. A show title under 8 characters ("Serial")
// is too likely to be an ordinary word, so it is not compared.
func raTitleRepeatsShow(title, show string) bool {
	return len(show) >= 8 && raContainsWordFold(title, show)
}

// raContainsWordFold reports whether sub occurs in s, ASCII
// case-insensitively, not inside a longer word.
func raContainsWordFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if !raEqualFold(s[i:i+len(sub)], sub) {
			continue
		}
		if (i == 0 || !raIsAlnum(s[i-1])) && (i+len(sub) == len(s) || !raIsAlnum(s[i+len(sub)])) {
			return true
		}
	}
	return false
}
