package main

import (
	"fmt"
	"strings"

	"github.com/podfeed/podfeed/chapters"
	"github.com/podfeed/podfeed/report"
	"github.com/podfeed/podfeed/validate"
)

// argValues is the key choices uses for a command's arguments.
const argValues = "ARG"

// choices returns the values a flag (or, with flag argValues, an
// argument) of the command at path ("validate", "chapters convert")
// takes, when they are a fixed set; nil when any value goes. Shell
// completion offers them, the man page lists them, and a value outside
// them is a usage error that names the nearest.
func choices(path, flag string) []string {
	switch path + " " + flag {
	case "validate --profile", "rules --profile":
		var out []string
		for _, p := range validate.AllProfiles() {
			out = append(out, string(p))
		}
		return out
	case "validate --format":
		return report.Formats()
	case "validate --fail-on":
		return []string{"error", "warning", "info", "none"}
	case "validate --min-severity":
		return []string{"error", "warning", "info"}
	case "validate --enable", "validate --disable", "explain " + argValues:
		return ruleCodes()
	case "chapters extract --format", "chapters convert --to":
		var out []string
		for _, f := range chapters.Formats() {
			if f.Writable() {
				out = append(out, string(f))
			}
		}
		return out
	case "chapters convert --from":
		var out []string
		for _, f := range chapters.Formats() {
			out = append(out, string(f))
		}
		return out
	case "completion " + argValues:
		return shells()
	}
	return nil
}

func ruleCodes() []string {
	var out []string
	for _, r := range validate.Rules() {
		out = append(out, r.Code)
	}
	return out
}

// choiceError is the usage error for value v of flag (e.g. "--format",
// or "profile" for one item of a list), which is not one of want.
func choiceError(flag, v string, want []string) error {
	msg := fmt.Sprintf("unknown %s %q", flag, v)
	if len(want) <= 12 {
		msg += fmt.Sprintf(" (want %s)", orList(want))
	}
	if s := nearest(v, want); len(s) > 0 {
		msg += "; did you mean " + orList(quoteAll(s)) + "?"
	}
	return usageError(fmt.Errorf("%s", msg))
}

// checkChoice returns choiceError when v is not one of want.
func checkChoice(flag, v string, want []string) error {
	for _, w := range want {
		if v == w {
			return nil
		}
	}
	return choiceError(flag, v, want)
}

// parseProfiles reads the values of a repeatable, comma-separated
// --profile flag.
func parseProfiles(values []string) ([]validate.Profile, error) {
	var out []validate.Profile
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			p, ok := validate.ParseProfile(name)
			if !ok {
				return nil, choiceError("profile", name, choices("validate", "--profile"))
			}
			out = append(out, p)
		}
	}
	return out, nil
}
