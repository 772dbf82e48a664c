package validate

import (
	"sync/atomic"
	"unsafe"
)

// An item's tree lives in slabs: its nodes, attributes, child lists and
// long texts come from a few large slices instead of one allocation
// each, and once every rules worker is done with the item the slabs go
// back to a free list for a later item. A feed of any length then
// allocates its trees once, not per item: no garbage, no collections, no
// fresh pages. The long texts are most of a feed's bytes (show notes),
// so copying them into heap strings would make most of its garbage.
//
// The price is the contract in api.go: a rule must not keep an item's
// *Node (or its Attrs or Children) past the hook that received it, nor
// a long Text without copying it; it keeps the other strings and the
// positions it needs (those are never recycled).
// TestRecyclingChangesNothing and TestRecycledTextIsNotKept hold every
// rule to it.

// slabSet holds the memory of one item's tree.
type slabSet struct {
	nodes      [][]Node
	attrs      [][]Attr
	kids       [][]*Node
	texts      [][]byte // the bytes of long texts (slabTextMin and more)
	n, a, k, t int      // the slab of each kind being filled
}

// reset empties s for another item, dropping every pointer it held;
// poison (tests) overwrites the text bytes first.
func (s *slabSet) reset(poison bool) {
	for i := range s.nodes {
		clear(s.nodes[i])
		s.nodes[i] = s.nodes[i][:0]
	}
	for i := range s.attrs {
		clear(s.attrs[i])
		s.attrs[i] = s.attrs[i][:0]
	}
	for i := range s.kids {
		clear(s.kids[i])
		s.kids[i] = s.kids[i][:0]
	}
	for i := range s.texts {
		if poison {
			// tests: a string kept past its hook now reads as garbage
			for j := range s.texts[i] {
				s.texts[i][j] = 0xFF
			}
		}
		s.texts[i] = s.texts[i][:0]
	}
	s.n, s.a, s.k, s.t = 0, 0, 0, 0
}

// large reports whether s grew past what a usual item needs; such sets
// are not kept for reuse.
func (s *slabSet) large() bool {
	n := 0
	for _, sl := range s.nodes {
		n += cap(sl)
	}
	t := 0
	for _, sl := range s.texts {
		t += cap(sl)
	}
	return n > maxKeptNodes || t > maxKeptText
}

// Slab sizes: a new slab doubles the last one of its kind, within these
// bounds.
const (
	minNodeSlab, maxNodeSlab = 16, 256
	minAttrSlab, maxAttrSlab = 16, 512
	minKidSlab, maxKidSlab   = 32, 512
	minTextSlab, maxTextSlab = 4 << 10, 32 << 10
	// freeSlabSets is how many item slab sets are kept for reuse: as
	// many as the pipeline holds at most (the batches queued for the
	// slowest worker, the one it runs, the one being filled, and the
	// item being read), so no set is dropped only to be made again (a
	// free list smaller than that made 40 KB of garbage for about one
	// item in fifteen). Sets are made only when none is free, so no more
	// than that many are ever made, kept or not.
	freeSlabSets = (queueDepth+2)*dispatchBatch + 1
	maxKeptNodes = 4096     // nodes of a slab set kept for reuse
	maxKeptText  = 64 << 10 // text bytes of a slab set kept for reuse

	// slabTextMin is the shortest text kept in an item's slabs: show
	// notes and descriptions, most of a feed's bytes, which rules read
	// in their hooks and never keep. Shorter texts (titles, dates,
	// GUIDs), which cross-item rules may keep, are strings of their own.
	slabTextMin = 256
)

// carve hands out the next n elements of one kind of slab: slabs are
// the set's slabs of that kind and cur the one being filled. The memory
// may hold an earlier item's values: the caller overwrites it. When the
// current slab has no room, the next is used, or a new one made: double
// the last one, within lo and hi, and at least n.
func carve[T any](slabs *[][]T, cur *int, n, lo, hi int) []T {
	for {
		if *cur < len(*slabs) {
			sl := (*slabs)[*cur]
			if l := len(sl); cap(sl)-l >= n {
				(*slabs)[*cur] = sl[:l+n]
				return sl[l : l+n : l+n]
			}
			*cur++
			continue
		}
		last := 0
		if k := len(*slabs); k > 0 {
			last = cap((*slabs)[k-1])
		}
		*slabs = append(*slabs, make([]T, 0, max(n, min(max(lo, 2*last), hi))))
	}
}

func (s *slabSet) node() *Node {
	return &carve(&s.nodes, &s.n, 1, minNodeSlab, maxNodeSlab)[0]
}

func (s *slabSet) attrList(n int) []Attr {
	return carve(&s.attrs, &s.a, n, minAttrSlab, maxAttrSlab)
}

func (s *slabSet) kidList(kids []*Node) []*Node {
	l := carve(&s.kids, &s.k, len(kids), minKidSlab, maxKidSlab)
	copy(l, kids)
	return l
}

// str copies b (not empty) into the text slabs and returns it as a
// string, valid until the set is reset.
func (s *slabSet) str(b []byte) string {
	t := carve(&s.texts, &s.t, len(b), minTextSlab, maxTextSlab)
	copy(t, b)
	return unsafe.String(&t[0], len(t))
}

// newNode hands out a node for the element being started.
func (e *engine) newNode() *Node { return e.slabs().node() }

// newAttrs hands out an attribute slice of length n.
func (e *engine) newAttrs(n int) []Attr { return e.slabs().attrList(n) }

// childSlice copies an element's children, collected on the scratch
// stack while it was open, into an exactly sized slice.
func (e *engine) childSlice(kids []*Node) []*Node { return e.slabs().kidList(kids) }

// slabs is where the current element's memory comes from: the item's
// set inside an item, else the channel's (never recycled: the channel
// lives for the whole run).
func (e *engine) slabs() *slabSet {
	if e.itemSlabs != nil {
		return e.itemSlabs
	}
	return &e.chanSlabs
}

// itemStarts gives the item being started a slab set, a recycled one
// when there is one.
func (e *engine) itemStarts() {
	select {
	case s := <-e.free:
		e.itemSlabs = s
	default:
		e.itemSlabs = new(slabSet)
	}
}

// recycle returns the slabs of a batch every worker is done with.
func (e *engine) recycle(ws []work) {
	if e.noRecycle {
		return
	}
	for _, w := range ws {
		if w.slabs == nil {
			continue
		}
		if w.slabs.large() {
			continue // an exceptional item's slabs go to the collector
		}
		w.slabs.reset(e.poison)
		select {
		case e.free <- w.slabs:
		default: // enough kept
		}
	}
}

// batch is items (and the channel) handed to the rules workers together;
// left counts the workers still to run it, and the last one recycles it.
type batch struct {
	ws   []work
	left atomic.Int32
}
