package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// versionCommand prints what --version prints.
func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print podfeed's version, the commit it was built from and the Go version",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(fmt.Errorf("version takes no arguments (got %q)", c.Args().First()))
			}
			_, err := fmt.Fprintf(e.stdout, "podfeed version %s\n", e.version.Line())
			return err
		},
	}
}
