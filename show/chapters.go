package show

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/feed"
)

// chapters resolves the episode's chapters and attaches them to the item:
//   - ep.Chapters (raw YAML node, nil when absent) overrides extraction:
//     "none"; "embedded" (media.Chapters, from the Prober); a path to a
//     chapter file in any supported format (relative to the show folder);
//     or a list of "00:00 Title" strings or {start, title, url, image} maps.
//   - Otherwise chapters are extracted from ep.Notes.
//   - b.def.Show.ChaptersIntro adds an "Intro" at 0 when the first starts later.
//   - Problems with chapters given in the front matter are errors at the
//     episode's file and line; a list taken from the notes that has errors
//     is left out with one warning. The platform rules (first at 0, at
//     least 3) are warnings. media.Duration bounds the starts.
//   - Output follows b.def.Show.ChapterFormats (default podcast-json,
//     podlove-json and psc): chapters/<slug>.json linked with
//     <podcast:chapters>, chapters/<slug>.podlove.json, and inline PSC.
func (b *builder) chapters(ep *Episode, w where, it *feed.Item, media MediaInfo) {
	var notes []noteGuess
	chs, at, ok := b.resolveChapters(ep, w, media, &notes)
	if !ok || len(chs) == 0 {
		return
	}
	if b.def.Show.ChaptersIntro {
		if withIntro := chapters.AddIntro(chs); len(withIntro) != len(chs) {
			chs = withIntro
			at = append([]Pos{at[0]}, at...)
		}
	}
	file := w.File
	problems := chapters.Check(chs, media.Duration.Milliseconds())
	if ep.Chapters == nil && chapters.HasErrors(problems) {
		// Timestamps in the notes are a guess at chapters, not a promise:
		// a list that fails its checks is left out with one warning, and
		// the build goes on. Chapters written explicitly keep their errors.
		b.dropNotesChapters(file, at, problems)
		return
	}
	for _, p := range problems {
		pos := at[0]
		if p.Index >= 0 {
			pos = at[p.Index]
		}
		if p.Severity == chapters.Error {
			b.errs.addf(file, pos.Line, pos.Col, "chapters: %s", p.Message)
		} else {
			b.warns.addf(file, pos.Line, pos.Col, "chapters: %s", p.Message)
		}
	}
	if ep.Chapters == nil {
		for _, n := range notes {
			b.warns.addf(file, n.pos.Line, n.pos.Col, "chapters: %s", n.msg)
		}
	}
	if chapters.HasErrors(problems) || !validSlug(ep.Slug) {
		return // checkSlug reports a bad slug; never write a file named by it
	}
	formats := b.def.Show.ChapterFormats
	if len(formats) == 0 {
		formats = []string{"podcast-json", "podlove-json", "psc"}
	}
	for _, f := range formats {
		switch f {
		case "podcast-json":
			name := "chapters/" + ep.Slug + ".json"
			if b.addChapterFile(w, name, chapters.FormatPodcastJSON, chs) {
				if u := b.outputURL(name); u != "" {
					it.Chapters = &feed.ChaptersLink{URL: u, Type: "application/json+chapters"}
				} else {
					b.unlinked++ // no feed_url: Build says so once
				}
			}
		case "podlove-json":
			b.addChapterFile(w, "chapters/"+ep.Slug+".podlove.json", chapters.FormatPodloveJSON, chs)
		case "psc":
			it.PSC = make([]feed.PSCChapter, 0, len(chs))
			for _, c := range chs {
				if !c.Listed() {
					continue // a silent chapter is not a jump target
				}
				it.PSC = append(it.PSC, feed.PSCChapter{Start: time.Duration(c.Start) * time.Millisecond, Title: c.Title, Href: c.URL, Image: c.Image})
			}
		}
		// Unknown names are reported once, by channel(); id3, mp4 and
		// vorbis are embedded below.
	}
	b.embedChapters(ep, w, it, media, chs, at, formats)
	if b.def.Show.ChaptersInDescription {
		b.describeChapters(w, it, chs, at)
	}
}

func (b *builder) addChapterFile(w where, name string, f chapters.Format, chs []chapters.Chapter) bool {
	var buf bytes.Buffer
	if err := chapters.Encode(&buf, f, chs, chapters.EncodeOptions{}); err != nil {
		b.errAt(w, "chapters", "chapters: write %s: %v", name, err)
		return false
	}
	b.files = append(b.files, File{Name: name, Data: buf.Bytes()})
	return true
}

// resolveChapters finds the episode's chapters and, for each, the place in
// the definitions it came from. ok is false when an error was reported.
func (b *builder) resolveChapters(ep *Episode, w where, media MediaInfo, notes *[]noteGuess) ([]chapters.Chapter, []Pos, bool) {
	n := ep.Chapters
	if n == nil {
		return b.notesChapters(ep, w, notes)
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	keyPos := Pos{Line: n.Line, Col: n.Column}
	switch n.Kind {
	case yaml.ScalarNode:
		v := strings.TrimSpace(n.Value)
		switch {
		case v == "" || v == "none" || n.Tag == "!!null" || (n.Tag == "!!bool" && !truthy(v)):
			return nil, nil, true
		case v == "embedded":
			if len(media.Chapters) == 0 {
				b.warns.addf(w.File, keyPos.Line, keyPos.Col, "chapters: embedded, but the media has no chapters (or was not probed)")
				return nil, nil, true
			}
			return media.Chapters, repeatPos(keyPos, len(media.Chapters)), true
		default:
			return b.fileChapters(w, keyPos, v)
		}
	case yaml.SequenceNode:
		return b.listChapters(w, n)
	}
	b.errs.addf(w.File, keyPos.Line, keyPos.Col, "chapters: expected none, embedded, the path of a chapter file, or a list of \"00:00 Title\" lines or {start, title, url, image} maps")
	return nil, nil, false
}

func truthy(v string) bool {
	t, err := strconv.ParseBool(v)
	return err == nil && t
}

func repeatPos(p Pos, n int) []Pos {
	out := make([]Pos, n)
	for i := range out {
		out[i] = p
	}
	return out
}

// noteGuess is a guess the extractor made reading the notes (an hour
// left out of a time), said only when the list is used.
type noteGuess struct {
	pos Pos
	msg string
}

// dropNotesChapters says, in one warning at the first problem, that the
// notes' timestamps are left out of the feed and why.
func (b *builder) dropNotesChapters(file string, at []Pos, problems []chapters.Problem) {
	var first *chapters.Problem
	errs := 0
	for i := range problems {
		if problems[i].Severity == chapters.Error {
			if first == nil {
				first = &problems[i]
			}
			errs++
		}
	}
	pos := at[0]
	if first.Index >= 0 {
		pos = at[first.Index]
	}
	more := ""
	if errs > 1 {
		more = fmt.Sprintf(", and %d more problem(s)", errs-1)
	}
	b.warns.addf(file, pos.Line, pos.Col, "chapters: the timestamps in the notes are not a usable chapter list (%s%s): no chapters written for this episode; give them in the front matter (chapters:) to publish them", first.Message, more)
}

// notesChapters extracts the chapter list written in the episode's notes.
func (b *builder) notesChapters(ep *Episode, w where, notes *[]noteGuess) ([]chapters.Chapter, []Pos, bool) {
	if strings.TrimSpace(ep.Notes) == "" {
		return nil, nil, true
	}
	found := chapters.ExtractText(withoutChapterBlock(ep.Notes))
	if len(found) == 0 {
		return nil, nil, true
	}
	// Markdown bodies start at ep.BodyLine; notes given as a key are
	// placed at that key.
	_, kl, kc := w.at("notes")
	body := ep.BodyLine > 0 && (path.Ext(w.File) == ".md" || path.Ext(w.File) == ".markdown")
	at := make([]Pos, len(found))
	for i, f := range found {
		if body {
			at[i] = Pos{Line: ep.BodyLine + f.Line - 1, Col: f.Col}
		} else {
			at[i] = Pos{Line: kl, Col: kc}
		}
		if f.Note != "" {
			*notes = append(*notes, noteGuess{at[i], fmt.Sprintf("%q %s", f.Raw, f.Note)})
		}
	}
	return chapters.Chapters(found), at, true
}

// fileChapters reads a chapter file named in the front matter.
func (b *builder) fileChapters(w where, keyPos Pos, v string) ([]chapters.Chapter, []Pos, bool) {
	p, err := cleanLocalPath(v)
	if err != nil {
		b.errs.addf(w.File, keyPos.Line, keyPos.Col, "chapters: %v; expected none, embedded, a chapter file or a list", err)
		return nil, nil, false
	}
	name := path.Join(b.def.Dir, p)
	text, err := readText(b.def.fsys, name, "the chapter file", MaxChapterFile)
	if err != nil {
		var fp *fileProblem
		switch {
		case errors.Is(err, fs.ErrNotExist):
			b.errs.addf(w.File, keyPos.Line, keyPos.Col, "chapters: %q: no such file in the show folder (or write none, embedded, or a list)", v)
		case errors.As(err, &fp):
			b.errs.addf(w.File, keyPos.Line, keyPos.Col, "chapters: %q: %s", v, fp.msg)
		default:
			b.errs.addf(w.File, keyPos.Line, keyPos.Col, "chapters: %v", err)
		}
		return nil, nil, false
	}
	chs, _, err := chapters.Decode([]byte(text))
	if err != nil {
		var list chapters.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				b.errs.addf(name, e.Pos.Line, e.Pos.Col, "chapters: %s", e.Msg)
			}
		} else {
			b.errs.addf(name, 1, 1, "chapters: %v", err)
		}
		return nil, nil, false
	}
	return chs, repeatPos(keyPos, len(chs)), true
}

// listChapters reads chapters written in the front matter as a list.
func (b *builder) listChapters(w where, n *yaml.Node) ([]chapters.Chapter, []Pos, bool) {
	ok := true
	var chs []chapters.Chapter
	var at []Pos
	for i, item := range n.Content {
		pos := Pos{Line: item.Line, Col: item.Column}
		errf := func(p Pos, format string, args ...any) {
			b.errs.addf(w.File, p.Line, p.Col, "chapters[%d]: "+format, append([]any{i}, args...)...)
			ok = false
		}
		switch item.Kind {
		case yaml.ScalarNode:
			c, err := chapters.ParseLine(item.Value)
			if err != nil {
				errf(pos, "%v", err)
				continue
			}
			chs, at = append(chs, c), append(at, pos)
		case yaml.MappingNode:
			var c chapters.Chapter
			hasStart := false
			for k := 0; k+1 < len(item.Content); k += 2 {
				key, val := item.Content[k], item.Content[k+1]
				vpos := Pos{Line: val.Line, Col: val.Column}
				if val.Kind != yaml.ScalarNode {
					errf(vpos, "%s: expected a single value", key.Value)
					continue
				}
				switch key.Value {
				case "start":
					ms, err := chapters.ParseTime(val.Value)
					if err != nil {
						errf(vpos, "start: %v", err)
						continue
					}
					c.Start, hasStart = ms, true
				case "title":
					c.Title = val.Value
				case "url", "href":
					if !isAbsURL(val.Value) {
						errf(vpos, "url: expected an absolute http(s) URL, found %q", val.Value)
						continue
					}
					c.URL = val.Value
				case "image", "img":
					c.Image = b.url(w, fmt.Sprintf("chapters[%d].image", i), val.Value)
				default:
					errf(Pos{Line: key.Line, Col: key.Column}, "unknown key %q: expected start, title, url or image", key.Value)
				}
			}
			if !hasStart {
				errf(pos, "start is required: the chapter's time, like \"12:34\"")
				continue
			}
			chs, at = append(chs, c), append(at, pos)
		default:
			errf(pos, "expected \"00:00 Title\" or {start, title, url, image}")
		}
	}
	if !ok {
		return nil, nil, false
	}
	return chs, at, true
}
