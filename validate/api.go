package validate

import (
	"context"
	"net/http"
	"time"
)

// This file is the contract between the validation engine (engine.go and the
// tokenizer) and the rules (one file per rule). Rule authors read only this.

// Pos is a 1-based line and column. The column counts characters
// (Unicode code points) from the start of the line in the document as
// written, whatever its encoding: a tab or an "é" is one column, and so is
// each byte of an invalid UTF-8 sequence.
type Pos struct {
	Line, Col int
}

// Severity says how bad a finding is.
type Severity int

// Severities, from least to most severe.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// Profile names a set of rules a user can ask for with --profile.
type Profile string

// Profiles.
const (
	ProfileRSS          Profile = "rss"
	ProfileApple        Profile = "apple"
	ProfileSpotify      Profile = "spotify"
	ProfilePodcastIndex Profile = "podcastindex"
)

// Namespace URIs the rules match on. Nodes carry the URI their prefix is
// bound to, never the prefix, so `<itunes:image>` and `<i:image>` look alike.
const (
	NSNone    = ""
	NSItunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	NSContent = "http://purl.org/rss/1.0/modules/content/"
	NSAtom    = "http://www.w3.org/2005/Atom"
	NSPodcast = "https://podcastindex.org/namespace/1.0"
	NSPSC     = "http://podlove.org/simple-chapters"
	NSGoogle  = "http://www.google.com/schemas/play-podcasts/1.0"
	NSMedia   = "http://search.yahoo.com/mrss/"
	NSDC      = "http://purl.org/dc/elements/1.1/"
)

// Attr is one attribute with its position and raw (entity-decoded) value.
type Attr struct {
	Space, Local string // namespace URI ("" when unprefixed) and local name
	Prefix       string // as written, for messages
	Value        string
	Pos          Pos // position of the attribute name
}

// Node is one element of the feed. The engine builds the channel's nodes
// (without its items) and one item at a time; a rule never sees the whole
// document at once, so memory stays flat however many items there are.
//
// An item's nodes are reused for a later item once every hook has seen
// it: a rule must not keep an item's *Node, Attrs or Children past the
// hook call (keep the strings and positions it needs). So is the memory
// of an item's long texts (a Text of 256 bytes or more: show notes,
// descriptions): a rule that keeps such a text, or part of it, past the
// hook keeps a copy (strings.Clone). Other strings (names, attribute
// values, shorter texts) are never reused. The channel's nodes and texts
// live for the whole run.
type Node struct {
	Space, Local string // namespace URI (after prefix resolution) and local name
	Prefix       string // the prefix as written ("itunes" in <itunes:image>), for messages
	Attrs        []Attr
	Text         string // character data directly inside, entity-decoded, CDATA included, untrimmed (at most MaxText bytes)
	TextLen      int    // length of the whole text in bytes; above len(Text) when only its first MaxText bytes were kept
	CDATA        bool   // some of Text came from a CDATA section
	Children     []*Node
	Parent       *Node
	Pos          Pos // position of '<' of the start tag
	TextPos      Pos // position of the first character of Text (Pos when empty)

	gen uint64 // an item's number in the feed (from 1); 0 for other elements
	// ascii is set on an item none of whose texts and attribute values
	// (entity-decoded, CDATA included, as the rules see them) holds a
	// byte from 0x80; rules that look only for non-ASCII characters
	// skip such an item
	ascii bool
}

// Name returns the element's name as written, prefix included.
func (n *Node) Name() string {
	if n.Prefix == "" {
		return n.Local
	}
	return n.Prefix + ":" + n.Local
}

// Attr returns the unprefixed attribute called local, or nil.
func (n *Node) Attr(local string) *Attr {
	for i := range n.Attrs {
		if n.Attrs[i].Space == "" && n.Attrs[i].Local == local {
			return &n.Attrs[i]
		}
	}
	return nil
}

// Child returns the first child in namespace space with local name local, or nil.
func (n *Node) Child(space, local string) *Node {
	for _, c := range n.Children {
		if c.Local == local && c.Space == space {
			return c
		}
	}
	return nil
}

// ChildrenNamed returns every child in namespace space with local name local.
func (n *Node) ChildrenNamed(space, local string) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Space == space && c.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// Document describes the document as a whole: what the prolog said and what
// the engine sniffed. It is available to every hook through Pass.Doc.
type Document struct {
	Path             string // file name or URL, for messages
	DeclaredEncoding string // from <?xml … encoding="…"?>, "" when absent
	HTTPCharset      string // charset from the Content-Type header, when fetched
	HasDeclaration   bool
	XMLVersion       string
	DeclPos          Pos
	BOM              bool
	Root             *Node             // the root element, without children
	Namespaces       map[string]string // prefix -> URI declared on the root element
	FetchedURL       string            // final URL when fetched over HTTP, for self-link checks
	ItemCount        int               // known only in Finish hooks
}

// Rule is one check of the catalogue, declared as a value in its own file.
// Its Code is stable forever and never reused.
type Rule struct {
	Code     string    // kebab-case, from ../shared/spec/validator-rules.md
	Title    string    // the generic statement, e.g. "Channel needs itunes:image"
	Severity Severity  // default severity
	Profiles []Profile // the profiles the rule belongs to
	Source   string    // the catalogue's Source keys, e.g. "RSS, APG"
	Since    string    // release that introduced it, e.g. "v0.1.0"
	Doc      string    // Markdown: the problem and its rationale
	Hint     string    // how to fix it, one or two sentences
	Bad      string    // an XML snippet that triggers the rule, for docs
	Good     string    // the fixed snippet, for docs
	Refs     []string  // URLs of the sources
	Network  bool      // needs --online

	// NewState, when set, makes a fresh per-run value handed to the hooks
	// through Pass.State (cross-item rules keep their sets here).
	NewState func() any

	// Hooks; any may be nil. Channel is called once, after the last item,
	// with the channel element and its non-item children. Item is called for
	// every item with the whole item subtree. Finish is called last.
	Channel func(p *Pass, ch *Node)
	Item    func(p *Pass, it *Node)
	Finish  func(p *Pass)
}

// Diagnostic is one finding.
type Diagnostic struct {
	Code     string
	Severity Severity
	Message  string // specific; quotes the offending value with %q
	Hint     string
	Pos      Pos
	URL      string // the rule's docs page

	// Profiles are the profiles the finding matters to (its rule's): a
	// defect is reported once, under one code, whichever profiles run.
	Profiles []Profile
	// Shape is the message's pattern: findings with the same Code,
	// Severity and Shape are repeats of one kind, which reports collapse.
	// For rule findings it is the format string given to Reportf.
	Shape string
	// Item is true for a finding reported about an item.
	Item bool
	// More is set on the one finding that stands for the repeats of a kind
	// past Config.MaxDetails (the engine keeps that many findings of a
	// kind with their messages, then only positions and an exact count).
	// Its Pos is the first of them and its Message says how many there
	// are; the Hint, URL and Profiles are those of the kind.
	More *Repeats
}

// Repeats are the occurrences of one kind of finding past the detailed
// ones: how many there are, and where.
type Repeats struct {
	Count int // occurrences, exact however many there are
	// Positions are the first min(Count, Config.MaxPositions) of them, in
	// the order they were found.
	Positions []Pos
	Last      Pos // position of the last occurrence
}

// Occurrences is how many findings d stands for: 1, or More.Count.
func (d Diagnostic) Occurrences() int {
	if d.More != nil {
		return d.More.Count
	}
	return 1
}

// Pass is what a rule's hooks receive: the document, the rule's own state
// and the means to report.
type Pass struct {
	Ctx    context.Context // for network rules; the run's context
	Doc    *Document
	Config *Config
	State  any // the value made by the rule's NewState, or nil

	rule   *Rule
	out    *[]Diagnostic // where the findings go (one slice per rule)
	kinds  kindSet       // repeats per kind, for the caps
	url    string        // the rule's docs page
	inItem bool          // an Item hook is running
	pi     *piIndex      // shared by the rules of one hooks goroutine; nil: walk
}

// Reportf reports a finding at pos with the rule's default severity.
// The message should quote offending values with %q; the format string
// is the finding's Shape, so keep it constant (findings of one format
// collapse into one line of the text report).
func (p *Pass) Reportf(pos Pos, format string, args ...any) {
	p.ReportSeverityf(p.rule.Severity, pos, format, args...)
}

// ReportSeverityf reports a finding with a severity other than the rule's
// default (e.g. a warning where the catalogue says "W when …").
func (p *Pass) ReportSeverityf(sev Severity, pos Pos, format string, args ...any) {
	p.reportFor(p.rule.Profiles, sev, pos, format, args...)
}

// reportFor reports a finding that matters to only some of its rule's
// profiles (a rule of several profiles checks some facts for one of
// them alone, guarded by raProfileOn): profiles is a subset of the
// rule's.
func (p *Pass) reportFor(profiles []Profile, sev Severity, pos Pos, format string, args ...any) {
	k := p.kinds.find(format, sev)
	k.item = k.item || p.inItem
	// Only item findings collapse: the channel's and Finish's come after
	// every item's but may sort before them, and are few.
	if p.inItem && !k.keep(pos, p.Config) {
		return // past the cap: counted, message never formatted
	}
	*p.out = append(*p.out, Diagnostic{
		Code:     p.rule.Code,
		Severity: sev,
		Message:  sprintf(format, args...),
		Hint:     p.rule.Hint,
		Pos:      pos,
		URL:      p.url,
		Profiles: profiles,
		Shape:    format,
		Item:     p.inItem,
	})
}

// Config chooses what a run checks.
type Config struct {
	Profiles []Profile // empty means every profile
	Path     string    // file name or URL for messages and self-link checks

	// Online turns on the network rules (Rule.Network). They contact hosts
	// only through Client and never private, loopback or link-local
	// addresses unless AllowPrivate is set.
	Online       bool
	Client       *http.Client
	AllowPrivate bool
	Concurrency  int           // parallel requests; 0 means 8
	Timeout      time.Duration // per request; 0 means 10 s
	MaxEpisodes  int           // newest N episodes checked online; 0 means 10
	FeedSizeWarn int64         // net-feed-size: bytes; 0 means DefaultFeedSizeWarn, negative turns it off
	Progress     func(done, total int)

	// Enable adds rules to those the profiles select, Disable removes
	// rules; each entry is a code or a family prefix ending in '*'
	// ("apple-*"). CheckCodes tells whether an entry names any rule.
	Enable, Disable []string

	// MaxDetails is how many findings of one kind (code, severity and
	// message shape) keep their message; 0 means DefaultMaxDetails and a
	// negative value keeps every one. Past it the engine keeps at most
	// MaxPositions positions (0 means DefaultMaxPositions, negative
	// none) and an exact count, in one finding whose More is set, so
	// memory stays bounded however many items repeat a defect.
	MaxDetails, MaxPositions int

	// DocsRef is the git ref (a release tag, or the commit a build was
	// made from) that findings' documentation links point at, so that a
	// link shows the rule as this build knows it. "" gives findings no
	// link: 'podfeed explain CODE' documents the rule instead.
	DocsRef string
}

// Defaults for Config.MaxDetails and Config.MaxPositions.
const (
	DefaultMaxDetails   = 10_000
	DefaultMaxPositions = 100_000
)
