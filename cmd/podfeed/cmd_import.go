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
			"Elements podfeed does not model, and everything changed while reading, are listed\n" +
			"on stderr. Nothing is written when the feed cannot be read (exit 1).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "show folder to write (default: a new folder named after the show, e.g. ./my-show)", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "write into --out even when it is not empty"},
			&cli.StringFlag{Name: "feed-url", Usage: "the feed's public URL, for feed_url (default: the feed's atom:link rel=\"self\", else the URL it was fetched from)"},
		},
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
	var (
		data []byte
		opt  = importer.Options{FeedURL: feedURL}
		name = src
		err  error
	)
	switch {
	case src == "-":
		name = "stdin"
		data, err = io.ReadAll(io.LimitReader(e.stdin, importer.MaxFeedSize+1))
		if err != nil {
			return fmt.Errorf("import: read stdin: %w", err)
		}
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		f, err := importer.Fetch(c.Context, src, fetch.Options{})
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		data, opt.Source = f.Data, src
		if f.Moved {
			opt.Source = f.URL
			fmt.Fprintf(e.stderr, "import: %s redirects permanently to %s: using the new URL\n", src, f.URL)
		}
	default:
		data, err = os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	res, err := importer.Parse(data, opt)
	if err != nil {
		var re *importer.ReadError
		if errors.As(err, &re) && re.Line > 0 {
			return invalidInput(fmt.Errorf("import: %s:%w", name, err)) // file:line:col: message
		}
		return invalidInput(fmt.Errorf("import: %s: %w", name, err))
	}
	if out == "" {
		out = importer.Slug(res.Show.Title)
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
	fmt.Fprintf(w, "import: %s: %q, %d episodes, written to %s\n", name, r.Show.Title, len(r.Episodes), out)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "import: note: %s\n", n)
	}
	if len(r.Unmodelled) == 0 {
		return
	}
	fmt.Fprintln(w, "import: not modelled by podfeed, left out (where, element, count):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, u := range r.Unmodelled {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", u.Where, u.Name, u.Count)
	}
	tw.Flush()
}
