package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// Shell completion works the way gh's and kubectl's does: the script a
// shell loads is a few lines that ask podfeed itself what can come next
// ("podfeed __complete --cur=PARTIAL WORD…"), so completion always matches
// the binary's own command definitions, values included (profiles,
// formats, rule codes), and no script goes stale.

func shells() []string { return []string{"bash", "zsh", "fish", "powershell"} }

// completionCommand prints a shell's completion script.
func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh, fish or powershell",
		ArgsUsage: "SHELL",
		Description: "Load it in the current shell, or install it for every new one:\n" +
			"  bash:        source <(podfeed completion bash)\n" +
			"               podfeed completion bash > ~/.local/share/bash-completion/completions/podfeed\n" +
			"  zsh:         source <(podfeed completion zsh)\n" +
			"               podfeed completion zsh > \"${fpath[1]}/_podfeed\"\n" +
			"  fish:        podfeed completion fish | source\n" +
			"               podfeed completion fish > ~/.config/fish/completions/podfeed.fish\n" +
			"  powershell:  podfeed completion powershell | Out-String | Invoke-Expression\n" +
			"               (add that line to $PROFILE to keep it)",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError(fmt.Errorf("completion takes one shell: %s", orList(shells())))
			}
			sh := c.Args().First()
			script, ok := completionScript(sh)
			if !ok {
				return choiceError("shell", sh, shells())
			}
			_, err := io.WriteString(e.stdout, script)
			return err
		},
	}
}

// completeCommand is the hidden "__complete" the scripts call.
func completeCommand(e *env, app *cli.App) *cli.Command {
	return &cli.Command{
		Name:            "__complete",
		Hidden:          true,
		SkipFlagParsing: true,
		Action: func(c *cli.Context) error {
			words := c.Args().Slice()
			if len(words) == 0 || !strings.HasPrefix(words[0], "--cur=") {
				return usageError(errors.New("__complete: want --cur=PARTIAL, then the words before it"))
			}
			cur := strings.TrimPrefix(words[0], "--cur=")
			var b strings.Builder
			for _, line := range complete(app, words[1:], cur) {
				b.WriteString(line)
				b.WriteByte('\n')
			}
			_, err := io.WriteString(e.stdout, b.String())
			return err
		},
	}
}

// complete returns what can follow words (the command line after
// "podfeed", up to the word being typed) and starts with cur: one
// "value<TAB>description" a line, then ":files" or ":dirs" when a file or
// folder name fits there.
func complete(app *cli.App, words []string, cur string) []string {
	app.Setup()
	var (
		cmd      *cli.Command
		path     []string
		flags    = app.Flags
		subs     = visible(app.Commands)
		expect   cli.Flag // the flag whose value comes next
		nargs    int
		afterEnd bool
	)
	for _, w := range words {
		switch {
		case w == "=" || w == "":
			continue // bash splits --flag=value at "="
		case expect != nil:
			expect = nil
		case w == "--":
			afterEnd = true
		case isFlag(w) && !afterEnd:
			name, hasValue := flagName(w)
			if f := lookupFlag(flags, name); f != nil && takesValue(f) && !hasValue {
				expect = f
			}
		case len(subs) > 0 && nargs == 0 && findCommand(subs, w) != nil:
			cmd = findCommand(subs, w)
			path = append(path, cmd.Name)
			flags = cmd.Flags
			subs = visible(cmd.Subcommands)
			if cmd.Name == "help" {
				subs = visible(app.Commands)
			}
		default:
			nargs++
		}
	}
	p := strings.Join(path, " ")
	if expect == nil && isFlag(cur) && strings.Contains(cur, "=") && !afterEnd {
		// --format=js: values of --format, each written whole.
		name, _ := flagName(cur)
		if f := lookupFlag(flags, name); f != nil && takesValue(f) {
			prefix, partial, _ := strings.Cut(cur, "=")
			return withPrefix(prefix+"=", valuesOf(p, f, partial))
		}
	}
	if expect != nil {
		if cur == "=" {
			cur = "" // bash: "--format=" then TAB
		}
		return valuesOf(p, expect, cur)
	}
	if isFlag(cur) && !afterEnd {
		var out []string
		for _, f := range flags {
			for _, n := range f.Names() {
				if d := dashes(n); strings.HasPrefix(d, cur) {
					out = append(out, d+"\t"+flagUsage(f))
				}
			}
		}
		return out
	}
	if len(subs) > 0 && (nargs == 0 || cmd != nil && cmd.Name == "help") {
		var out []string
		for _, c := range subs {
			if strings.HasPrefix(c.Name, cur) {
				out = append(out, c.Name+"\t"+c.Usage)
			}
		}
		return out
	}
	if cmd == nil {
		return nil
	}
	if vs := choices(p, argValues); vs != nil {
		return matching(vs, cur)
	}
	switch p {
	case "build", "init":
		return []string{":dirs"}
	case "validate", "import", "probe", "chapters extract", "chapters convert":
		return []string{":files"}
	}
	return nil
}

// valuesOf completes the value of flag f of the command at path.
func valuesOf(path string, f cli.Flag, cur string) []string {
	if vs := choices(path, f.Names()[0]); vs != nil {
		return matching(vs, cur)
	}
	if vs := choices(path, "--"+f.Names()[0]); vs != nil {
		return matching(vs, cur)
	}
	if t, ok := f.(interface{ TakesFile() bool }); ok && t.TakesFile() {
		return []string{":files"}
	}
	switch f.Names()[0] {
	case "out", "from":
		return []string{":files"}
	}
	return nil
}

func matching(values []string, cur string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, cur) {
			out = append(out, v)
		}
	}
	return out
}

func withPrefix(prefix string, lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if !strings.HasPrefix(l, ":") {
			l = prefix + l
		}
		out = append(out, l)
	}
	return out
}

func visible(cmds []*cli.Command) []*cli.Command {
	var out []*cli.Command
	for _, c := range cmds {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// flagUsage is a flag's one-line usage, for completion menus.
func flagUsage(f cli.Flag) string {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		u := d.GetUsage()
		u = strings.ReplaceAll(u, "`", "")
		u, _, _ = strings.Cut(u, "\n")
		return u
	}
	return ""
}

// completionScript returns the script `podfeed completion SHELL` prints.
func completionScript(shell string) (string, bool) {
	switch shell {
	case "bash":
		return bashCompletion, true
	case "zsh":
		return zshCompletion, true
	case "fish":
		return fishCompletion, true
	case "powershell":
		return powershellCompletion, true
	}
	return "", false
}

const bashCompletion = `# bash completion for podfeed.
# Load it with: source <(podfeed completion bash)
_podfeed() {
	local cur=${COMP_WORDS[COMP_CWORD]} line
	local IFS=$'\n'
	COMPREPLY=()
	for line in $(podfeed __complete "--cur=$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null); do
		case $line in
		:files) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
		:dirs) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -d -- "$cur")) ;;
		*) COMPREPLY+=("${line%%$'\t'*}") ;;
		esac
	done
}
complete -F _podfeed podfeed
`

const zshCompletion = `#compdef podfeed
# zsh completion for podfeed.
# Load it with: source <(podfeed completion zsh)
# or save it as _podfeed in a folder of $fpath.
_podfeed() {
	local -a lines values
	local line kind=''
	lines=("${(@f)$(podfeed __complete "--cur=${words[CURRENT]}" "${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
	for line in $lines; do
		case $line in
		:files) kind=files ;;
		:dirs) kind=dirs ;;
		'') ;;
		*) values+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}") ;;
		esac
	done
	(( $#values )) && _describe -t values podfeed values
	case $kind in
	files) _files ;;
	dirs) _files -/ ;;
	esac
}
if [ "$funcstack[1]" = "_podfeed" ]; then
	_podfeed "$@"
else
	compdef _podfeed podfeed
fi
`

const fishCompletion = `# fish completion for podfeed.
# Load it with: podfeed completion fish | source
function __podfeed_complete
	set -l cur (commandline -ct)
	for line in (podfeed __complete "--cur=$cur" (commandline -opc)[2..-1] 2>/dev/null)
		switch $line
			case ':files'
				__fish_complete_path $cur
			case ':dirs'
				__fish_complete_directories $cur
			case '*'
				echo $line
		end
	end
end
complete -c podfeed -f -a '(__podfeed_complete)'
`

const powershellCompletion = `# PowerShell completion for podfeed.
# Load it with: podfeed completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName podfeed -ScriptBlock {
	param($wordToComplete, $commandAst, $cursorPosition)
	$words = @($commandAst.CommandElements | Select-Object -Skip 1 |
		Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } |
		ForEach-Object { $_.ToString() })
	foreach ($line in (& podfeed __complete "--cur=$wordToComplete" @words 2>$null)) {
		if ($line -eq ':files' -or $line -eq ':dirs') {
			Get-ChildItem -Path "$wordToComplete*" -ErrorAction SilentlyContinue |
				Where-Object { $line -eq ':files' -or $_.PSIsContainer } |
				ForEach-Object { [System.Management.Automation.CompletionResult]::new($_.Name, $_.Name, 'ProviderItem', $_.Name) }
			continue
		}
		$name, $desc = $line -split "` + "`" + `t", 2
		if (-not $desc) { $desc = $name }
		[System.Management.Automation.CompletionResult]::new($name, $name, 'ParameterValue', $desc)
	}
}
`
