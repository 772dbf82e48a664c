package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// validateCommand is a placeholder until its issue lands; the owner replaces this file.
func validateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "validate",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("validate: in progress")
		},
	}
}
