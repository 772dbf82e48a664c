package chapters

import (
	"bytes"
	"fmt"
	"html"
	"strings"
)

// line is one line of a text input, without its line ending.
type line struct {
	text string
	off  int // byte offset of the line's first byte
	num  int // 1-based line number
}

// splitLines cuts data into lines, dropping a leading byte-order mark and
// "\r" before "\n".
func splitLines(all string) []line {
	off := 0
	if strings.HasPrefix(all, "\uFEFF") {
		off = 3
	}
	out := make([]line, 0, strings.Count(all, "\n")+1)
	for n := 1; off <= len(all); n++ {
		end := strings.IndexByte(all[off:], '\n')
		next := 0
		if end < 0 {
			end = len(all) - off
			next = len(all) + 1
		} else {
			next = off + end + 1
		}
		t := all[off : off+end]
		t = strings.TrimSuffix(t, "\r")
		out = append(out, line{text: t, off: off, num: n})
		off = next
	}
	// A trailing newline does not start another line.
	if len(out) > 0 && out[len(out)-1].text == "" && len(all) > 0 && all[len(all)-1] == '\n' {
		out = out[:len(out)-1]
	}
	return out
}

func (l line) pos(col int) Position { return Position{Line: l.num, Col: col + 1} }

// oneLine turns a title into a single line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// --- mp4chaps ---------------------------------------------------------

func decodeMP4Chaps(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	chs := []Chapter{}
	ogm := map[string]int{} // OGM chapter number -> index in chs
	for _, l := range splitLines(string(data)) {
		t := strings.TrimSpace(l.text)
		if t == "" || t[0] == '#' {
			continue
		}
		lead := len(l.text) - len(strings.TrimLeft(l.text, " \t"))
		if len(chs) >= MaxChapters {
			e.atPos(l.pos(lead), "more than %d chapters", MaxChapters)
			break
		}
		if key, val, ok := ogmLine(t); ok {
			num, field := key[:len(key)-len(strings.TrimLeft(key, "0123456789"))], strings.TrimLeft(key, "0123456789")
			i, seen := ogm[num]
			if !seen {
				i = len(chs)
				ogm[num] = i
				chs = append(chs, Chapter{})
			}
			switch field {
			case "":
				ms, err := parseClock(strings.TrimSpace(val))
				if err != nil {
					e.atPos(l.pos(lead), "bad time %q: want HH:MM:SS.mmm", val)
				}
				chs[i].Start = ms
			case "NAME":
				chs[i].Title = strings.TrimSpace(val)
			case "URL":
				chs[i].URL = strings.TrimSpace(val)
			}
			continue
		}
		ts, title, _ := strings.Cut(strings.Replace(t, "\t", " ", 1), " ")
		ms, err := parseClock(ts)
		if err != nil {
			e.atPos(l.pos(lead), "bad time %q: want HH:MM:SS.mmm followed by the title", ts)
		}
		c := Chapter{Start: ms}
		title = strings.TrimSpace(title)
		if strings.HasSuffix(title, ">") {
			if i := strings.LastIndexByte(title, '<'); i >= 0 && looksLikeURL(title[i+1:len(title)-1]) {
				c.URL = title[i+1 : len(title)-1]
				title = strings.TrimSpace(title[:i])
			}
		}
		c.Title = title
		chs = append(chs, c)
	}
	return chs, e.err()
}

// looksLikeURL reports whether s is an absolute link: a scheme and no
// white space.
func looksLikeURL(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t<>") {
		return false
	}
	return strings.Contains(s, "://") || strings.HasPrefix(s, "mailto:") || strings.HasPrefix(s, "www.")
}

// ogmLine splits "CHAPTER01NAME=Intro" into "01NAME" and "Intro".
func ogmLine(t string) (key, val string, ok bool) {
	if len(t) < 9 || !strings.EqualFold(t[:7], "CHAPTER") || t[7] < '0' || t[7] > '9' {
		return "", "", false
	}
	key, val, ok = strings.Cut(t[7:], "=")
	return strings.ToUpper(strings.TrimSpace(key)), val, ok
}

func encodeMP4Chaps(b *bytes.Buffer, chs []Chapter) {
	for _, c := range chs {
		b.WriteString(FormatNPT(c.Start))
		if t := oneLine(c.Title); t != "" {
			b.WriteByte(' ')
			b.WriteString(t)
		}
		if c.URL != "" {
			b.WriteString(" <" + c.URL + ">")
		}
		b.WriteByte('\n')
	}
}

// --- WebVTT -----------------------------------------------------------

func decodeWebVTT(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	lines := splitLines(string(data))
	if len(lines) == 0 || !strings.HasPrefix(lines[0].text, "WEBVTT") ||
		(len(lines[0].text) > 6 && lines[0].text[6] != ' ' && lines[0].text[6] != '\t') {
		e.at(0, `a WebVTT file starts with "WEBVTT"`)
		return nil, e.err()
	}
	chs := []Chapter{}
	i := 1
	for i < len(lines) && strings.TrimSpace(lines[i].text) != "" { // header
		i++
	}
	for i < len(lines) {
		if strings.TrimSpace(lines[i].text) == "" {
			i++
			continue
		}
		// One block: up to the next blank line.
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j].text) != "" {
			j++
		}
		block := lines[i:j]
		i = j
		first := block[0].text
		if strings.HasPrefix(first, "NOTE") || strings.HasPrefix(first, "STYLE") || strings.HasPrefix(first, "REGION") {
			if !strings.Contains(first, "-->") {
				continue
			}
		}
		k := 0
		if !strings.Contains(block[0].text, "-->") {
			k = 1 // cue identifier
		}
		if k >= len(block) || !strings.Contains(block[k].text, "-->") {
			e.atPos(block[0].pos(0), `cue has no timing line: want "00:01.000 --> 00:02.000"`)
			continue
		}
		if len(chs) >= MaxChapters {
			e.atPos(block[0].pos(0), "more than %d chapters", MaxChapters)
			break
		}
		tl := block[k]
		a, rest, _ := strings.Cut(tl.text, "-->")
		fields := strings.Fields(rest)
		c := Chapter{}
		start, err := parseClock(strings.TrimSpace(a))
		if err != nil {
			e.atPos(tl.pos(0), "bad cue start %q: want [HH:]MM:SS.mmm", strings.TrimSpace(a))
		}
		c.Start = start
		col := strings.Index(tl.text, "-->") + 3
		if len(fields) == 0 {
			e.atPos(tl.pos(col), "cue has no end time: want [HH:]MM:SS.mmm")
		} else if end, err := parseClock(fields[0]); err != nil {
			e.atPos(tl.pos(col), "bad cue end %q: want [HH:]MM:SS.mmm", fields[0])
		} else {
			c.End = end
		}
		var parts []string
		for _, p := range block[k+1:] {
			parts = append(parts, p.text)
		}
		c.Title = strings.TrimSpace(vttText(strings.Join(parts, " ")))
		chs = append(chs, c)
	}
	// An end equal to the next start is implied; keep only the others.
	for i := 0; i+1 < len(chs); i++ {
		if chs[i].End == chs[i+1].Start {
			chs[i].End = 0
		}
	}
	return chs, e.err()
}

// vttText strips cue-text tags (<b>, <v Name>, <00:01.000>) and decodes
// character references.
func vttText(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, '<')
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				break
			}
			b.WriteString(s[:i])
			s = s[i+j+1:]
		}
		b.WriteString(s)
		s = b.String()
	}
	return html.UnescapeString(s)
}

var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func encodeWebVTT(b *bytes.Buffer, chs []Chapter, opt EncodeOptions) error {
	ends := make([]int64, len(chs))
	hours := false
	for i, c := range chs {
		switch {
		case c.End != 0:
			ends[i] = c.End
		case i+1 < len(chs):
			ends[i] = chs[i+1].Start
		case opt.Duration > 0:
			ends[i] = opt.Duration
		default:
			return ErrNeedDuration
		}
		if c.Start >= 3600000 || ends[i] >= 3600000 {
			hours = true
		}
	}
	b.WriteString("WEBVTT\n")
	for i, c := range chs {
		fmt.Fprintf(b, "\n%d\n%s --> %s\n", i+1, formatVTT(c.Start, hours), formatVTT(ends[i], hours))
		if t := vttEscaper.Replace(oneLine(c.Title)); t != "" {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
	return nil
}

// --- Audacity labels --------------------------------------------------

func decodeAudacity(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	chs := []Chapter{}
	for _, l := range splitLines(string(data)) {
		t := l.text
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "\\") {
			continue // blank, or the frequency line of a spectral label
		}
		if len(chs) >= MaxChapters {
			e.atPos(l.pos(0), "more than %d chapters", MaxChapters)
			break
		}
		var f []string
		if strings.Contains(t, "\t") {
			f = strings.SplitN(t, "\t", 3)
		} else {
			f = strings.Fields(t)
			if len(f) > 2 {
				// The label keeps its inner spaces: cut after the second field.
				rest := strings.TrimLeft(t, " ")
				rest = strings.TrimLeft(rest[len(f[0]):], " ")
				rest = strings.TrimLeft(rest[len(f[1]):], " ")
				f = []string{f[0], f[1], rest}
			}
		}
		if len(f) < 2 {
			e.atPos(l.pos(0), "want start<TAB>end<TAB>label, found %q", t)
			continue
		}
		c := Chapter{}
		start, err := parseDecimalSeconds(strings.TrimSpace(f[0]))
		if err != nil {
			e.atPos(l.pos(0), "bad start %q: want seconds like 12.500000", f[0])
		}
		end, err := parseDecimalSeconds(strings.TrimSpace(f[1]))
		if err != nil {
			e.atPos(l.pos(len(f[0])+1), "bad end %q: want seconds like 12.500000", f[1])
		}
		c.Start = start
		if end != start {
			c.End = end
		}
		if len(f) > 2 {
			c.Title = strings.TrimSpace(f[2])
		}
		chs = append(chs, c)
	}
	return chs, e.err()
}

func encodeAudacity(b *bytes.Buffer, chs []Chapter) {
	for _, c := range chs {
		end := c.End
		if end == 0 {
			end = c.Start
		}
		b.WriteString(formatSeconds6(c.Start))
		b.WriteByte('\t')
		b.WriteString(formatSeconds6(end))
		b.WriteByte('\t')
		b.WriteString(oneLine(c.Title))
		b.WriteByte('\n')
	}
}

// --- CUE sheets (read only) -------------------------------------------

func decodeCUE(data []byte) ([]Chapter, error) {
	e := &errs{data: data}
	chs := []Chapter{}
	inTrack, hasIndex, files := false, false, 0
	var trackLine line
	var performer string
	closeTrack := func() {
		if inTrack && !hasIndex {
			e.atPos(trackLine.pos(0), "TRACK has no INDEX 01: want INDEX 01 mm:ss:ff")
		}
		if inTrack && chs[len(chs)-1].Title == "" {
			chs[len(chs)-1].Title = performer
		}
	}
	for _, l := range splitLines(string(data)) {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		col := strings.Index(l.text, t)
		cmd, arg, _ := strings.Cut(t, " ")
		arg = strings.TrimSpace(arg)
		switch strings.ToUpper(cmd) {
		case "FILE":
			if files++; files > 1 {
				e.atPos(l.pos(col), "a second FILE: chapters can only come from one media file")
			}
		case "TRACK":
			closeTrack()
			if len(chs) >= MaxChapters {
				e.atPos(l.pos(col), "more than %d chapters", MaxChapters)
				return chs, e.err()
			}
			inTrack, hasIndex, trackLine, performer = true, false, l, ""
			chs = append(chs, Chapter{})
		case "TITLE":
			if inTrack {
				chs[len(chs)-1].Title = unquote(arg)
			}
		case "PERFORMER":
			if inTrack {
				performer = unquote(arg)
			}
		case "INDEX":
			num, tc, _ := strings.Cut(arg, " ")
			if !inTrack || strings.TrimLeft(num, "0") != "1" {
				continue // INDEX 00 is the pregap
			}
			ms, err := cueTime(strings.TrimSpace(tc))
			if err != nil {
				e.atPos(l.pos(col), "bad INDEX time %q: want mm:ss:ff with 75 frames a second", strings.TrimSpace(tc))
			}
			chs[len(chs)-1].Start = ms
			hasIndex = true
		}
	}
	closeTrack()
	return chs, e.err()
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// cueTime reads mm:ss:ff (75 frames a second) as milliseconds.
func cueTime(s string) (int64, error) {
	p := strings.Split(s, ":")
	if len(p) != 3 {
		return 0, errTime
	}
	m, ok1 := digits(p[0], 6)
	sec, ok2 := digits(p[1], 2)
	fr, ok3 := digits(p[2], 2)
	if !ok1 || !ok2 || !ok3 || sec > 59 || fr > 74 {
		return 0, errTime
	}
	frames := (m*60+sec)*75 + fr
	return (frames*1000 + 37) / 75, nil
}

// --- detection --------------------------------------------------------

// isCUECommand reports whether w starts a CUE sheet line.
func isCUECommand(w string) bool {
	switch strings.ToUpper(w) {
	case "REM", "FILE", "TITLE", "PERFORMER", "TRACK", "CATALOG", "SONGWRITER", "CDTEXTFILE":
		return true
	}
	return false
}

// Detect tells which chapter format data is in, from its first bytes.
func Detect(data []byte) (Format, error) {
	d := bytes.TrimPrefix(data, []byte("\uFEFF"))
	d = bytes.TrimLeft(d, " \t\r\n")
	if len(d) == 0 {
		return "", fmt.Errorf("%w: the input is empty", ErrUnknownFormat)
	}
	switch d[0] {
	case '[':
		return FormatPodloveJSON, nil
	case '{':
		return FormatPodcastJSON, nil
	case '<':
		return FormatPSC, nil
	}
	if bytes.HasPrefix(d, []byte("WEBVTT")) {
		return FormatWebVTT, nil
	}
	for _, l := range splitLines(string(d)) {
		t := strings.TrimSpace(l.text)
		if t == "" || t[0] == '#' {
			continue
		}
		if _, _, ok := ogmLine(t); ok {
			return FormatMP4Chaps, nil
		}
		f := strings.Fields(t)
		if isCUECommand(f[0]) {
			return FormatCUE, nil
		}
		if strings.Contains(f[0], ":") {
			if _, err := parseClock(f[0]); err == nil {
				return FormatMP4Chaps, nil
			}
		}
		if len(f) >= 2 {
			if _, err := parseDecimalSeconds(f[0]); err == nil {
				if _, err := parseDecimalSeconds(f[1]); err == nil {
					return FormatAudacity, nil
				}
			}
		}
		break
	}
	return "", fmt.Errorf("%w: not JSON, PSC, WebVTT, mp4chaps, Audacity labels or a CUE sheet", ErrUnknownFormat)
}
