package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

// chaptersCommand is a placeholder until its issue lands; the owner replaces this file.
func chaptersCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "chapters",
		Usage: "(in progress)",
		Action: func(c *cli.Context) error {
			return errors.New("chapters: in progress")
		},
	}
}
