package show

import (
	"io"
	"path"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/podfeed/podfeed/feed"
)

// notesStream renders the show notes of a build's items as the feed is
// encoded (BuildOptions.StreamNotes): the cores render a few items ahead
// of the encoder, in the feed's order, and each item's notes are dropped
// once written. Rendered, 100,000 episodes' notes are about 250 MB.
type notesStream struct {
	b     *builder
	pub   []*published // the items' episodes, as Channel.Items before sorting
	order []int        // indexes into pub and Channel.Items, in the feed's order
}

// renderAhead is how many items the renderers may be ahead of the
// encoder: enough to keep the cores busy, few enough that the notes in
// flight are a small part of a show's.
const renderAhead = 16

// EncodeFeed writes the feed to w and says where each item went, as
// feed.EncodeLayout does. After a Build with StreamNotes, it is where the
// items' show notes are rendered (and dropped once written): it then
// returns the problems found in them as Errors, with the rest of the
// build's, and completes the Result (Warnings); what it wrote must then
// be thrown away.
func (r *Result) EncodeFeed(w io.Writer) (*feed.Layout, error) {
	st := r.stream
	if st == nil {
		return feed.EncodeLayout(w, r.Channel)
	}
	r.stream = nil
	ch := r.Channel
	if len(st.order) > 0 {
		newest := ch.Items[st.order[0]].PubDate
		ch.PubDate, ch.LastBuildDate = newest, newest
	}
	enc := feed.NewEncoder(w, ch)
	if err := st.run(ch, enc); err != nil {
		return nil, err
	}
	lay, err := enc.Close()
	if ferr := st.b.finish(r, st.pub); ferr != nil {
		return nil, ferr
	}
	if err != nil {
		return nil, err
	}
	return lay, nil
}

// run renders the notes of every item of ch into it and, with enc, writes
// the items in the feed's order; it drops each item's notes once it is
// written (or, without enc, once rendered). The problems found go into
// each episode's own lists, where item would have put them.
func (s *notesStream) run(ch *feed.Channel, enc *feed.Encoder) error {
	ctx := s.b.ctx
	n := len(s.order)
	// A renderer takes a token, then the next item: the items rendered and
	// not yet written hold every token, so item k is never more than
	// renderAhead ahead of the encoder, and it says it is done on the
	// channel k%renderAhead, which the encoder has emptied by then.
	tokens := make(chan struct{}, renderAhead)
	done := make([]chan struct{}, renderAhead)
	for i := range done {
		done[i] = make(chan struct{}, 1)
	}
	var next atomic.Int64
	render := func(dr *dirReader) {
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), n) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					tokens <- struct{}{}
					k := int(next.Add(1) - 1)
					if k >= n {
						<-tokens
						return
					}
					if ctx.Err() == nil {
						i := s.order[k]
						s.render(&ch.Items[i], s.pub[i], dr)
					}
					done[k%renderAhead] <- struct{}{}
				}
			}()
		}
		wg.Wait()
	}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		if slices.ContainsFunc(s.pub, func(p *published) bool { return p.w.body.set() && p.ep.Notes == "" }) {
			withDirReader(s.b.def.fsys, path.Join(s.b.def.Dir, "episodes"), render)
		} else {
			render(nil)
		}
	}()
	for k := range n {
		<-done[k%renderAhead]
		it := &ch.Items[s.order[k]]
		if enc != nil {
			enc.Item(it)
		}
		it.Description, it.ContentEncoded = "", ""
		<-tokens
	}
	<-finished
	return ctx.Err()
}

// render renders p's notes into it, on a builder of its own, and puts the
// problems found where item would have.
func (s *notesStream) render(it *feed.Item, p *published, dr *dirReader) {
	nb := s.b.fork()
	nb.readBody(p.ep, &p.w, dr)
	nb.itemNotes(it, p.ep, p.w)
	if s.b.opt.ReleaseNotes {
		p.ep.Notes = ""
	}
	p.eb.errs.errs = slices.Insert(p.eb.errs.errs, p.eb.notesErrAt, nb.errs.errs...)
	p.eb.warns.errs = slices.Insert(p.eb.warns.errs, p.eb.notesWarnAt, nb.warns.errs...)
}
