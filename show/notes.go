package show

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// notesBase is the page relative links and images in show notes resolve
// against: notes_base_url if set, else the show's link; nil when neither
// is an absolute URL.
func (b *builder) notesBase() *url.URL {
	s := &b.def.Show
	for _, v := range []string{s.NotesBaseURL, s.Link} {
		if v != "" && isAbsURL(v) {
			u, err := url.Parse(v)
			if err == nil {
				return u
			}
		}
	}
	return nil
}

// renderNotes renders Markdown text given under key in w, with relative
// link and image destinations resolved against the notes base. Where there
// is no base, each relative one is a warning at its line: podcast apps show
// notes far from the show's site, where such a link leads nowhere.
// bodyLine is the line text starts on in w's file (a Markdown body), or 0
// when text is a key's value (placed at the key).
func (b *builder) renderNotes(w where, key, text string, bodyLine int) (string, error) {
	base := b.notesURL
	res, err := b.md.RenderNotes(text, base)
	if err != nil {
		return "", err
	}
	if base != nil {
		return res.HTML, nil
	}
	for _, l := range res.Relative {
		file, line, col := w.at(key)
		if bodyLine > 0 {
			before := text[:l.Offset]
			line = bodyLine + strings.Count(before, "\n")
			col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		}
		b.warns.addf(file, line, col, "%s: relative link %q leads nowhere in podcast apps; set link (the show's web page) or notes_base_url in %s to make it absolute",
			key, l.Dest, showFileName(b.def.ShowFile))
		b.warns.errs[len(b.warns.errs)-1].Rule = "rss-relative-link"
	}
	return res.HTML, nil
}

// showFileName returns the show file's name as messages give it.
func showFileName(showFile string) string {
	if i := strings.LastIndexByte(showFile, '/'); i >= 0 {
		return showFile[i+1:]
	}
	return showFile
}

// bodyLine is the line ep's notes start on in its file when they are a
// Markdown body, 0 when they are a key's value.
func bodyLine(ep *Episode) int {
	if ep.BodyLine > 0 && (strings.HasSuffix(ep.File, ".md") || strings.HasSuffix(ep.File, ".markdown")) {
		return ep.BodyLine
	}
	return 0
}
