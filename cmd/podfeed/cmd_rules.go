package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// rulesCommand is a placeholder until its issue lands; the owner replaces this file.
func rulesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("rules: in progress")
		},
	}
}
