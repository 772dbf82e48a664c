package show

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/podfeed/podfeed/internal/flatyaml"
)

// Pos is a 1-based line and column in a definition file.
type Pos struct {
	Line, Col int
}

// where maps a key path ("owner.email", "persons[1].name") to the position
// of its value in File.
type where struct {
	File string
	Keys *keyPlaces
	body bodyRef // where File's Markdown body is, when Load left it there
}

func (w where) at(key string) (string, int, int) {
	if p, ok := w.Keys.get(key); ok {
		return w.File, p.Line, p.Col
	}
	// Fall back to the nearest enclosing key, then the file.
	for k := key; k != ""; {
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
		if p, ok := w.Keys.get(k); ok {
			return w.File, p.Line, p.Col
		}
	}
	if p, ok := w.Keys.get(""); ok {
		return w.File, p.Line, p.Col
	}
	return w.File, 0, 0
}

// keyPlaces maps key paths to positions. An episode has a few dozen: a
// list, searched, costs less to make and to keep than a map (one for each
// of thousands of episodes). Past smallPlaces entries, a map indexes the
// list too (podcast.yaml with many episodes inline).
type keyPlaces struct {
	list  []keyPlace
	index map[string]int // key -> its last entry in list; nil while the list is small

	// An episode file's positions are dropped once Load is done with
	// them (forget) and found again, on first use, by decoding the
	// definition anew from src: few are ever asked for (an error, a
	// finding of the gate), and 100,000 episodes held 80 MB of them.
	once sync.Once
	src  string // the definition's text; "" when the positions are kept
	// lineOffset and top are the decoder's line offset and the line of
	// the definition's first key.
	lineOffset, top int
}

type keyPlace struct {
	key string
	pos Pos
}

// smallPlaces is the length up to which a keyPlaces is only searched.
const smallPlaces = 32

// newKeyPlaces returns an empty keyPlaces with room for n entries.
func newKeyPlaces(n int) *keyPlaces {
	return &keyPlaces{list: make([]keyPlace, 0, n)}
}

// forget drops the positions, to be found again from src (the text they
// were decoded from, with the decoder's lineOffset; top is the line of
// the definition's first key) when one is asked for.
func (k *keyPlaces) forget(src string, lineOffset, top int) {
	k.list, k.index = nil, nil
	k.src, k.lineOffset, k.top = src, lineOffset, top
}

// recall finds the positions forget dropped again, by decoding src as
// Load did, once; safe for concurrent use.
func (k *keyPlaces) recall() {
	if k.src == "" {
		return
	}
	k.once.Do(func() {
		errs := &errorList{} // Load reported them
		root, release, ok := parseYAML("", k.src, k.lineOffset, errs)
		if !ok {
			return
		}
		d := &decoder{errs: errs, lineOffset: k.lineOffset, pos: newKeyPlaces(1 + keyPaths(root))}
		d.pos.set("", Pos{Line: k.top, Col: 1})
		d.decode(root, reflectValue(&Episode{}), "")
		release()
		k.list, k.index = d.pos.list, d.pos.index
	})
}

// get returns the position set last for key. A nil keyPlaces is empty.
func (k *keyPlaces) get(key string) (Pos, bool) {
	if k == nil {
		return Pos{}, false
	}
	k.recall()
	if k.index != nil {
		i, ok := k.index[key]
		if !ok {
			return Pos{}, false
		}
		return k.list[i].pos, true
	}
	for i := len(k.list) - 1; i >= 0; i-- {
		if k.list[i].key == key {
			return k.list[i].pos, true
		}
	}
	return Pos{}, false
}

// has reports whether key has a position.
func (k *keyPlaces) has(key string) bool {
	_, ok := k.get(key)
	return ok
}

// set gives key the position p (replacing any it had).
func (k *keyPlaces) set(key string, p Pos) {
	k.list = append(k.list, keyPlace{key, p})
	switch {
	case k.index != nil:
		k.index[key] = len(k.list) - 1
	case len(k.list) > smallPlaces:
		k.index = make(map[string]int, 2*len(k.list))
		for i, e := range k.list {
			k.index[e.key] = i
		}
	}
}

// each calls f for every key with its position, in the order they were
// set (a key set twice: each time).
func (k *keyPlaces) each(f func(key string, p Pos)) {
	k.recall()
	for _, e := range k.list {
		f(e.key, e.pos)
	}
}

// Definition is a loaded show: the channel and every episode, with where
// each value came from.
type Definition struct {
	Dir      string // the show folder, as given to Load
	Show     Show
	ShowFile string
	Episodes []*Episode

	fsys      fs.FS  // where Dir lives; for files the definitions point at
	loadErrs  Errors // problems Load found; Build reports them with its own
	loadWarns Errors // what Load found odd but not wrong; Build reports them as warnings
	showWhere where
	epWhere   map[*Episode]where

	// showBroken: the show file could not be parsed (syntax, encoding).
	// Build then reports Load's errors only: anything else it could say
	// about the show would follow from that one.
	showBroken bool
}

// ErrNoShow is Load's error for a folder without a show definition.
var ErrNoShow = errors.New("no podcast.yaml (or podcast.yml, podcast.json): is this a show folder?")

// showFiles are the names tried for the channel definition, in order.
var showFiles = []string{"podcast.yaml", "podcast.yml", "podcast.json"}

// Load reads the show in dir of fsys: podcast.yaml (or .yml, .json) and
// episodes/*.md (or .yaml, .yml, .json). It reports every problem it finds,
// as Errors, not only the first. When the files could be read but hold
// errors, it returns both the definition and the Errors: Build on that
// definition reports them again together with the ones it finds.
func Load(fsys fs.FS, dir string) (*Definition, error) {
	errs := &errorList{}
	def := &Definition{Dir: dir, fsys: fsys, epWhere: map[*Episode]where{}}

	var found []string
	for _, name := range showFiles {
		// Lstat: a link out of the show folder is found, then refused.
		if _, err := fs.Lstat(fsys, path.Join(dir, name)); err == nil {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%s: %w", displayDir(dir), ErrNoShow)
	case 1:
	default:
		return nil, fmt.Errorf("%s: both %s and %s define the show; keep one", displayDir(dir), found[0], found[1])
	}
	def.ShowFile = path.Join(dir, found[0])
	text, err := readText(fsys, def.ShowFile, "the file", MaxShowFile)
	var fp *fileProblem
	if errors.As(err, &fp) {
		return nil, Errors{{File: def.ShowFile, Msg: fp.msg}}
	}
	if err != nil {
		return nil, fmt.Errorf("read show: %w", err)
	}
	types := &sync.Map{}
	warns := &errorList{}
	d := &decoder{file: def.ShowFile, errs: errs, warns: warns, pos: newKeyPlaces(1), types: types}
	if p, bad := checkEncoding(text); bad {
		errs.addf(def.ShowFile, p.line, p.col, "%s", p.msg)
		def.showBroken = true
	} else if root, release, ok := parseYAML(def.ShowFile, text, 0, errs); ok {
		d.pos = newKeyPlaces(1 + keyPaths(root))
		d.pos.set("", Pos{Line: 1, Col: 1})
		d.decode(root, reflectValue(&def.Show), "")
		release()
	} else {
		def.showBroken = true
	}
	def.showWhere = where{File: def.ShowFile, Keys: d.pos}
	capNotes(errs, def.ShowFile, d.pos, "description", &def.Show.Description)
	inline := inlinePlaces(d.pos, len(def.Show.Episodes))
	for i := range def.Show.Episodes {
		ep := &def.Show.Episodes[i]
		prefix := fmt.Sprintf("episodes[%d]", i)
		capNotes(errs, def.ShowFile, d.pos, prefix+".notes", &ep.Notes)
		capNotes(errs, def.ShowFile, d.pos, prefix+".summary", &ep.Summary)
		w := where{File: def.ShowFile, Keys: inline[i]}
		ep.File = def.ShowFile
		top, _ := w.Keys.get("")
		ep.Line = top.Line
		def.epWhere[ep] = w
		def.Episodes = append(def.Episodes, ep)
	}

	jobs, err := loadEpisodeFiles(fsys, dir, types)
	if err != nil {
		return nil, err
	}
	if len(jobs) > 0 {
		// Sized once for every episode, not grown ten times over.
		m := make(map[*Episode]where, len(def.epWhere)+len(jobs))
		maps.Copy(m, def.epWhere)
		def.epWhere = m
	}
	for _, j := range jobs {
		if j.readErr != nil {
			return nil, fmt.Errorf("read episode: %w", j.readErr)
		}
		errs.errs = append(errs.errs, j.errs.errs...)
		warns.errs = append(warns.errs, j.warns.errs...)
		if j.ep == nil {
			continue
		}
		if j.ep.Slug == "" {
			j.ep.Slug = strings.TrimSuffix(j.name, path.Ext(j.name))
		}
		def.epWhere[j.ep] = j.w
		def.Episodes = append(def.Episodes, j.ep)
	}
	sort.SliceStable(def.Episodes, func(i, j int) bool {
		return def.Episodes[i].File < def.Episodes[j].File
	})
	def.loadWarns = warns.errs
	if err := errs.err(); err != nil {
		// Return what was read too: Build then reports the problems it
		// finds on top of these, so the user sees every error in one run.
		def.loadErrs = errs.errs
		return def, err
	}
	return def, nil
}

// inlinePlaces splits the key positions of podcast.yaml's n inline
// episodes out of pos, in one pass: "episodes[3].title" is episode 3's
// "title", "episodes[3]" its "". (Going over all of pos for each episode
// took minutes for a few thousand inline episodes.)
func inlinePlaces(pos *keyPlaces, n int) []*keyPlaces {
	out := make([]*keyPlaces, n)
	for i := range out {
		out[i] = newKeyPlaces(0)
	}
	pos.each(func(k string, p Pos) {
		rest, ok := strings.CutPrefix(k, "episodes[")
		if !ok {
			return
		}
		end := strings.IndexByte(rest, ']')
		if end <= 0 {
			return
		}
		i, err := strconv.Atoi(rest[:end])
		if err != nil || i < 0 || i >= n || strconv.Itoa(i) != rest[:end] {
			return
		}
		switch sub := rest[end+1:]; {
		case sub == "":
			out[i].set("", p)
		case sub[0] == '.':
			out[i].set(sub[1:], p)
		}
	})
	return out
}

// loadEpisodeFiles lists the episode files of the show in dir (in
// episodes/) and loads them, spreading them over the cores.
func loadEpisodeFiles(fsys fs.FS, dir string, types *sync.Map) (jobs []*episodeJob, err error) {
	epDir := path.Join(dir, "episodes")
	add := func(name string, regular bool) {
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return
		}
		switch path.Ext(name) {
		case ".md", ".markdown", ".yaml", ".yml", ".json":
			jobs = append(jobs, &episodeJob{name: name, file: path.Join(epDir, name), regular: regular})
		}
	}
	withDirReader(fsys, epDir, func(dr *dirReader) {
		if dr != nil {
			// Listed by name: dr's open says what each is.
			for _, name := range dr.names {
				add(name, true)
			}
		} else {
			entries, lerr := fs.ReadDir(fsys, epDir)
			if p := linkProblem(fsys, epDir, lerr); p != nil {
				err = Errors{{File: epDir, Msg: p.msg}}
				return
			}
			if lerr != nil && !errors.Is(lerr, fs.ErrNotExist) {
				err = fmt.Errorf("read episodes: %w", lerr)
				return
			}
			for _, e := range entries {
				if !e.IsDir() {
					add(e.Name(), e.Type().IsRegular())
				}
			}
		}
		// Reading and parsing are independent per file.
		parallel(len(jobs), func(i int) {
			jobs[i].load(fsys, dr, types)
		})
	})
	return jobs, err
}

// episodeJob is the loading of one episode file, on one of Load's
// goroutines.
type episodeJob struct {
	name, file string
	ep         *Episode
	w          where
	errs       errorList
	warns      errorList
	readErr    error
	regular    bool // listed as a regular file
}

// load reads and parses the file: through dr, the reader of the episodes
// folder, when there is one; else, or when dr left it, through fsys.
// regular says that the listing gave it as a regular file.
func (j *episodeJob) load(fsys fs.FS, dr *dirReader, types *sync.Map) {
	var text string
	var err error
	found, listed := readLeft, j.regular
	if dr != nil {
		text, found, err = dr.read(j.name, "the episode file", MaxEpisodeFile)
		// Left: not a regular file, or one dr could not open; look
		// before opening it.
		listed = false
	}
	switch found {
	case readGone, readFolder:
		return // not an episode file, as a listing would have said
	case readLeft:
		text, err = readFile(fsys, j.file, "the episode file", MaxEpisodeFile, listed)
	}
	var fp *fileProblem
	if errors.As(err, &fp) {
		j.errs.addf(j.file, 0, 0, "%s", fp.msg)
		return
	}
	if err != nil {
		j.readErr = err
		return
	}
	j.ep, j.w = loadEpisode(j.file, text, &j.errs, &j.warns, types)
}

// loadEpisode reads one episode file: Markdown with front matter, or a
// YAML or JSON document.
func loadEpisode(file string, text string, errs, warns *errorList, types *sync.Map) (*Episode, where) {
	if p, bad := checkEncoding(text); bad {
		errs.addf(file, p.line, p.col, "%s", p.msg)
		return nil, where{}
	}
	ep := &Episode{File: file}
	var ref bodyRef
	var src string // what the values and positions are decoded from
	d := &decoder{file: file, errs: errs, warns: warns, types: types}
	whole := text
	text = strings.TrimPrefix(text, "\uFEFF")
	switch path.Ext(file) {
	case ".md", ".markdown":
		fm, body, fmLine, bodyLine, ok := splitFrontMatter(text)
		if !ok {
			errs.addf(file, 1, 1, "expected front matter: the file must start with a line \"---\", the episode's keys, then a line \"---\"")
			return nil, where{}
		}
		d.lineOffset = fmLine - 1
		// The values are parsed from a copy of the front matter, so that
		// they do not keep the whole file in memory once the notes (a
		// slice of it) are released (Definition.ReleaseNotes).
		src = strings.Clone(fm)
		root, release, ok := parseYAML(file, src, d.lineOffset, errs)
		if !ok {
			return nil, where{}
		}
		d.pos = newKeyPlaces(1 + keyPaths(root))
		d.pos.set("", Pos{Line: fmLine, Col: 1})
		d.decode(root, reflectValue(ep), "")
		release()
		if strings.TrimSpace(ep.Notes) != "" && strings.TrimSpace(body) != "" {
			p, _ := d.pos.get("notes")
			errs.addf(file, p.Line, p.Col, "notes given twice: as the notes key and as the Markdown body; keep one")
		}
		if strings.TrimSpace(body) != "" {
			// The body takes the place of a notes key. It stays in the
			// file, for Build to read again (body.go); capped here, as
			// notes given as a key are below.
			ep.Notes = ""
			ep.BodyLine = bodyLine
			notes := body
			capNotes(errs, file, d.pos, "notes", &notes)
			if notes != "" {
				ref = newBodyRef(whole, len(whole)-len(body))
			}
		}
	default:
		src = text
		root, release, ok := parseYAML(file, src, 0, errs)
		if !ok {
			return nil, where{}
		}
		d.pos = newKeyPlaces(1 + keyPaths(root))
		d.pos.set("", Pos{Line: 1, Col: 1})
		d.decode(root, reflectValue(ep), "")
		release()
		if p, ok := d.pos.get("notes"); ok {
			ep.BodyLine = p.Line
		}
	}
	capNotes(errs, file, d.pos, "notes", &ep.Notes)
	capNotes(errs, file, d.pos, "summary", &ep.Summary)
	ep.File = file
	top, _ := d.pos.get("")
	ep.Line = top.Line
	d.pos.forget(src, d.lineOffset, top.Line)
	return ep, where{File: file, Keys: d.pos, body: ref}
}

// keyPaths counts the key paths decode may record for the tree n (the
// values of its maps and the items of its lists), to size the map of
// their positions.
func keyPaths(n *yaml.Node) int {
	count := 0
	switch n.Kind {
	case yaml.MappingNode:
		count = len(n.Content) / 2
		for i := 1; i < len(n.Content); i += 2 {
			count += keyPaths(n.Content[i])
		}
	case yaml.SequenceNode:
		count = len(n.Content)
		for _, c := range n.Content {
			count += keyPaths(c)
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			count += keyPaths(c)
		}
	}
	return count
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>". It returns the line
// of the first front matter line and of the first body line.
func splitFrontMatter(text string) (fm, body string, fmLine, bodyLine int, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, "\r \t") != "---" {
		return "", "", 0, 0, false
	}
	start := len(text) - len(rest)
	for off, n := start, 2; off < len(text); n++ {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(text)
		}
		if l := strings.TrimRight(text[off:end], "\r \t"); l == "---" || l == "..." {
			return text[start:off], text[next:], 2, n + 1, true
		}
		off = next
	}
	return "", "", 0, 0, false
}

// parseYAML parses YAML or JSON into a node tree, turning a syntax error
// into an Error placed at its line. Once the tree is decoded, release may
// hand its nodes back for reuse (decode keeps none of them).
func parseYAML(file, text string, lineOffset int, errs *errorList) (root *yaml.Node, release func(), ok bool) {
	if doc, ok := flatyaml.ParseDoc(text); ok {
		return doc.Root, doc.Release, true
	}
	root, ok = parseYAMLv3(file, text, lineOffset, errs)
	return root, func() {}, ok
}

// parseYAMLv3 is parseYAML with yaml.v3, for what flatyaml leaves to it.
func parseYAMLv3(file, text string, lineOffset int, errs *errorList) (*yaml.Node, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text), &root); err != nil {
		p := syntaxError(text, lineOffset, err)
		errs.addf(file, p.line+lineOffset, p.col, "%s", p.msg)
		return nil, false
	}
	if root.Kind == 0 {
		errs.addf(file, 1+lineOffset, 1, "empty definition: expected keys such as title and date")
		return nil, false
	}
	if a := aliasExpansion(&root, aliasBudget(text)); a != nil {
		errs.addf(file, a.Line+lineOffset, a.Column, "YAML aliases (*%s and others) expand this file to more than %d values (an alias bomb?): nothing in it was read; write the values out instead", a.Value, aliasBudget(text))
		return nil, false
	}
	return &root, true
}

func displayDir(dir string) string {
	if dir == "" || dir == "." {
		return "."
	}
	return dir
}

// parallel calls f(0) … f(n-1) on as many goroutines as there are cores
// and returns when all are done.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
