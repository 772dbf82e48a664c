package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// explainCommand is a placeholder until its issue lands; the owner replaces this file.
func explainCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "explain",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("explain: in progress")
		},
	}
}
