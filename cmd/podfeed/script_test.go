package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite expectations in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"podfeed": func() {
			os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
		},
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Cmds:                withBuildCmds(scriptCmds()),
		Setup: func(e *testscript.Env) error {
			// Examples in the repo, for scripts that build them.
			e.Setenv("PODFEED_REPO", repoRoot())
			e.Setenv("PODFEED_CORPUS", os.Getenv("PODFEED_CORPUS"))
			return nil
		},
	})
}

func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd + "/../.."
}
