package show

import "github.com/podfeed/podfeed/feed"

// HOOK(chapters): the chapters engineer implements this step here.
//
// chapters resolves the episode's chapters and attaches them:
//   - ep.Chapters (raw YAML node, nil when absent) overrides extraction:
//     "none"; "embedded" (use media.Chapters, from the Prober); a path to a
//     chapter file in any supported format (relative to the show folder,
//     read through b.def.fsys — see Definition); or a list of
//     "00:00 Title" strings or {start, title, url, image} maps.
//   - Otherwise chapters are extracted from ep.Notes (Markdown; the notes
//     start at line ep.BodyLine of ep.File, so a problem at notes line n is
//     reported at ep.BodyLine+n-1).
//   - b.def.Show.ChaptersIntro adds an "Intro" at 0 when the first starts later.
//   - Problems: errors with b.errAt(w, "chapters", …) or b.errs.addf(file,
//     line, col, …) for a position inside the notes; platform rules
//     (first at 0, at least 3) are warnings through b.warnAt / b.warns.addf.
//     media.Duration (0 when unknown) bounds the starts.
//   - Output, following b.def.Show.ChapterFormats (default: all three of
//     podcast-json, podlove-json, psc):
//     podcast-json: append File{Name: "chapters/<slug>.json"} to b.files and
//     set it.Chapters = &feed.ChaptersLink{URL: b.outputURL("chapters/<slug>.json"),
//     Type: "application/json+chapters"};
//     podlove-json: File{Name: "chapters/<slug>.podlove.json"};
//     psc: fill it.PSC.
func (b *builder) chapters(ep *Episode, w where, it *feed.Item, media MediaInfo) {
}
