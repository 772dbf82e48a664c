package show

// Without StreamNotes, a build holds the show's notes twice over: the
// episodes' Markdown (Definition; notes given as keys, and bodies once
// Build has read them) and the rendered HTML (Result.Channel). Once the
// feed is encoded, neither is needed; a caller that goes on to validate
// and write the feed releases them, so that a large show does not carry
// them through the rest of the build (issue 14: 100,000 episodes hold a
// few hundred MB of each).

// ReleaseNotes drops every episode's Markdown notes, which only Build
// reads. Call it after Build, and call Build on d no more.
func (d *Definition) ReleaseNotes() {
	for _, ep := range d.Episodes {
		ep.Notes = ""
	}
}

// ReleaseItemText drops the show notes of the feed's items (description
// and content:encoded) once the feed has been encoded. Everything else
// stays: the items' GUIDs, titles and enclosures (feed.SummaryOf) and
// where each was defined (PlaceOf, ItemPlace).
func (r *Result) ReleaseItemText() {
	if r.Channel == nil {
		return
	}
	for i := range r.Channel.Items {
		it := &r.Channel.Items[i]
		it.Description, it.ContentEncoded = "", ""
	}
}
