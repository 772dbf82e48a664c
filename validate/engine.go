package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

// Result is what a run found.
type Result struct {
	// Diagnostics are sorted by line, column and code.
	Diagnostics []Diagnostic
	// Document is what the prolog said and the engine sniffed.
	Document Document
	// WellFormed is false when the scan stopped at an xml-not-well-formed
	// finding (the findings before the break are kept).
	WellFormed bool
	// Rules is the number of rules that ran (after profile selection).
	Rules int
}

// Counts returns the number of findings per severity.
func (r Result) Counts() (errs, warnings, infos int) {
	for _, d := range r.Diagnostics {
		n := d.Occurrences()
		switch d.Severity {
		case Error:
			errs += n
		case Warning:
			warnings += n
		default:
			infos += n
		}
	}
	return errs, warnings, infos
}

// Source says how the bytes were obtained, for rules that compare the
// feed with where it came from (self links, charsets). Leave it zero for
// files.
type Source struct {
	URL         string // final URL after redirects
	HTTPCharset string // charset parameter of the Content-Type header
}

// Run validates the feed read from r with the rules of cfg's profiles, in
// one streaming pass. Content problems, including a feed that is not
// well-formed, are findings; the error is only for failures to read r or
// a cancelled ctx.
//
// The build gate can call it on the bytes it is about to write:
// validate.Run(ctx, bytes.NewReader(b), validate.Config{}).
func Run(ctx context.Context, r io.Reader, cfg Config) (Result, error) {
	return RunSource(ctx, r, cfg, Source{})
}

// RunSource is Run for fetched feeds: src fills Document.FetchedURL and
// Document.HTTPCharset.
func RunSource(ctx context.Context, r io.Reader, cfg Config, src Source) (Result, error) {
	e := newEngine(ctx, &cfg, Rules())
	e.doc.Path = cfg.Path
	e.doc.FetchedURL = src.URL
	e.doc.HTTPCharset = src.HTTPCharset
	return e.run(r)
}

// activeRule is a rule selected for this run with its pass.
type activeRule struct {
	rule *Rule
	pass *Pass
	out  *[]Diagnostic // where its findings go (one slice per rule)
}

// engine turns scanner events into nodes and calls the rules' hooks.
type engine struct {
	ctx       context.Context
	cfg       *Config
	doc       Document
	diags     []Diagnostic // from the rules' hooks
	scanDiags []Diagnostic // from the scanner and the engine itself
	scanKinds map[string]*kindSet

	queues    []chan *batch // batches of items and the channel, one queue per rules worker
	batch     []work        // work not yet handed to the workers
	rulesDone chan struct{} // a value per rules worker that has drained its queue
	scanned   int           // items read so far
	serial    bool          // run the hooks on the scanning goroutine, item by item (tests)
	inline    bool          // no rules workers: run the hooks on the scanning goroutine, a batch at a time
	pis       []piIndex     // the batch's item indexes, when inline
	workers   int           // rules workers; 0: rulesWorkers(), negative: none (tests)
	chunk     int           // the scanner's text piece size; 0: textChunk (tests make it small)

	all       []activeRule
	items     []activeRule // rules with an Item hook
	channels  []activeRule // rules with a Channel hook
	finishers []activeRule // rules with a Finish hook
	enabled   map[string]*Rule

	// namespaces: the bindings in scope, innermost last, and for each
	// prefix the index of its innermost binding, so a lookup costs the
	// same however many declarations are in scope
	binds  []nsBind
	marks  []int // len(binds) at each open element
	latest map[string]int
	// nsCache remembers the last lookups, so the elements of a feed
	// (whose bindings are all on the root) resolve their prefix without
	// hashing it; nsGen changes with every binding made or dropped, and
	// an entry of another generation is stale.
	nsCache [16]nsCached
	nsGen   uint64

	// tree building
	sc        *scanner
	depth     int
	nodes     []*Node   // node per open element (nil when not built)
	texts     []textAcc // text per open element
	itemText  int       // bytes of text the current item may still keep
	chanText  int       // bytes of text the channel's own elements may still keep
	itemParts int       // elements and attributes of the current item
	itemPos   Pos       // where the current item starts
	noASCII   bool      // never mark an item ASCII (tests: the rules' slow path)
	chanParts int       // elements and attributes outside the items
	batchSize int       // bytes of text in the batch not yet handed over
	channel   *Node
	chanDepth int
	chanDone  bool
	item      *Node
	unbound   map[string]bool
	snap      *Node // the channel as the last item saw it
	sniff     sniffed
	itemSlabs *slabSet      // the current item's tree memory (engine_slabs.go)
	chanSlabs slabSet       // the channel's own elements
	free      chan *slabSet // item slab sets the workers are done with
	noRecycle bool          // never reuse slabs (tests)
	poison    bool          // overwrite recycled text slabs (tests)
	scratch   []*Node       // children of the open elements, innermost last
	kids      []int         // per open element: where its children start in scratch
}

// nsCached is one remembered prefix lookup.
type nsCached struct {
	prefix, uri string
	gen         uint64 // e.nsGen+1 when looked up (0: empty)
	ok          bool
}

type nsBind struct {
	prefix, uri string
	prev        int // index of the binding of prefix it hides, or -1
}

func newEngine(ctx context.Context, cfg *Config, rules []*Rule) *engine {
	e := &engine{ctx: ctx, cfg: cfg, enabled: make(map[string]*Rule), unbound: make(map[string]bool), chanText: itemTextBudget,
		free: make(chan *slabSet, freeSlabSets)}
	pi := new(piIndex) // for hooks run on the scanning goroutine
	for _, r := range rules {
		if !feedRule(r) || !ruleSelected(r, cfg) {
			continue // chapter-file rules belong to Chapters, not to feeds
		}
		e.enabled[r.Code] = r
		out := new([]Diagnostic)
		p := &Pass{Ctx: ctx, Doc: &e.doc, Config: cfg, rule: r, pi: pi, out: out, url: DocsURL(cfg.DocsRef, r.Code)}
		if r.NewState != nil {
			p.State = r.NewState()
		}
		ar := activeRule{rule: r, pass: p, out: out}
		e.all = append(e.all, ar)
		if r.Item != nil {
			e.items = append(e.items, ar)
		}
		if r.Channel != nil {
			e.channels = append(e.channels, ar)
		}
		if r.Finish != nil {
			e.finishers = append(e.finishers, ar)
		}
	}
	return e
}

// ruleSelected reports whether r runs under cfg: network rules only
// online; then Disable wins over Enable, which wins over the profiles.
func ruleSelected(r *Rule, cfg *Config) bool {
	if r.Network && !cfg.Online {
		return false
	}
	if matchesAny(r.Code, cfg.Disable) {
		return false
	}
	if len(cfg.Profiles) == 0 || matchesAny(r.Code, cfg.Enable) {
		return true
	}
	for _, p := range r.Profiles {
		if slices.Contains(cfg.Profiles, p) {
			return true
		}
	}
	return false
}

// matchesAny reports whether code is one of pats (a code, or a prefix
// ending in '*').
func matchesAny(code string, pats []string) bool {
	for _, p := range pats {
		if p == code || (strings.HasSuffix(p, "*") && strings.HasPrefix(code, strings.TrimSuffix(p, "*"))) {
			return true
		}
	}
	return false
}

// CheckCodes returns the entries of pats (codes or prefixes ending in
// '*', as Config.Enable and Config.Disable take them) that name no rule.
func CheckCodes(pats []string) []string {
	var bad []string
	rules := Rules()
	for _, p := range pats {
		ok := retired[p] != ""
		for _, r := range rules {
			if matchesAny(r.Code, []string{p}) {
				ok = true
				break
			}
		}
		if !ok {
			bad = append(bad, p)
		}
	}
	return bad
}

// report adds an engine finding under code if that rule is enabled.
func (e *engine) report(code string, pos Pos, sev Severity, msg string) {
	r := e.enabled[code]
	if r == nil {
		return
	}
	if e.scanKinds == nil {
		e.scanKinds = make(map[string]*kindSet)
	}
	ks := e.scanKinds[code]
	if ks == nil {
		ks = new(kindSet)
		e.scanKinds[code] = ks
	}
	shape := shapeOf(msg)
	if !ks.find(shape, sev).keep(pos, e.cfg) {
		return
	}
	e.scanDiags = append(e.scanDiags, Diagnostic{Code: code, Severity: sev, Message: msg, Hint: r.Hint, Pos: pos,
		URL: DocsURL(e.cfg.DocsRef, code), Profiles: r.Profiles, Shape: shape})
}

func (e *engine) run(r io.Reader) (Result, error) {
	in, sn := decodeInput(r)
	e.sniff = sn
	e.doc.BOM = sn.bom != ""
	sc := newScanner(in, e)
	e.sc = sc
	if e.chunk > 0 {
		sc.chunk = e.chunk
	}
	if len(e.items)+len(e.channels) > 0 && !e.serial {
		w := e.workers
		if w == 0 {
			w = rulesWorkers()
		}
		if w > 0 {
			e.startRules(w)
		} else {
			e.inline = true
		}
	}
	err := sc.scan()
	e.stopRules()
	e.doc.ItemCount = e.scanned
	res := Result{Rules: len(e.all), WellFormed: true}
	var syn *syntaxError
	switch {
	case err == nil:
	case errors.As(err, &syn):
		res.WellFormed = false
		e.report("xml-not-well-formed", syn.Pos, Error, syn.Msg)
	default:
		if cerr := e.ctx.Err(); cerr != nil {
			return Result{}, fmt.Errorf("validating %s: %w", nameOr(e.cfg.Path), cerr)
		}
		return Result{}, fmt.Errorf("reading %s: %w", nameOr(e.cfg.Path), err)
	}
	for i := range e.scanDiags {
		if e.scanDiags[i].Code == "xml-not-well-formed" {
			res.WellFormed = false // a bare &, read on past
			break
		}
	}
	e.encodingNotes(sn)
	if res.WellFormed || e.chanDone {
		for _, ar := range e.finishers {
			e.call(ar, "Finish", func() { ar.rule.Finish(ar.pass) })
		}
	}
	for _, ar := range e.all {
		e.diags = append(e.diags, *ar.out...)
		e.diags = append(e.diags, ar.pass.kinds.overflow(ar.rule.Code, ar.rule, e.cfg, ar.pass.url)...)
		*ar.out = nil
	}
	e.diags = append(e.diags, e.scanDiags...)
	for code, ks := range e.scanKinds {
		e.diags = append(e.diags, ks.overflow(code, e.enabled[code], e.cfg, DocsURL(e.cfg.DocsRef, code))...)
	}
	slicesSortDiagnostics(e.diags)
	res.Diagnostics = e.diags
	res.Document = e.doc
	return res, nil
}

func nameOr(p string) string {
	if p == "" {
		return "input"
	}
	return p
}

// encodingNotes reports what the sniffing found that the XML rules own.
func (e *engine) encodingNotes(sn sniffed) {
	if sn.unknown {
		e.report("xml-encoding-not-utf8", e.doc.DeclPos, Error, fmt.Sprintf("unknown encoding %q in the XML declaration; the bytes were read as UTF-8", sn.declared))
	}
}

// call runs one hook, turning a panic into a finding so one broken rule
// cannot take the run down.
func (e *engine) call(ar activeRule, hook string, f func()) {
	defer func() {
		if v := recover(); v != nil {
			hookPanicked(ar, hook, v)
		}
	}()
	f()
}

// hookPanicked records the internal-error finding of a hook that
// panicked with v. Called from the deferred function, so the stack is the
// panicking one.
func hookPanicked(ar activeRule, hook string, v any) {
	*ar.out = append(*ar.out, Diagnostic{
		Code:     "internal-error",
		Severity: Error,
		Message:  fmt.Sprintf("rule %s panicked in %s: %v\n%s", ar.rule.Code, hook, v, debug.Stack()),
		Hint:     "This is a bug in podfeed; please report it with the feed.",
	})
}

// itemHooks runs the Item hooks of rules[from:] on item under one
// deferred recover instead of one per hook (a hundred hooks run per
// item). After a panic it returns the index of the rule after the one
// that panicked, and the caller carries on from there.
func itemHooks(rules []activeRule, from int, item *Node) (next int) {
	defer func() {
		if v := recover(); v != nil {
			rules[next].pass.inItem = false
			hookPanicked(rules[next], "Item", v)
			next++
		}
	}()
	for next = from; next < len(rules); next++ {
		ar := rules[next]
		ar.pass.inItem = true
		ar.rule.Item(ar.pass, item)
		ar.pass.inItem = false
	}
	return next
}

// declaration implements tokenSink.
func (e *engine) declaration(version, encoding string, pos Pos) {
	e.doc.HasDeclaration = true
	e.doc.XMLVersion = version
	e.doc.DeclaredEncoding = encoding
	e.doc.DeclPos = pos
}

// note implements tokenSink.
func (e *engine) note(code string, pos Pos, sev Severity, format string, args ...any) {
	r := e.enabled[code]
	if r == nil {
		return
	}
	ks := e.scanKinds[code]
	if ks == nil {
		if e.scanKinds == nil {
			e.scanKinds = make(map[string]*kindSet)
		}
		ks = new(kindSet)
		e.scanKinds[code] = ks
	}
	if !ks.find(format, sev).keep(pos, e.cfg) {
		return // counted; the message is never made
	}
	e.scanDiags = append(e.scanDiags, Diagnostic{Code: code, Severity: sev, Message: fmt.Sprintf(format, args...),
		Hint: r.Hint, Pos: pos, URL: DocsURL(e.cfg.DocsRef, code), Profiles: r.Profiles, Shape: format})
}

// knownPrefix returns the namespace an undeclared use of a well-known
// prefix is read as (after the xml-unbound-prefix finding), so the other
// rules still run.
func knownPrefix(prefix string) (string, bool) {
	switch prefix {
	case "itunes":
		return NSItunes, true
	case "content":
		return NSContent, true
	case "atom":
		return NSAtom, true
	case "podcast":
		return NSPodcast, true
	case "psc":
		return NSPSC, true
	case "googleplay":
		return NSGoogle, true
	case "media":
		return NSMedia, true
	case "dc":
		return NSDC, true
	}
	return "", false
}

const (
	nsXML   = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS = "http://www.w3.org/2000/xmlns/"
)

// normalizeNS maps equivalent spellings of a namespace URI to the one
// rules match on: the podcast namespace's GitHub URI becomes NSPodcast.
func normalizeNS(uri string) string {
	// Return the constants themselves: rules compare Space with them, and
	// equal pointers make that comparison immediate.
	switch uri {
	case NSItunes:
		return NSItunes
	case NSContent:
		return NSContent
	case NSAtom:
		return NSAtom
	case NSPodcast:
		return NSPodcast
	case NSPSC:
		return NSPSC
	case NSGoogle:
		return NSGoogle
	case NSMedia:
		return NSMedia
	case NSDC:
		return NSDC
	}
	if strings.HasPrefix(uri, "https://github.com/") || strings.HasPrefix(uri, "http://github.com/") {
		u := strings.ToLower(uri)
		if strings.Contains(u, "/podcastindex-org/podcast-namespace/") && strings.HasSuffix(u, "/docs/1.0.md") {
			return NSPodcast
		}
	}
	return uri
}

// bind declares prefix as uri for the element being started.
func (e *engine) bind(prefix, uri string) {
	if e.latest == nil {
		e.latest = make(map[string]int)
	}
	prev, ok := e.latest[prefix]
	if !ok {
		prev = -1
	}
	e.latest[prefix] = len(e.binds)
	e.binds = append(e.binds, nsBind{prefix: prefix, uri: uri, prev: prev})
	e.nsGen++
}

// unbind drops the bindings of the element being ended.
func (e *engine) unbind(mark int) {
	for i := len(e.binds) - 1; i >= mark; i-- {
		b := e.binds[i]
		if b.prev < 0 {
			delete(e.latest, b.prefix)
		} else {
			e.latest[b.prefix] = b.prev
		}
	}
	e.binds = e.binds[:mark]
	e.nsGen++
}

// lookup resolves a prefix in the current scope.
func (e *engine) lookup(prefix string) (string, bool) {
	c := &e.nsCache[(len(prefix)+int(firstByte(prefix)))&(len(e.nsCache)-1)]
	if c.gen == e.nsGen+1 && c.prefix == prefix {
		return c.uri, c.ok
	}
	uri, ok := e.lookupScope(prefix)
	*c = nsCached{prefix: prefix, uri: uri, gen: e.nsGen + 1, ok: ok}
	return uri, ok
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// lookupScope is lookup without the cache.
func (e *engine) lookupScope(prefix string) (string, bool) {
	if len(e.binds) > 0 {
		if i, ok := e.latest[prefix]; ok {
			return e.binds[i].uri, true
		}
	}
	switch prefix {
	case "":
		return "", true
	case "xml":
		return nsXML, true
	case "xmlns":
		return nsXMLNS, true
	}
	return "", false
}

// resolve returns the namespace of prefix, reporting an unbound one.
func (e *engine) resolve(prefix string, pos Pos) string {
	uri, ok := e.lookup(prefix)
	if ok {
		return uri
	}
	if !e.unbound[prefix] {
		e.unbound[prefix] = true
		e.report("xml-unbound-prefix", pos, Error, fmt.Sprintf("prefix %q is used but not declared (add xmlns:%s=\"…\" to the root element)", prefix, prefix))
	}
	if uri, ok := knownPrefix(prefix); ok {
		return uri
	}
	return prefix
}

// startElement implements tokenSink.
func (e *engine) startElement(t *startTag) error {
	e.marks = append(e.marks, len(e.binds))
	for _, a := range t.Attrs {
		switch {
		case a.Prefix == "xmlns":
			if a.Value != "" {
				e.bind(a.Local, normalizeNS(a.Value))
			}
		case a.Prefix == "" && a.Local == "xmlns":
			e.bind("", normalizeNS(a.Value))
		}
	}
	space := e.resolve(t.Prefix, t.Pos)
	depth := e.depth
	e.depth++

	var parent *Node
	build := false
	isItem := false
	switch {
	case depth == 0:
		build = true
	case depth == 1 && t.Local == "channel" && e.channel == nil:
		build = true
		parent = e.doc.Root
	case depth == 1:
		// other children of the root are not delivered to rules
	default:
		parent = e.nodes[depth-1]
		build = parent != nil
		if build && parent == e.channel && depth == e.chanDepth+1 && space == NSNone && t.Local == "item" {
			isItem = true
		}
	}
	e.pushText()
	if !build {
		for _, a := range t.Attrs {
			if a.Prefix != "" && a.Prefix != "xmlns" {
				e.resolve(a.Prefix, a.Pos)
			}
		}
		e.nodes = append(e.nodes, nil)
		e.kids = append(e.kids, len(e.scratch))
		return nil
	}
	if isItem {
		e.itemStarts()
		e.itemText, e.itemParts, e.itemPos = itemTextBudget, 0, t.Pos
		// the scanner marks values from here on; the item's own
		// attributes, read before, are looked at here
		e.sc.high = false
		for _, a := range t.Attrs {
			if !raASCII(a.Value) {
				e.sc.high = true
			}
		}
	}
	if err := e.countParts(t, e.item != nil || isItem); err != nil {
		return err
	}
	n := e.newNode()
	*n = Node{Space: space, Local: t.Local, Prefix: t.Prefix, Parent: parent, Pos: t.Pos, TextPos: t.Pos}
	if len(t.Attrs) > 0 {
		n.Attrs = e.newAttrs(len(t.Attrs))
		for i, a := range t.Attrs {
			as := ""
			switch {
			case a.Prefix == "xmlns":
				as = nsXMLNS
			case a.Prefix != "":
				as = e.resolve(a.Prefix, a.Pos)
			}
			n.Attrs[i] = Attr{Space: as, Local: a.Local, Prefix: a.Prefix, Value: a.Value, Pos: a.Pos}
		}
	}
	switch {
	case depth == 0:
		e.doc.Root = n
		e.doc.Namespaces = make(map[string]string)
		for _, a := range t.Attrs {
			switch {
			case a.Prefix == "xmlns":
				e.doc.Namespaces[a.Local] = a.Value
			case a.Prefix == "" && a.Local == "xmlns":
				e.doc.Namespaces[""] = a.Value
			}
		}
	case parent == e.doc.Root && e.channel == nil:
		e.channel = n
		e.chanDepth = depth
	case isItem:
		e.item = n
		n.gen = uint64(e.scanned) + 1
	case parent == e.channel:
		// The channel's children are visible to Item hooks (through
		// Parent) as they arrive.
		parent.Children = append(parent.Children, n)
	default:
		if e.kids[len(e.kids)-1] == len(e.scratch) {
			e.dropBlankText(parent, &e.texts[len(e.texts)-2])
		}
		e.scratch = append(e.scratch, n)
	}
	e.nodes = append(e.nodes, n)
	e.kids = append(e.kids, len(e.scratch))
	return nil
}

// endElement implements tokenSink.
func (e *engine) endElement() error {
	e.depth--
	n := e.nodes[len(e.nodes)-1]
	e.nodes = e.nodes[:len(e.nodes)-1]
	e.finishText(n, &e.texts[len(e.texts)-1])
	e.texts = e.texts[:len(e.texts)-1]
	from := e.kids[len(e.kids)-1]
	e.kids = e.kids[:len(e.kids)-1]
	if n != nil && from < len(e.scratch) {
		n.Children = e.childSlice(e.scratch[from:])
		clear(e.scratch[from:])
		e.scratch = e.scratch[:from]
	}
	if m := e.marks[len(e.marks)-1]; m < len(e.binds) {
		e.unbind(m)
	}
	e.marks = e.marks[:len(e.marks)-1]
	switch {
	case n == nil:
	case n == e.item:
		n.ascii = !e.sc.high && !e.noASCII
		e.item = nil
		slabs := e.itemSlabs
		e.itemSlabs = nil
		e.scanned++
		e.batchSize += itemTextBudget - e.itemText
		// The item sees the channel as it was when the item ended: a
		// copy whose Children the scanner will not touch again (it only
		// appends beyond them), so rules may run on another goroutine.
		// Items in a row share one copy while the channel is unchanged.
		if e.snap == nil || !sameSnapshot(e.snap, e.channel) {
			snap := *e.channel
			snap.Children = snap.Children[:len(snap.Children):len(snap.Children)]
			e.snap = &snap
		}
		n.Parent = e.snap
		if e.scanned%64 == 0 {
			if err := e.ctx.Err(); err != nil {
				return err
			}
		}
		e.dispatch(work{item: n, slabs: slabs})
	case n == e.channel:
		e.chanDone = true
		e.dispatch(work{channel: n})
	}
	return nil
}

// sameSnapshot reports whether snap, a copy of ch, still shows ch as it
// is: the scanner only appends children and text to the channel.
func sameSnapshot(snap, ch *Node) bool {
	return len(snap.Children) == len(ch.Children) && snap.Text == ch.Text && snap.TextPos == ch.TextPos &&
		snap.CDATA == ch.CDATA && len(snap.Attrs) == len(ch.Attrs)
}

// work is a unit for the rules: one item, or the finished channel.
type work struct {
	item, channel *Node
	slabs         *slabSet // the item's memory, recycled after its hooks
}

// dispatchBatch is how many items go to the workers at a time: one
// channel operation (and at most one wake-up) per batch instead of per
// item, and each rule's code fetched once per batch (runBatch).
const dispatchBatch = 8

// queueDepth is how many batches wait for each rules worker.
const queueDepth = 2

// batchText is the most text (in bytes) a batch holds before it goes.
const batchText = 1 << 20

// dispatch hands w to the rules goroutines, or runs the hooks here when
// the run is not pipelined.
func (e *engine) dispatch(w work) {
	if len(e.queues) > 0 || e.inline {
		e.batch = append(e.batch, w)
		// a batch of long items goes early, so the text in flight
		// stays within a few megabytes
		if len(e.batch) == dispatchBatch || w.channel != nil || e.batchSize >= batchText {
			e.flush()
		}
		return
	}
	e.runHooks(w, e.items, e.channels)
	e.recycle([]work{w})
}

// flush sends the pending batch to every worker; they share it read-only.
// When the run has no workers, it runs the batch's hooks here.
func (e *engine) flush() {
	if len(e.batch) == 0 {
		return
	}
	if e.inline {
		e.pis = e.runBatch(e.batch, e.items, e.channels, e.pis)
		e.recycle(e.batch)
		clear(e.batch)
		e.batch, e.batchSize = e.batch[:0], 0
		return
	}
	b := &batch{ws: e.batch}
	b.left.Store(int32(len(e.queues)))
	for _, q := range e.queues {
		q <- b
	}
	e.batch = make([]work, 0, dispatchBatch)
	e.batchSize = 0
}

// runBatch calls the hooks for a batch: for a run of items, each rule's
// Item hook on every item of the run in turn (rule by rule, not item by
// item, so that a rule's code is fetched once per batch rather than once
// per item: the hundred-odd hooks of an item do not fit the processor's
// instruction cache together), then the Channel hooks for the channel.
// Each rule sees the items in document order, and its findings go to its
// own slice, so the findings are those of runHooks item by item. Each
// item of the run has its own piIndex from pis (grown as needed and
// returned), so the index a rule builds for an item serves the others.
func (e *engine) runBatch(ws []work, items, channels []activeRule, pis []piIndex) []piIndex {
	if len(pis) < len(ws) {
		pis = make([]piIndex, len(ws))
	}
	for i := 0; i < len(ws); {
		if ws[i].item == nil {
			for _, ar := range channels {
				ar.pass.pi = &pis[i]
				e.call(ar, "Channel", func() { ar.rule.Channel(ar.pass, ws[i].channel) })
			}
			i++
			continue
		}
		j := i + 1
		for j < len(ws) && ws[j].item != nil {
			j++
		}
		for _, ar := range items {
			for k := i; k < j; {
				k = ruleItems(ar, ws[:j], pis, k)
			}
		}
		i = j
	}
	return pis
}

// ruleItems runs one rule's Item hook on the items of ws[from:] under one
// deferred recover. After a panic it returns the index of the item after
// the one the hook panicked on, and the caller carries on from there.
func ruleItems(ar activeRule, ws []work, pis []piIndex, from int) (next int) {
	defer func() {
		if v := recover(); v != nil {
			ar.pass.inItem = false
			hookPanicked(ar, "Item", v)
			next++
		}
	}()
	for next = from; next < len(ws); next++ {
		ar.pass.pi = &pis[next]
		ar.pass.inItem = true
		ar.rule.Item(ar.pass, ws[next].item)
		ar.pass.inItem = false
	}
	return next
}

// runHooks calls the Item or Channel hooks for w, in rule order.
func (e *engine) runHooks(w work, items, channels []activeRule) {
	if w.item != nil {
		for i := 0; i < len(items); {
			i = itemHooks(items, i, w.item)
		}
		return
	}
	for _, ar := range channels {
		e.call(ar, "Channel", func() { ar.rule.Channel(ar.pass, w.channel) })
	}
}

// rulesWorkers is how many goroutines run the hooks beside the scanner:
// none on one processor (the hooks then run on the scanning goroutine, a
// batch at a time: handing items over would only add switches), else one fewer than the
// processors, at most three. Measured on two cores (BenchmarkValidateFilesSerial):
// one worker costs 8-10 % less CPU than two and is as fast or faster,
// since each worker reads every item's nodes and the scanner needs a
// core of its own; no workers at all costs 10-20 % less CPU again.
func rulesWorkers() int {
	return min(runtime.GOMAXPROCS(0)-1, 3)
}

// startRules runs the hooks on their own goroutines, so scanning the next
// items and checking the last ones use every core. The queues are short,
// which keeps memory flat. Each rule runs on one worker only, with its own
// state and its own findings slice; the nodes are shared read-only. The
// scanner reports into e.scanDiags and only writes the Document before
// the first item (ItemCount is set after the workers stop, for Finish).
func (e *engine) startRules(workers int) {
	e.rulesDone = make(chan struct{}, workers)
	for k := range workers {
		// Rules k, k+workers, … (of those with hooks) run on worker k:
		// all hooks of a rule on the same goroutine, items in order.
		var items, channels []activeRule
		n := 0
		for _, ar := range e.all {
			if ar.rule.Item == nil && ar.rule.Channel == nil {
				continue
			}
			if n%workers == k {
				if ar.rule.Item != nil {
					items = append(items, ar)
				}
				if ar.rule.Channel != nil {
					channels = append(channels, ar)
				}
			}
			n++
		}
		q := make(chan *batch, queueDepth)
		e.queues = append(e.queues, q)
		go func() {
			defer func() { e.rulesDone <- struct{}{} }()
			var pis []piIndex
			for b := range q {
				pis = e.runBatch(b.ws, items, channels, pis)
				if b.left.Add(-1) == 0 {
					e.recycle(b.ws)
				}
			}
		}()
	}
}

// stopRules waits for the rules goroutine to finish the queue.
func (e *engine) stopRules() {
	e.flush()
	for _, q := range e.queues {
		close(q)
	}
	for range e.queues {
		<-e.rulesDone
	}
	e.queues = nil
}

// keepsBlank implements tokenSink, and decides for charData too: white
// space is kept only in an element that has no child elements yet, other
// than the channel and the root (indentation there is layout, not text).
// The scanner asks first, so it need not decode what is dropped.
func (e *engine) keepsBlank() bool {
	if len(e.nodes) == 0 {
		return false
	}
	n := e.nodes[len(e.nodes)-1]
	return n != nil && e.kids[len(e.kids)-1] == len(e.scratch) && n != e.channel && n != e.doc.Root
}

// reportedByEngine reports the codes the engine emits while it scans
// (their Rule values carry no hooks).
func reportedByEngine(code string) bool {
	switch code {
	case "xml-not-well-formed", "xml-undefined-entity", "xml-invalid-char",
		"xml-encoding-invalid-bytes", "xml-leading-junk", "xml-trailing-junk",
		"xml-doctype-entities", "xml-unbound-prefix", "xml-encoding-not-utf8",
		"chapters-json-invalid", "chapters-order", "chapters-end-before-start":
		return true
	}
	return false
}

// slicesSortDiagnostics sorts findings by line, column and code.
func slicesSortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col - b.Pos.Col
		}
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
		}
		// ties: findings in the order reported, then the ones that stand
		// for repeats (the engine's come out of a map) by shape
		switch {
		case a.More == nil && b.More == nil:
			return 0
		case a.More == nil:
			return -1
		case b.More == nil:
			return 1
		}
		if a.Severity != b.Severity {
			return int(b.Severity - a.Severity)
		}
		return strings.Compare(a.Shape, b.Shape)
	})
}
