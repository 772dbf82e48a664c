package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/scaffold"
	"github.com/podfeed/podfeed/internal/version"
	"github.com/podfeed/podfeed/show"
)

// initCommand starts a show: podcast.yaml, an example episode with its
// audio, a placeholder cover and a .gitignore, which build as they are.
func initCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "start a new show in DIR (default: here): podcast.yaml, an example episode, artwork",
		ArgsUsage: "[DIR]",
		Description: "Writes a commented podcast.yaml, one example episode\n" +
			"(episodes/001-welcome.md and five seconds of silence in audio/welcome.mp3),\n" +
			"a placeholder artwork.jpg and a .gitignore for what build writes. They build\n" +
			"and validate as they are; replace them piece by piece. On a terminal, init\n" +
			"asks for what its flags did not give; elsewhere it asks nothing and uses\n" +
			"placeholders. It never overwrites a file: if one is there, nothing is written.\n" +
			"\n" +
			"The show's guid (podcast:guid) is pinned in podcast.yaml when the feed URL is\n" +
			"known (--feed-url, or the answer on a terminal). With the example.com\n" +
			"placeholder it is left out, since a guid made from a placeholder would be\n" +
			"shared by every show started the same way: build prints the line to add once\n" +
			"feed_url is set.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "title", Usage: "the show's name (default: from DIR)"},
			&cli.StringFlag{Name: "author", Usage: "the name shown as the show's author"},
			&cli.StringFlag{Name: "email", Usage: "the owner's email, where Apple and Spotify send the ownership check"},
			&cli.StringFlag{Name: "feed-url", Usage: "the public `URL` feed.xml will be served from (pins the show's guid)"},
			&cli.StringFlag{Name: "media-base-url", Usage: "the public `URL` the show folder's files (audio, artwork) will be served from (default: the feed's folder)"},
			&cli.StringFlag{Name: "link", Usage: "the show's web page (default: the feed's folder)"},
			&cli.StringFlag{Name: "language", Value: "en", Usage: "ISO 639 language code, e.g. en, en-gb, de"},
			&cli.StringFlag{Name: "category", Value: "Society & Culture", Usage: "one of Apple's categories"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageError(fmt.Errorf("init takes one folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			return runInit(c, e, dir)
		},
	}
}

// initAnswers are the values init writes, from flags, questions or
// defaults.
type initAnswers struct {
	title, author, email, feedURL, mediaBaseURL, link, language, category string
	placeholder                                                           bool // the URLs are placeholders
}

func runInit(c *cli.Context, e *env, dir string) error {
	a := initAnswers{
		title: strings.TrimSpace(c.String("title")), author: strings.TrimSpace(c.String("author")),
		email: strings.TrimSpace(c.String("email")), feedURL: strings.TrimSpace(c.String("feed-url")),
		mediaBaseURL: strings.TrimSpace(c.String("media-base-url")), link: strings.TrimSpace(c.String("link")),
		language: strings.TrimSpace(c.String("language")), category: strings.TrimSpace(c.String("category")),
	}
	// Refuse before asking anything.
	if err := initConflicts(dir); err != nil {
		return err
	}
	for _, f := range []struct{ flag, v string }{{"--feed-url", a.feedURL}, {"--media-base-url", a.mediaBaseURL}, {"--link", a.link}} {
		if err := checkHTTPURL(f.v); f.v != "" && err != nil {
			return usageError(fmt.Errorf("%s %q: %w", f.flag, f.v, err))
		}
	}
	if a.email != "" {
		if err := checkEmail(a.email); err != nil {
			return usageError(fmt.Errorf("--email %q: %w", a.email, err))
		}
	}
	defTitle := titleFromDir(dir)
	if isTerminal(e.stderr) && isTerminalReader(e.stdin) {
		q := &asker{in: bufio.NewReader(e.stdin), out: e.stderr}
		fmt.Fprintf(e.stderr, "A new show in %s. Press Enter to take the value in brackets.\n", dir)
		if a.title == "" {
			a.title = q.ask("Title", defTitle, nil)
		}
		if a.author == "" {
			a.author = q.ask("Author (the name apps show)", "", nil)
		}
		if a.email == "" && !c.IsSet("email") {
			a.email = q.ask("Owner email (for Apple's and Spotify's ownership check; not shown)", "", checkEmail)
		}
		if a.feedURL == "" {
			a.feedURL = q.ask("Feed URL (where public/feed.xml will be served)", "", checkHTTPURL)
		}
		if a.mediaBaseURL == "" && a.feedURL != "" {
			a.mediaBaseURL = q.ask("Media base URL (where this folder's audio/ and artwork will be served)", folderURL(a.feedURL), checkHTTPURL)
		}
	}
	if a.title == "" {
		a.title = defTitle
	}
	if a.author == "" {
		a.author = a.title
	}
	if a.feedURL == "" {
		a.placeholder = true
		a.feedURL = "https://example.com/" + importer.Slug(a.title) + "/feed.xml"
	}
	if a.mediaBaseURL == "" {
		a.mediaBaseURL = folderURL(a.feedURL)
	}
	if a.link == "" {
		a.link = folderURL(a.feedURL)
	}
	return writeShow(e, dir, a)
}

// initConflicts refuses a folder that already holds any file init would
// write, or another show definition.
func initConflicts(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageError(fmt.Errorf("%s is a file, not a folder", dir))
	}
	names := []string{scaffold.ShowFile, "podcast.yml", "podcast.json", scaffold.EpisodeFile, scaffold.AudioFile, scaffold.CoverFile, scaffold.IgnoreFile}
	var there []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			there = append(there, filepath.Join(dir, filepath.FromSlash(n)))
		}
	}
	if len(there) > 0 {
		verb := "exists"
		if len(there) > 1 {
			verb = "exist"
		}
		return usageError(fmt.Errorf("%s already %s; init never overwrites a file, so nothing was written (start the show in another folder)", strings.Join(there, ", "), verb))
	}
	return nil
}

// writeShow writes the new show's files, each created anew (never
// replacing one that appeared meanwhile); on a failure it removes what it
// wrote.
func writeShow(e *env, dir string, a initAnswers) error {
	s := scaffold.Show{
		Title: a.title, Author: a.author, Email: a.email, Language: a.language, Category: a.category,
		Link: a.link, FeedURL: a.feedURL, MediaBaseURL: a.mediaBaseURL, Placeholder: a.placeholder,
		Date:       e.now().UTC().Format("2006-01-02"),
		FormatDocs: docsPage(e.version.DocsRef(), "docs/format.md"),
	}
	if !a.placeholder {
		s.GUID = show.PodcastGUID(a.feedURL)
	}
	cover, err := scaffold.Cover(a.title, 1400)
	if err != nil {
		return fmt.Errorf("init: artwork: %w", err)
	}
	files := []struct {
		name string
		data []byte
		what string
	}{
		{scaffold.ShowFile, []byte(scaffold.ShowYAML(s)), "the show: its title, artwork and where it is published"},
		{scaffold.EpisodeFile, []byte(scaffold.Episode(s)), "an example episode"},
		{scaffold.AudioFile, scaffold.SilentMP3(5), "its audio: five seconds of silence"},
		{scaffold.CoverFile, cover, "a placeholder cover (1400×1400): put yours in its place"},
		{scaffold.IgnoreFile, []byte(scaffold.GitIgnore()), "keeps what build writes out of git"},
	}
	var written []string
	undo := func() {
		for i := len(written) - 1; i >= 0; i-- {
			os.Remove(written[i])
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			undo()
			return fmt.Errorf("init: %w", err)
		}
		if err := createNew(p, f.data); err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return usageError(fmt.Errorf("%s already exists; init never overwrites a file, so nothing was written", p))
			}
			return fmt.Errorf("init: %w", err)
		}
		written = append(written, p)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "Started %q in %s:\n", a.title, dir)
	for _, f := range files {
		fmt.Fprintf(&b, "  %-26s %s\n", f.name, f.what)
	}
	if a.placeholder {
		b.WriteString("\nfeed_url and media_base_url are placeholders (example.com): set them in\npodcast.yaml before you publish, then add the guid line build prints.\n")
	}
	showArg, feed := shellQuote(dir), shellQuote(filepath.Join(dir, "public", "feed.xml"))
	gitDir := shellQuote(dir)
	if dir == "." {
		showArg = ""
		feed = filepath.Join("public", "feed.xml")
	}
	b.WriteString("\nNext:\n")
	fmt.Fprintf(&b, "  %-46s %s\n", strings.TrimSpace("podfeed build "+showArg), "# writes "+filepath.Join(dir, "public", "feed.xml"))
	fmt.Fprintf(&b, "  %-46s %s\n", "podfeed validate "+feed, "# checks it as Apple, Spotify and Podcast Index do")
	fmt.Fprintf(&b, "  %-46s %s\n", "git -C "+gitDir+" init && git -C "+gitDir+" add -A", "# keeps the show in git")
	_, err = io.WriteString(e.stdout, b.String())
	return err
}

// createNew writes a file that must not exist yet.
func createNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// asker asks questions on a terminal.
type asker struct {
	in  *bufio.Reader
	out io.Writer
}

// ask prints the question with its default and reads an answer until
// check accepts it; an empty answer takes the default.
func (q *asker) ask(question, def string, check func(string) error) string {
	for {
		if def != "" {
			fmt.Fprintf(q.out, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(q.out, "%s: ", question)
		}
		line, err := q.in.ReadString('\n')
		v := strings.TrimSpace(line)
		if v == "" {
			v = def
		}
		if v == "" || check == nil || check(v) == nil {
			return v
		}
		fmt.Fprintf(q.out, "  %v\n", check(v))
		if err != nil {
			return ""
		}
	}
}

func checkHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("expected an absolute http(s) URL, such as https://example.com/show/feed.xml")
	}
	return nil
}

func checkEmail(s string) error {
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		return errors.New("expected an email address, such as you@example.com")
	}
	return nil
}

// folderURL is the folder of a URL: https://h/a/feed.xml → https://h/a/.
func folderURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		return s
	}
	u.RawQuery, u.Fragment = "", ""
	return u.ResolveReference(&url.URL{Path: "."}).String()
}

// titleFromDir makes a title of a folder name: "my-show" is "My Show".
func titleFromDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	words := strings.FieldsFunc(filepath.Base(abs), func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return "My Show"
	}
	return strings.Join(words, " ")
}

// docsPage is where a page of podfeed's docs is for this build: on the
// web at its version, else in podfeed's source.
func docsPage(ref, page string) string {
	if u := version.DocURL(ref, page); u != "" {
		return u
	}
	return page + " in podfeed's source (" + version.Repo + ")"
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isTerminalReader reports whether r is a terminal.
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && isTerminal(f)
}
