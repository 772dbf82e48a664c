package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/fetch"
)

// netDefaults are a command's defaults for the network flags.
type netDefaults struct {
	timeout     time.Duration
	maxSize     string // "" leaves --max-size out
	maxSizeWhat string // what --max-size caps, for its usage line
}

// netFlags are the flags every command that fetches URLs shares, so that
// one policy (fetch's: address guard at dial time, redirect and size caps,
// a timeout) is set the same way everywhere: --allow-private, --timeout
// and --max-size.
func netFlags(d netDefaults) []cli.Flag {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: "allow-private", Usage: "let URL fetches contact private, loopback and link-local addresses (refused by default)"},
		&cli.DurationFlag{Name: "timeout", Value: d.timeout, Usage: "timeout of each HTTP request, body included"},
	}
	if d.maxSize != "" {
		flags = append(flags, &cli.StringFlag{Name: "max-size", Value: d.maxSize, Usage: d.maxSizeWhat + " (e.g. 50MB, 200MiB)"})
	}
	return flags
}

// netOptions reads the network flags into fetch options. A --timeout that
// is not positive, or a --max-size that is not a size, is a usage error.
func netOptions(c *cli.Context) (fetch.Options, error) {
	opt := fetch.Options{AllowPrivate: c.Bool("allow-private"), Timeout: c.Duration("timeout")}
	if opt.Timeout <= 0 {
		return opt, usageError(errors.New("--timeout must be positive (e.g. 30s)"))
	}
	if hasFlag(c, "max-size") {
		n, err := parseSize(c.String("max-size"))
		if err != nil {
			return opt, usageError(fmt.Errorf("--max-size: %w", err))
		}
		opt.MaxBytes = n
	}
	return opt, nil
}

// hasFlag reports whether the command defines the flag name.
func hasFlag(c *cli.Context, name string) bool {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}
