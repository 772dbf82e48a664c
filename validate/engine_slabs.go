package validate

import "sync/atomic"

// An item's tree lives in slabs: its nodes, attributes and child lists
// come from a few large slices instead of one allocation each, and once
// every rules worker is done with the item the slabs go back to a free
// list for a later item. A feed of any length then allocates its trees
// once, not per item: no garbage, no collections, no fresh pages.
//
// The price is the contract in api.go: a rule must not keep an item's
// *Node (or its Attrs or Children) past the hook that received it; it
// keeps the strings and positions it needs (strings are never recycled).
// TestRecyclingChangesNothing holds every rule to it.

// slabSet holds the memory of one item's tree.
type slabSet struct {
	nodes   [][]Node
	attrs   [][]Attr
	kids    [][]*Node
	n, a, k int // the slab of each kind being filled
}

// reset empties s for another item, dropping every pointer it held.
func (s *slabSet) reset() {
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
	s.n, s.a, s.k = 0, 0, 0
}

// large reports whether s grew past what a usual item needs; such sets
// are not kept for reuse.
func (s *slabSet) large() bool {
	n := 0
	for _, sl := range s.nodes {
		n += cap(sl)
	}
	return n > maxKeptNodes
}

// Slab sizes: a new slab doubles the last one of its kind, within these
// bounds.
const (
	minNodeSlab, maxNodeSlab = 16, 256
	minAttrSlab, maxAttrSlab = 16, 512
	minKidSlab, maxKidSlab   = 32, 512
	freeSlabSets             = 64   // item slab sets kept for reuse
	maxKeptNodes             = 4096 // nodes of a slab set kept for reuse
)

func (s *slabSet) node() *Node {
	for {
		if s.n < len(s.nodes) {
			sl := s.nodes[s.n]
			if len(sl) < cap(sl) {
				sl = sl[:len(sl)+1]
				s.nodes[s.n] = sl
				return &sl[len(sl)-1]
			}
			s.n++
			continue
		}
		last := 0
		if len(s.nodes) > 0 {
			last = cap(s.nodes[len(s.nodes)-1])
		}
		s.nodes = append(s.nodes, make([]Node, 0, min(max(minNodeSlab, 2*last), maxNodeSlab)))
	}
}

func (s *slabSet) attrList(n int) []Attr {
	for {
		if s.a < len(s.attrs) {
			sl := s.attrs[s.a]
			if cap(sl)-len(sl) >= n {
				l := len(sl)
				sl = sl[:l+n]
				s.attrs[s.a] = sl
				return sl[l : l+n : l+n]
			}
			s.a++
			continue
		}
		last := 0
		if len(s.attrs) > 0 {
			last = cap(s.attrs[len(s.attrs)-1])
		}
		s.attrs = append(s.attrs, make([]Attr, 0, max(n, min(max(minAttrSlab, 2*last), maxAttrSlab))))
	}
}

func (s *slabSet) kidList(kids []*Node) []*Node {
	n := len(kids)
	for {
		if s.k < len(s.kids) {
			sl := s.kids[s.k]
			if cap(sl)-len(sl) >= n {
				l := len(sl)
				sl = append(sl, kids...)
				s.kids[s.k] = sl
				return sl[l : l+n : l+n]
			}
			s.k++
			continue
		}
		last := 0
		if len(s.kids) > 0 {
			last = cap(s.kids[len(s.kids)-1])
		}
		s.kids = append(s.kids, make([]*Node, 0, max(n, min(max(minKidSlab, 2*last), maxKidSlab))))
	}
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
		w.slabs.reset()
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
