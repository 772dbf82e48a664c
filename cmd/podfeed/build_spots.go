package main

import (
	"bytes"
	"fmt"
	"io"
	"sort"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/xmlspot"
)

// spotter traces a position of a feed (validate.Pos: 1-based line, column
// in characters) to what it falls in: an xmlspot.Index over the whole
// feed, or feedSpots over a feed in a file.
type spotter interface {
	At(line, col int) xmlspot.Spot
}

// feedSpots is a spotter for a feed podfeed encoded into a file, which it
// reads only where a position falls: the encoder's layout gives each
// item's byte extent, and one pass over the file (track, as the validator
// reads it) gives the line each item starts on. A position in an item is
// traced in that item alone; one outside every item in the feed without
// its items. It gives what xmlspot.New over the whole feed gives, holding
// one item at a time (TestFeedSpotsMatchWholeIndex).
type feedSpots struct {
	r     io.ReaderAt
	size  int64
	items []feed.Span

	// Filled by the pass over the file: for each item, the line its '<'
	// is on and the offset where that line starts.
	lines      []int
	lineStarts []int64
	pos        int64 // bytes of the file seen by the pass
	line       int   // line at pos
	lineStart  int64 // where that line starts
	err        error // the pass's read error, if any

	outside *xmlspot.Index // the feed without its items; built when first needed
	head    int            // bytes of the feed before its first item (in outside)
	cur     int            // item whose index is in curIx, -1: none
	curIx   *xmlspot.Index
	buf     []byte
}

func newFeedSpots(r io.ReaderAt, lay *feed.Layout) *feedSpots {
	return &feedSpots{
		r: r, size: lay.Size, items: lay.Items,
		lines: make([]int, 0, len(lay.Items)), lineStarts: make([]int64, 0, len(lay.Items)),
		line: 1, cur: -1,
	}
}

// track returns a reader of r, the feed read from its start, that notes
// each item's line as the bytes go by.
func (s *feedSpots) track(r io.Reader) io.Reader { return &spotTracker{s: s, r: r} }

type spotTracker struct {
	s *feedSpots
	r io.Reader
}

func (t *spotTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.s.see(p[:n])
	return n, err
}

// see takes the next bytes of the feed.
func (s *feedSpots) see(p []byte) {
	end := s.pos + int64(len(p))
	for len(s.lines) < len(s.items) && s.items[len(s.lines)].Start < end {
		cut := s.items[len(s.lines)].Start - s.pos
		s.count(p[:cut])
		p = p[cut:]
		s.lines = append(s.lines, s.line)
		s.lineStarts = append(s.lineStarts, s.lineStart)
	}
	s.count(p)
}

func (s *feedSpots) count(p []byte) {
	if i := bytes.LastIndexByte(p, '\n'); i >= 0 {
		s.line += bytes.Count(p, []byte{'\n'})
		s.lineStart = s.pos + int64(i) + 1
	}
	s.pos += int64(len(p))
}

// finish completes the pass where the reader stopped (the validator stops
// at a feed that is not well-formed).
func (s *feedSpots) finish() error {
	if s.err != nil || len(s.lines) == len(s.items) {
		return s.err
	}
	_, err := io.Copy(io.Discard, s.track(io.NewSectionReader(s.r, s.pos, s.size-s.pos)))
	if err == nil && len(s.lines) < len(s.items) {
		err = fmt.Errorf("the feed is shorter than encoded (%d bytes read, %d written)", s.pos, s.size)
	}
	s.err = err
	return err
}

// read returns the bytes from off to end, in a buffer reused by the next
// call.
func (s *feedSpots) read(off, end int64) ([]byte, error) {
	n := int(end - off)
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	b := s.buf[:n]
	return b, readAt(s.r, b, off)
}

// readAt fills b from r at off.
func readAt(r io.ReaderAt, b []byte, off int64) error {
	if len(b) == 0 {
		return nil
	}
	n, err := r.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// At returns what line:col of the feed falls in; a position it cannot
// read falls in nothing.
func (s *feedSpots) At(line, col int) xmlspot.Spot {
	spot, err := s.at(line, col)
	if err != nil {
		return xmlspot.Spot{Item: -1}
	}
	return spot
}

func (s *feedSpots) at(line, col int) (xmlspot.Spot, error) {
	none := xmlspot.Spot{Item: -1}
	if line < 1 {
		return none, nil
	}
	if err := s.finish(); err != nil {
		return none, err
	}
	// The lines from the start of the last item's line at or before line
	// to the start of the next item's line hold it.
	k := sort.SearchInts(s.lines, line+1) - 1
	var from, to int64
	first := 1
	switch {
	case k < 0 && len(s.items) == 0:
		to = s.size
	case k < 0:
		to = s.lineStarts[0]
	default:
		first = s.lines[k]
		k = sort.SearchInts(s.lines, first) // the first item on that line
		from, to = s.lineStarts[k], s.size
		if next := sort.SearchInts(s.lines, first+1); next < len(s.items) {
			to = s.lineStarts[next]
		}
	}
	b, err := s.read(from, to)
	if err != nil {
		return none, err
	}
	off := 0
	for l := first; l < line; l++ {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return none, nil // past the end of the feed
		}
		off += i + 1
	}
	at := from + int64(off+xmlspot.ColumnOffset(b[off:], col))

	// In an item: trace it in that item alone.
	if j := sort.Search(len(s.items), func(i int) bool { return s.items[i].Start > at }) - 1; j >= 0 && at < s.items[j].End {
		it := s.items[j]
		if s.cur != j {
			const open, close = "<rss><channel>", "</channel></rss>"
			doc := make([]byte, len(open)+int(it.End-it.Start)+len(close))
			copy(doc, open)
			if err := readAt(s.r, doc[len(open):len(doc)-len(close)], it.Start); err != nil {
				return none, err
			}
			copy(doc[len(doc)-len(close):], close)
			s.cur, s.curIx = j, xmlspot.New(doc)
		}
		spot := s.curIx.AtOffset(len("<rss><channel>") + int(at-it.Start))
		if spot.Item == 0 {
			spot.Item = j
		}
		return spot, nil
	}

	// Outside every item: trace it in the feed without its items.
	if err := s.buildOutside(); err != nil {
		return none, err
	}
	switch {
	case len(s.items) == 0 || at < s.items[0].Start:
		return s.outside.AtOffset(int(at)), nil
	case at >= s.items[len(s.items)-1].End:
		return s.outside.AtOffset(s.head + int(at-s.items[len(s.items)-1].End)), nil
	}
	// Between two items: in the channel, as where the items were.
	return s.outside.AtOffset(s.head), nil
}

// buildOutside indexes the feed with its items cut out: what comes before
// the first and after the last (between items the encoder writes only
// line breaks and indents).
func (s *feedSpots) buildOutside() error {
	if s.outside != nil {
		return nil
	}
	headEnd, tailStart := s.size, s.size
	if len(s.items) > 0 {
		headEnd, tailStart = s.items[0].Start, s.items[len(s.items)-1].End
	}
	doc := make([]byte, headEnd+s.size-tailStart)
	if err := readAt(s.r, doc[:headEnd], 0); err != nil {
		return err
	}
	if err := readAt(s.r, doc[headEnd:], tailStart); err != nil {
		return err
	}
	s.head = int(headEnd)
	s.outside = xmlspot.New(doc)
	return nil
}
