package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// importCommand is a placeholder until its issue lands; the owner replaces this file.
func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("import: in progress")
		},
	}
}
