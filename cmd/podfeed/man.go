package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/internal/version"
)

// manCommand prints the podfeed(1) manual page, written from the same
// command and flag definitions as --help and shell completion.
func manCommand(e *env, app *cli.App) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the podfeed(1) manual page (roff: podfeed man > podfeed.1; man -l podfeed.1)",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(fmt.Errorf("man takes no arguments (got %q)", c.Args().First()))
			}
			_, err := io.WriteString(e.stdout, manPage(app, e.version))
			return err
		},
	}
}

// manPage renders the manual page of app.
func manPage(app *cli.App, v version.Info) string {
	app.Setup()
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(".TH PODFEED 1 \"\" \"podfeed %s\" \"User Commands\"\n", roff(v.Version))
	w(".SH NAME\npodfeed \\- %s\n", roff(app.Usage))
	w(".SH SYNOPSIS\n.B podfeed\n.I COMMAND\n.RI [ FLAGS ]\n.RI [ ARGUMENTS ]\n")
	w(".SH DESCRIPTION\n")
	w("%s\n", para("podfeed builds a podcast's RSS feed from a folder of plain files (podcast.yaml and one Markdown file per episode), "+
		"turns the timestamps in show notes into chapter files, and validates any feed with findings placed at line and column, "+
		"each with a stable rule code."))
	w(".PP\n%s\n", para("Flags may come before or after the arguments. \"--\" ends the flags. "+
		"\"podfeed help COMMAND\" and \"podfeed COMMAND --help\" describe a command."))
	w(".SH COMMANDS\n")
	for _, c := range app.Commands {
		if c.Hidden || c.Name == "help" {
			continue
		}
		manCommandSection(&b, []string{c.Name}, c)
	}
	w(".SH GLOBAL FLAGS\n")
	for _, f := range app.Flags {
		manFlag(&b, f, "", "")
	}
	w(".SH EXIT STATUS\n")
	w(".TP\n.B 0\nSuccess, or no finding at or above \\fB\\-\\-fail\\-on\\fR.\n")
	w(".TP\n.B 1\nInvalid input: a definition, feed or chapter file with errors, or findings at or above \\fB\\-\\-fail\\-on\\fR.\n")
	w(".TP\n.B 2\nUsage, I/O or network error.\n")
	w(".SH FILES\n")
	w(".TP\n.I podcast.yaml\nThe show: title, description, feed_url, artwork and the rest (also podcast.yml or podcast.json).\n")
	w(".TP\n.I episodes/*.md\nOne episode a file: YAML front matter, then the show notes in Markdown.\n")
	w(".TP\n.I public/\nWhat build writes: feed.xml, chapter files and the other outputs podcast.yaml asks for.\n")
	w(".TP\n.I .podfeed/cache.json\nWhat build learned from the media files, so that an unchanged show's rebuild reads none.\n")
	w(".SH EXAMPLES\n")
	for _, ex := range [][2]string{
		{"podfeed init myshow", "Start a show in a new folder."},
		{"podfeed build myshow", "Write myshow/public/feed.xml."},
		{"podfeed validate myshow/public/feed.xml", "Check the feed against RSS 2.0, Apple, Spotify and Podcasting 2.0."},
		{"podfeed validate https://example.org/feed.xml --format sarif", "Check a published feed, for code scanning."},
		{"podfeed chapters extract notes.md --format podcast-json", "Chapters from the timestamps in show notes."},
	} {
		w(".TP\n.B %s\n%s\n", roff(ex[0]), roff(ex[1]))
	}
	w(".SH SEE ALSO\n")
	w("%s\n", para("podfeed explain CODE (a validator rule's documentation); the guides in the docs folder of https://github.com/podfeed/podfeed"))
	return b.String()
}

func manCommandSection(b *strings.Builder, path []string, c *cli.Command) {
	name := "podfeed " + strings.Join(path, " ")
	if len(c.Subcommands) > 0 {
		fmt.Fprintf(b, ".SS %s\n%s\n", roff(name), para(capital(c.Usage)+"."))
		for _, s := range c.Subcommands {
			if !s.Hidden && s.Name != "help" {
				manCommandSection(b, append(append([]string(nil), path...), s.Name), s)
			}
		}
		return
	}
	syn := name
	if c.ArgsUsage != "" {
		syn += " " + c.ArgsUsage
	}
	fmt.Fprintf(b, ".SS %s\n", roff(syn))
	fmt.Fprintf(b, "%s\n", para(capital(c.Usage)+"."))
	if c.Description != "" {
		fmt.Fprintf(b, ".PP\n%s\n", block(c.Description))
	}
	if vs := choices(strings.Join(path, " "), argValues); vs != nil && len(vs) <= 12 {
		fmt.Fprintf(b, ".PP\n%s\n", para(c.ArgsUsage+" is one of "+orList(vs)+"."))
	}
	for _, f := range c.Flags {
		manFlag(b, f, strings.Join(path, " "), name)
	}
}

func manFlag(b *strings.Builder, f cli.Flag, path, _ string) {
	names := f.Names()
	var parts []string
	for _, n := range names {
		parts = append(parts, `\fB`+roff(dashes(n))+`\fR`)
	}
	head := strings.Join(parts, ", ")
	if takesValue(f) {
		head += ` \fI` + roff(valueName(f)) + `\fR`
	}
	usage := strings.ReplaceAll(flagUsage(f), "`", "")
	if usage != "" && !strings.HasSuffix(usage, ".") && !strings.HasSuffix(usage, ")") {
		usage += "."
	} else if strings.HasSuffix(usage, ")") {
		usage += "."
	}
	if vs := choices(path, "--"+names[0]); vs != nil && len(vs) <= 12 && !mentionsAll(usage, vs) {
		usage += " One of " + orList(vs) + "."
	}
	if d, ok := f.(cli.DocGenerationFlag); ok && d.TakesValue() {
		if def := d.GetDefaultText(); def != "" {
			usage += " Default: " + def + "."
		} else if v := strings.Trim(d.GetValue(), `"`); v != "" && v != "[]" {
			usage += " Default: " + v + "."
		}
	}
	fmt.Fprintf(b, ".TP\n%s\n%s\n", head, para(capital(usage)))
}

// valueName is the placeholder of a flag's value: the back-quoted word of
// its usage (urfave/cli's convention), else VALUE.
func valueName(f cli.Flag) string {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		u := d.GetUsage()
		if i := strings.IndexByte(u, '`'); i >= 0 {
			if j := strings.IndexByte(u[i+1:], '`'); j > 0 {
				return u[i+1 : i+1+j]
			}
		}
	}
	return "VALUE"
}

func mentionsAll(s string, vs []string) bool {
	for _, v := range vs {
		if !strings.Contains(s, v) {
			return false
		}
	}
	return true
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// para escapes one paragraph of running text for roff.
func para(s string) string { return roff(strings.Join(strings.Fields(s), " ")) }

// block keeps the lines of a description: plain lines are running
// text, a run of indented lines is an example kept as it is.
func block(s string) string {
	var out []string
	example := false
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		indented := strings.HasPrefix(l, "  ")
		if indented != example {
			if indented {
				out = append(out, ".PP", ".RS 4", ".nf")
			} else {
				out = append(out, ".fi", ".RE", ".PP")
			}
			example = indented
		}
		switch {
		case strings.TrimSpace(l) == "":
			if !example {
				out = append(out, ".PP")
			}
		case indented:
			out = append(out, `\&`+roff(strings.TrimRight(strings.TrimPrefix(l, "  "), " ")))
		default:
			out = append(out, roff(l))
		}
	}
	if example {
		out = append(out, ".fi", ".RE")
	}
	return strings.Join(out, "\n")
}

// roff escapes text: backslashes, hyphens that are minus signs in
// options, and a leading dot or quote that roff would read as a request.
func roff(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
