package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/importer"
)

// importCommand turns an existing feed into a show folder.
func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "turn an existing feed into show definitions (podcast.yaml and episodes/*.md)",
		ArgsUsage: "FILE|URL|-",
		Description: "Reads an RSS or Atom podcast feed from a file, an http(s) URL or standard input (-)\n" +
			"and writes podcast.yaml and one episodes/<date>-<title>.md per item into --out.\n" +
			"Elements podfeed does not model, everything changed while reading, and the keys\n" +
			"to fill in that the feed did not give are listed on stderr. Nothing is written\n" +
			"when the input is not a podcast feed podfeed can read (exit 1).",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "show folder to write (default: a new folder named after the show, e.g. ./my-show)", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "write into --out even when it is not empty"},
			&cli.StringFlag{Name: "feed-url", Usage: "the public URL the show's feed will have, for feed_url (default: the URL the feed was fetched from, else its atom:link rel=\"self\")"},
		}, netFlags(netDefaults{timeout: fetch.DefaultTimeout, maxSize: "256MiB", maxSizeWhat: "largest feed to read from a file, a URL or stdin"})...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError(fmt.Errorf("import: expected one feed (a file, a URL or -), got %d arguments", c.NArg()))
			}
			return runImport(c, e, c.Args().First(), c.String("out"), c.String("feed-url"), c.Bool("force"))
		},
	}
}

func runImport(c *cli.Context, e *env, src, out, feedURL string, force bool) error {
	if feedURL != "" && !strings.HasPrefix(feedURL, "https://") && !strings.HasPrefix(feedURL, "http://") {
		return usageError(fmt.Errorf("import: --feed-url %q: expected an http(s) URL", feedURL))
	}
	net, err := netOptions(c)
	if err != nil {
		return err
	}
	var (
		data []byte
		opt  = importer.Options{FeedURL: feedURL, Now: e.now()}
		name = src
	)
	switch {
	case src == "-":
		name = "stdin"
		data, err = readCapped(e.stdin, net.MaxBytes)
		if err != nil {
			return fmt.Errorf("import: read stdin: %w", err)
		}
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		f, err := importer.Fetch(c.Context, src, net)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		data, opt.Source = f.Data, src
		if f.Moved {
			opt.Source = f.URL
			fmt.Fprintf(e.stderr, "import: %s redirects permanently to %s: using the new URL\n", src, f.URL)
		}
	default:
		f, err := os.Open(src)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > net.MaxBytes {
			f.Close() // refused before reading; pipes (<(curl …)) are read up to the cap
			return fmt.Errorf("import: read %s: %d bytes, larger than the %d-byte limit (--max-size)", src, fi.Size(), net.MaxBytes)
		}
		data, err = readCapped(f, net.MaxBytes)
		f.Close()
		if err != nil {
			return fmt.Errorf("import: read %s: %w", src, err)
		}
	}
	res, err := importer.Parse(data, opt)
	if err != nil {
		err = shortError{err}
		var re *importer.ReadError
		if errors.As(err, &re) && re.Line > 0 {
			return invalidInput(fmt.Errorf("import: %s:%w", name, err)) // file:line:col: message
		}
		return invalidInput(fmt.Errorf("import: %s: %w", name, err))
	}
	if out == "" {
		out = importer.ShowSlug(res.Show.Title)
	}
	files, err := res.Files()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := importer.Write(out, files, force); err != nil {
		if errors.Is(err, importer.ErrNotEmpty) {
			return usageError(fmt.Errorf("import: %w", err))
		}
		return fmt.Errorf("import: %w", err)
	}
	printSummary(e.stderr, name, out, res)
	return nil
}

// printSummary tells the user what was written, what was changed while
// reading and what podfeed left out.
func printSummary(w io.Writer, name, out string, r *importer.Result) {
	// Text read from the feed is echoed as a short excerpt only.
	fmt.Fprintf(w, "import: %s: %q, %s, written to %s\n", name, cut(r.Show.Title, 80), plural(len(r.Episodes), "episode"), out)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "import: note: %s\n", excerpt(n, 240))
	}
	if len(r.Unmodelled) > 0 {
		fmt.Fprintln(w, "import: not modelled by podfeed, left out (where, element, count):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for i, u := range r.Unmodelled {
			if i == maxUnmodelledRows {
				fmt.Fprintf(tw, "  … and %d more\n", len(r.Unmodelled)-i)
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d\n", excerpt(u.Where, 80), excerpt(u.Name, 80), u.Count)
		}
		tw.Flush()
	}
	if len(r.ToFill) > 0 {
		fmt.Fprintf(w, "import: to fill in: the feed does not give these, which Apple, Spotify or Podcasting 2.0 apps want ('podfeed build %s' checks them; --force writes the feed without them):\n", out)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range r.ToFill {
			if f.Count == 0 {
				fmt.Fprintf(tw, "  %s\t%s:\t%s\n", f.File, f.Key, f.Why)
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s:\t%s; %d episode(s), first %s\n", f.File, f.Key, f.Why, f.Count, f.First)
		}
		tw.Flush()
	}
}

// maxUnmodelledRows bounds the list of elements left out: a feed can name
// any number of distinct ones.
const maxUnmodelledRows = 100

// cut returns at most max runes of s, with "…" where it was cut.
func cut(s string, max int) string {
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// excerpt returns at most max runes of s, with "…" where it was cut and
// control characters (terminal escapes among them) written as \x1b.
func excerpt(s string, max int) string {
	var b strings.Builder
	n := 0
	for i, r := range s {
		if n == max {
			if i < len(s) {
				b.WriteString("…")
			}
			break
		}
		n++
		if r < 0x20 && r != '\t' || r >= 0x7F && r < 0xA0 {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shortError cuts the message of an error about the input to an excerpt:
// a parser may quote what it read.
type shortError struct{ err error }

func (e shortError) Error() string { return excerpt(e.err.Error(), 400) }
func (e shortError) Unwrap() error { return e.err }

// readCapped reads all of r, failing once it holds more than max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than the %d-byte limit (--max-size)", max)
	}
	return data, nil
}
