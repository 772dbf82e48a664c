package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/validate"
)

// rulesCommand lists the validator's rules.
func rulesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list the rules 'podfeed validate' checks",
		Description: "Prints one rule a line: code, default severity, profiles and title.\n" +
			"'podfeed explain CODE' prints a rule's documentation.",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "profile", Usage: "only rules of these profiles, comma-separated: rss, apple, spotify, podcastindex"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(fmt.Errorf("rules takes no arguments (got %q)", c.Args().First()))
			}
			profiles, err := parseProfiles(c.StringSlice("profile"))
			if err != nil {
				return err
			}
			cfg := validate.Config{Profiles: profiles, Online: true}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			listed := 0
			for _, r := range validate.Rules() {
				if !validate.Selected(r, cfg) {
					continue
				}
				title := r.Title
				if r.Network {
					title += " [online]"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Severity, profileList(r.Profiles), title)
				listed++
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			// The counts validate's summary line and SARIF give, explained.
			offline := validate.Config{Profiles: profiles}
			feed, chapters := len(validate.FeedRules(offline)), len(validate.ChapterRules(offline))
			fmt.Fprintf(e.stderr, "%s: %d check a feed, %d more with --online, %d check a chapter file\n",
				plural(listed, "rule"), feed, listed-feed-chapters, chapters)
			return nil
		},
	}
}

func profileList(ps []validate.Profile) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ",")
}
