package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// hoistFlags lets flags follow a command's arguments, as users type them
// ("podfeed import feed.xml --out show"): urfave/cli v2 stops reading
// flags at the first argument, so the command's flags (and their values)
// are moved before its arguments. Everything after "--" stays where it is,
// and so does anything that is not one of the command's flags.
func hoistFlags(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		i++ // global flags (--help, --version) take no value
	}
	if i >= len(args) {
		return args
	}
	cmd := findCommand(app.Commands, args[i])
	if cmd == nil {
		return args
	}
	i++
	for len(cmd.Subcommands) > 0 && i < len(args) {
		sub := findCommand(cmd.Subcommands, args[i])
		if sub == nil {
			break
		}
		cmd, i = sub, i+1
	}
	takesValue := map[string]bool{"help": false, "h": false}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, rest []string
	for j := i; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			rest = append(rest, args[j:]...)
			break
		}
		name, hasValue := flagName(a)
		value, known := takesValue[name]
		if name == "" || !known {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if value && !hasValue && j+1 < len(args) {
			j++
			flags = append(flags, args[j])
		}
	}
	out := make([]string, 0, len(args))
	out = append(out, args[:i]...)
	out = append(out, flags...)
	return append(out, rest...)
}

// flagName returns the name of a flag argument ("--out", "-o", "--out=x")
// and whether its value is attached; "" when a is not a flag.
func flagName(a string) (string, bool) {
	if len(a) < 2 || a[0] != '-' {
		return "", false
	}
	name := strings.TrimLeft(a, "-")
	if name == "" || len(a)-len(name) > 2 {
		return "", false
	}
	name, _, hasValue := strings.Cut(name, "=")
	return name, hasValue
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
