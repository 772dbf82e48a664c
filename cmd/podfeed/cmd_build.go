package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// buildCommand is a placeholder until its issue lands; the owner replaces this file.
func buildCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("build: in progress")
		},
	}
}
