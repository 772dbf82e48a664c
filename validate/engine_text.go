package validate

import (
	"fmt"
	"unicode/utf8"
)

// What the engine keeps of a feed is bounded by what the rules read, not
// by the size of its tokens: the scanner streams long text in pieces, and
// the engine keeps at most MaxText bytes of an element's text (Node.Text;
// Node.TextLen counts all of it), at most itemTextBudget bytes of text
// per item (and as much again for the channel's own elements), and at
// most maxItemParts elements and attributes per item (maxChannelParts
// for the channel's own). Past the last two the scan stops with a finding
// that says so.
const (
	// MaxText is the most of one element's text the engine keeps for
	// the rules: show notes are a few kilobytes, a description Apple
	// reads is at most 4,000 bytes.
	MaxText         = 1 << 20
	itemTextBudget  = 4 << 20
	maxItemParts    = 50_000
	maxChannelParts = 200_000
	textScratchMax  = 64 << 10 // larger per-level builders are not reused
)

// textAcc collects the text of one open element in a builder that its
// level reuses; the element's string is made once, when it ends.
type textAcc struct {
	b []byte
	n int // bytes seen, kept or not
}

func (t *textAcc) kept() int { return len(t.b) }

func (t *textAcc) blank() bool { return isBlankBytes(t.b) }

// reset empties t for the next element at its level, keeping a small
// builder for reuse.
func (t *textAcc) reset() {
	b := t.b[:0]
	if cap(b) > textScratchMax {
		b = nil
	}
	*t = textAcc{b: b}
}

// pushText starts the text of an element being opened; its slot keeps
// the builder the level's last element left.
func (e *engine) pushText() {
	if l := len(e.texts); l < cap(e.texts) {
		e.texts = e.texts[:l+1]
		e.texts[l].reset()
		return
	}
	e.texts = append(e.texts, textAcc{})
}

// wantsText implements tokenSink: text is kept inside built elements
// only.
func (e *engine) wantsText() bool {
	return len(e.nodes) > 0 && e.nodes[len(e.nodes)-1] != nil
}

// charData implements tokenSink. The scanner has already dropped the
// white space keepsBlank says is layout.
func (e *engine) charData(text []byte, pos Pos, cdata bool) {
	if len(e.nodes) == 0 {
		return
	}
	n := e.nodes[len(e.nodes)-1]
	if n == nil {
		return
	}
	if cdata {
		n.CDATA = true
	}
	t := &e.texts[len(e.texts)-1]
	if t.n == 0 {
		n.TextPos = pos
	}
	t.n += len(text)
	budget := &e.chanText
	if e.item != nil {
		budget = &e.itemText
	}
	room := min(MaxText-t.kept(), *budget)
	if room <= 0 || len(text) == 0 {
		return
	}
	if len(text) > room {
		text = text[:room]
		// end on a character boundary
		i := len(text) - 1
		for i > 0 && i > len(text)-utf8.UTFMax && !utf8.RuneStart(text[i]) {
			i--
		}
		if !utf8.FullRune(text[i:]) {
			text = text[:i]
		}
	}
	*budget -= len(text)
	t.b = append(t.b, text...)
}

// dropBlankText forgets the white space an element held before its first
// child: it was indentation, not text.
func (e *engine) dropBlankText(n *Node, t *textAcc) {
	if t.kept() > 0 && t.blank() {
		if e.item != nil {
			e.itemText += t.kept()
		} else {
			e.chanText += t.kept()
		}
		t.reset()
		n.TextPos = n.Pos
	}
}

// finishText gives the element being ended its text.
func (e *engine) finishText(n *Node, t *textAcc) {
	if n != nil && t.n > 0 {
		n.Text = e.textString(t.b)
		n.TextLen = t.n
	}
	t.reset()
}

// textString makes the string of an element's text: short ones interned,
// long ones inside an item in the item's slabs (reused with its nodes,
// see Node), others on the heap.
func (e *engine) textString(b []byte) string {
	if len(b) >= slabTextMin && e.itemSlabs != nil {
		return e.itemSlabs.str(b)
	}
	return e.sc.text(b)
}

// countParts counts an element and its attributes against the bounds of
// the item or the channel, and stops the scan past them.
func (e *engine) countParts(t *startTag, inItem bool) error {
	parts := 1 + len(t.Attrs)
	if inItem {
		e.itemParts += parts
		if e.itemParts > maxItemParts {
			return &syntaxError{Pos: t.Pos, Msg: fmt.Sprintf("the <item> opened at %d:%d holds more than %d elements and attributes: podfeed stops reading here (a safety limit; no episode needs so many)", e.itemPos.Line, e.itemPos.Col, maxItemParts)}
		}
		return nil
	}
	e.chanParts += parts
	if e.chanParts > maxChannelParts {
		return &syntaxError{Pos: t.Pos, Msg: fmt.Sprintf("the channel holds more than %d elements and attributes outside its items: podfeed stops reading here (a safety limit; no feed needs so many)", maxChannelParts)}
	}
	return nil
}
