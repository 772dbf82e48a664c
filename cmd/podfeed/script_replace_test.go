package main

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdReplace is the testscript command "replace FILE OLD NEW": it makes
// the edit a user makes by hand, replacing the first OLD in FILE with NEW
// (\t and \n in OLD and NEW stand for a tab and a newline). OLD must be
// in FILE: a script that edits nothing would test nothing.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	unescape := strings.NewReplacer(`\t`, "\t", `\n`, "\n").Replace
	name := ts.MkAbs(args[0])
	b, err := os.ReadFile(name)
	ts.Check(err)
	old, repl := unescape(args[1]), unescape(args[2])
	if !strings.Contains(string(b), old) {
		ts.Fatalf("replace: %q is not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(b), old, repl, 1)), 0o666))
}
