package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podfeed/podfeed/internal/suggest"
)

// prepareArgs reads the command line the way users type it and hands
// urfave/cli the order it understands:
//
//   - flags may come before or after the arguments, and before the
//     command name ("podfeed validate feed.xml --format json",
//     "podfeed --quiet build show"): urfave/cli v2 stops reading flags at
//     the first argument, so each command's flags (with their values) are
//     moved in front of its arguments;
//   - "--" ends the flags: everything after it is an argument;
//   - "podfeed help COMMAND [SUBCOMMAND]" is "podfeed COMMAND --help";
//   - an unknown command, subcommand or flag is a usage error that names
//     the nearest one ("did you mean …?"), checked against the same
//     definitions the help, completion and man page come from.
//
// It works from the command definitions only, so every command, present
// and future, is read the same way.
func prepareArgs(app *cli.App, args []string) ([]string, error) {
	app.Setup() // adds --help and --version to app.Flags
	if len(args) < 2 || args[1] == "__complete" {
		return args, nil
	}
	var global, early []string // flags before the command: the app's, and the command's
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || !isFlag(a) {
			break
		}
		name, _ := flagName(a)
		if f := lookupFlag(app.Flags, name); f != nil {
			global = append(global, a)
			continue
		}
		early = append(early, a) // judged once the command is known
		if _, hasValue := flagName(a); !hasValue && i+1 < len(args) && anyTakesValue(app.Commands, name) {
			i++
			early = append(early, args[i])
		}
	}
	if i >= len(args) || args[i] == "--" {
		if len(early) > 0 {
			return nil, unknownFlag(early[0], "podfeed", app.Flags)
		}
		return args, nil
	}
	path := []string{args[i]}
	cmd := findCommand(app.Commands, args[i])
	if cmd == nil {
		return nil, unknownCommand(args[i], "podfeed", app.Commands)
	}
	i++
	if cmd.Name == "help" {
		return helpArgs(app, args[0], args[i:])
	}
	for len(cmd.Subcommands) > 0 && i < len(args) && !isFlag(args[i]) {
		if args[i] == "help" || args[i] == "h" {
			// "podfeed chapters help extract", which 'podfeed chapters'
			// lists, is "podfeed help chapters extract".
			return helpArgs(app, args[0], append(append([]string(nil), path...), args[i+1:]...))
		}
		sub := findCommand(cmd.Subcommands, args[i])
		if sub == nil {
			return nil, unknownCommand(args[i], "podfeed "+strings.Join(path, " "), cmd.Subcommands)
		}
		path = append(path, args[i])
		cmd, i = sub, i+1
	}

	flags := cmd.Flags
	if len(cmd.Subcommands) > 0 {
		flags = nil // "podfeed chapters --help": only help is a flag here
	}
	var moved, rest []string
	take := func(list []string, j int) (int, error) {
		a := list[j]
		name, hasValue := flagName(a)
		if name == "help" || name == "h" {
			moved = append(moved, a)
			return j, nil
		}
		f := lookupFlag(flags, name)
		if f == nil {
			if g := lookupFlag(app.Flags, name); g != nil {
				global = append(global, a)
				return j, nil
			}
			return j, unknownFlag(a, "podfeed "+strings.Join(path, " "), flags)
		}
		moved = append(moved, a)
		if takesValue(f) && !hasValue {
			// Its value is the next word, unless there is none, or it is
			// "--" or another of the command's flags: then the value was
			// left out, and taking the next word would take an argument
			// ("build show --out" would build "." into "show").
			if j+1 == len(list) || list[j+1] == "--" || isFlag(list[j+1]) && lookupFlag(flags, flagNameOf(list[j+1])) != nil {
				return j, missingValue(a, "podfeed "+strings.Join(path, " "), f)
			}
			j++
			moved = append(moved, list[j])
		}
		return j, nil
	}
	for j := 0; j < len(early); j++ {
		var err error
		if j, err = take(early, j); err != nil {
			return nil, err
		}
	}
	for j := i; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			rest = append(rest, args[j+1:]...)
			break
		}
		if !isFlag(a) {
			rest = append(rest, a)
			continue
		}
		var err error
		if j, err = take(args, j); err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(args)+1)
	out = append(out, args[0])
	out = append(out, global...)
	out = append(out, path...)
	out = append(out, moved...)
	for _, a := range rest {
		if isFlag(a) {
			out = append(out, "--") // an argument that looks like a flag
			break
		}
	}
	return append(out, rest...), nil
}

// anyTakesValue reports whether some command has a flag called name
// that takes a value: before the command name, that decides whether the
// next argument is the flag's value.
func anyTakesValue(cmds []*cli.Command, name string) bool {
	for _, c := range cmds {
		if f := lookupFlag(c.Flags, name); f != nil && takesValue(f) {
			return true
		}
		if anyTakesValue(c.Subcommands, name) {
			return true
		}
	}
	return false
}

// helpArgs turns "help [COMMAND [SUBCOMMAND]]" into "COMMAND --help".
func helpArgs(app *cli.App, prog string, topic []string) ([]string, error) {
	var path []string
	cmds := app.Commands
	for _, t := range topic {
		if isFlag(t) {
			continue
		}
		c := findCommand(cmds, t)
		if c == nil {
			where := "podfeed"
			if len(path) > 0 {
				where += " " + strings.Join(path, " ")
			}
			return nil, unknownCommand(t, where, cmds)
		}
		path = append(path, c.Name)
		cmds = c.Subcommands
	}
	if len(path) == 0 {
		return []string{prog, "--help"}, nil
	}
	return append(append([]string{prog}, path...), "--help"), nil
}

// isFlag reports whether a looks like a flag: "-x", "--name", "--name=v";
// "-" alone (standard input) is an argument.
func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

// flagName returns the name of a flag argument ("--out", "-o",
// "--out=x") and whether its value is attached.
func flagName(a string) (string, bool) {
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	name, _, hasValue := strings.Cut(name, "=")
	return name, hasValue
}

func lookupFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// takesValue reports whether a flag reads the next argument as its value.
func takesValue(f cli.Flag) bool {
	if v, ok := f.(cli.DocGenerationFlag); ok {
		return v.TakesValue()
	}
	return false
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// unknownCommand is the usage error for a command name that is not one,
// with the nearest names.
func unknownCommand(name, where string, cmds []*cli.Command) error {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	msg := fmt.Sprintf("unknown command %q for '%s'", name, where)
	if s := nearest(name, names); len(s) > 0 {
		return usageError(fmt.Errorf("%s; did you mean %s? ('%s --help' lists the commands)", msg, orList(quoteAll(s)), where))
	}
	var visible []string
	for _, c := range cmds {
		if !c.Hidden {
			visible = append(visible, c.Name)
		}
	}
	msg += fmt.Sprintf(" (the commands are %s)", orList(visible))
	return usageError(errors.New(msg))
}

// unknownFlag is the usage error for a flag the command does not have.
func unknownFlag(arg, where string, flags []cli.Flag) error {
	name, _ := flagName(arg)
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	msg := fmt.Sprintf("unknown flag %s for '%s'", strings.SplitN(arg, "=", 2)[0], where)
	if s := nearest(name, names); len(s) > 0 {
		for i := range s {
			s[i] = dashes(s[i])
		}
		msg += "; did you mean " + orList(s) + "?"
	}
	msg += fmt.Sprintf(" ('%s --help' lists the flags)", where)
	return usageError(errors.New(msg))
}

// missingValue is the usage error of a flag given without its value.
func missingValue(arg, where string, f cli.Flag) error {
	msg := fmt.Sprintf("%s needs a value", arg)
	if u, ok := f.(cli.DocGenerationFlag); ok && u.GetUsage() != "" {
		msg += ": " + strings.ReplaceAll(u.GetUsage(), "`", "")
	}
	return usageError(fmt.Errorf("%s ('%s --help' lists the flags)", msg, where))
}

func flagNameOf(a string) string {
	name, _ := flagName(a)
	return name
}

func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// nearest returns the candidates closest to word: those it starts (when
// it is a prefix of exactly one), or within typo distance.
func nearest(word string, candidates []string) []string {
	var prefixed []string
	for _, c := range candidates {
		if len(word) >= 2 && strings.HasPrefix(c, word) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) > 0 && len(prefixed) <= 3 {
		return prefixed
	}
	type cand struct {
		s string
		d int
	}
	var best []cand
	limit := len(word)/3 + 1
	for _, c := range candidates {
		d := suggest.Distance(strings.ToLower(word), strings.ToLower(c))
		if transposed(word, c) {
			d = 1
		}
		if d <= limit && d < len(c) {
			best = append(best, cand{c, d})
		}
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].d < best[j].d })
	var out []string
	for _, b := range best {
		if len(out) == 3 || b.d > best[0].d {
			break
		}
		out = append(out, b.s)
	}
	return out
}

// transposed reports whether a and b differ by two neighbouring letters
// swapped ("buidl", "build").
func transposed(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := -1
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if diff >= 0 {
				return i == diff+1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
			}
			diff = i
		}
	}
	return false
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// orList joins "a", "a or b", "a, b or c".
func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
