package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/internal/version"
)

// env is what the process hands the commands: standard streams, the
// environment and the clock. Nothing below cmd reads them directly.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time

	version version.Info // this binary's version, from its build information

	// Tests only. feedWriter, when set, stands between build's feed
	// encoder and the feed's file (a write that fails midway); gated is
	// called once the build gate has passed the feed (the heap is
	// measured there).
	feedWriter func(io.Writer) io.Writer
	gated      func()
}

// run is the only entry point: it parses args, runs one command and maps
// its result to an exit code. It never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, now: time.Now, version: version.Read()}
	app := newApp(e)
	args, err := prepareArgs(app, args)
	if err == nil {
		stop := startCPUProfile(getenv, stderr)
		err = app.RunContext(ctx, args)
		stop()
	}
	return finish(stderr, err)
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:    "podfeed",
		Usage:   "build, check and convert podcast feeds",
		Version: e.version.Line(),
		Description: "Exit codes: 0 ok; 1 invalid input, or findings at or above --fail-on;\n" +
			"2 usage, I/O or network error.",
		Reader:    e.stdin,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// Errors are reported and mapped to exit codes by run, never by cli.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   usageErrorHandler,
		Commands: []*cli.Command{
			initCommand(e),
			buildCommand(e),
			validateCommand(e),
			rulesCommand(e),
			explainCommand(e),
			chaptersCommand(e),
			importCommand(e),
			probeCommand(e),
			serveCommand(e),
			versionCommand(e),
			completionCommand(e),
		},
	}
	app.Commands = append(app.Commands, manCommand(e, app), completeCommand(e, app))
	for _, c := range app.Commands {
		setUsageHandler(c)
	}
	return app
}

func setUsageHandler(c *cli.Command) {
	if c.OnUsageError == nil {
		c.OnUsageError = usageErrorHandler
	}
	for _, sub := range c.Subcommands {
		setUsageHandler(sub)
	}
}

func usageErrorHandler(c *cli.Context, err error, _ bool) error {
	return usageError(fmt.Errorf("%w (see 'podfeed %s --help')", err, c.Command.FullName()))
}
