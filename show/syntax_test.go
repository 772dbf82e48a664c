package show

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSyntaxError(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // "line:col: message"
	}{
		{"unquoted colon", "title: Water: How Much?\nauthor: Ann\n",
			`1:13: not valid YAML: the value of title holds ": ", which YAML reads as the start of another key; quote the value: title: "Water: How Much?"`},
		{"unquoted colon later", "author: Ann\nlink: https://example.org/\ntitle: Ep 3: Fog # the third\n",
			`3:12: not valid YAML: the value of title holds ": ", which YAML reads as the start of another key; quote the value: title: "Ep 3: Fog"`},
		{"unquoted colon with a double quote", "title: The \"Fog\": a story\n",
			`1:17: not valid YAML: the value of title holds ": ", which YAML reads as the start of another key; quote the value: title: 'The "Fog": a story'`},
		{"unquoted colon in a list item", "keywords:\n  - fog: signals\n  - bells: ringing: loud\n",
			`3:19: not valid YAML: the value of bells holds ": ", which YAML reads as the start of another key; quote the value: - bells: "ringing: loud"`},
		{"unquoted colon, characters counted", "title: Café: Ouvert\n",
			`1:12: not valid YAML: the value of title holds ": "`},
		{"tab in a nested map", "title: ok\nowner:\n\tname: x\n",
			"3:1: not valid YAML: a tab indents this line, and YAML indents with spaces only; replace the tab with spaces"},
		{"tab after spaces", "title: ok\nowner:\n  \tname: x\n",
			"3:3: not valid YAML: a tab indents this line"},
		{"tab at the top", "title: ok\n\tauthor: x\n",
			"2:1: not valid YAML: a tab indents this line"},
		{"unclosed double quote", "title: \"Water\nauthor: x\nlink: y\n",
			`1:8: not valid YAML: the double quote opened here is never closed; end the value with ": title: "Water"`},
		{"unclosed single quote", "title: ok\nauthor: 'Ann\n",
			`2:9: not valid YAML: the single quote opened here is never closed; end the value with ': author: 'Ann'`},
		{"unclosed double quote, a later quote in a comment", "title: \"Water\nauthor: x  # the \"host\"\nlink: y\n",
			`1:8: not valid YAML: the double quote opened here is never closed; end the value with ": title: "Water"`},
		{"unclosed double quote, a later quoted value", "title: \"Water\nauthor: x\nsummary: \"Fog\"\n",
			`1:8: not valid YAML: the double quote opened here is never closed; end the value with ": title: "Water"`},
		{"unclosed single quote in a list", "categories:\n  - 'Science\n  - 'Arts'\n",
			`2:5: not valid YAML: the single quote opened here is never closed; end the value with ': - 'Science'`},
		{"a value on two lines, then text after the quote", "title: \"Water and\n  fog\" signals\n",
			`2:7: not valid YAML: text follows the closing double quote; put the whole value inside the quotes`},
		{"a title that starts with brackets", "title: [Live] Fog Signals\ndate: 2025-01-01\n",
			`1:8: not valid YAML: a value that starts with [ is a list in YAML, and text follows its ]; quote the value: title: "[Live] Fog Signals"`},
		{"a title that starts with braces", "date: 2025-01-01\ntitle: {Live} Fog\n",
			`2:8: not valid YAML: a value that starts with { is a map in YAML, and text follows its }; quote the value: title: "{Live} Fog"`},
		{"no space after the colon", "title:Fog Signals\ndate: 2025-01-01\n",
			`1:7: not valid YAML: a space is missing after "title:", so YAML does not read it as a key; write: title: Fog Signals`},
		{"an alias no anchor set", "title: *NSYNC Talk\n",
			`1:8: not valid YAML: a value that starts with * names an alias (of an &anchor) in YAML; quote it: title: "*NSYNC Talk"`},
		{"percent", "title: %d episodes\n",
			`1:8: not valid YAML: a value cannot start with %, which YAML reserves; quote it: title: "%d episodes"`},
		{"quotes inside quotes", "title: ok\ndescription: \"a \"quoted\" word\"\n",
			`2:17: not valid YAML: the value ends at its second double quote, and quoted" word" follows; to keep double quotes inside a value, wrap it in single quotes: description: 'a "quoted" word'`},
		{"reserved character", "title: @handle live\n",
			`1:8: not valid YAML: a value cannot start with @, which YAML reserves; quote it: title: "@handle live"`},
		{"backquote", "title: ok\nsummary: `code`\n",
			"2:10: not valid YAML: a value cannot start with `, which YAML reserves; quote it: summary: \"`code`\""},
		{"indented under a value", "title: ok\n  author: x\n",
			`2:3: not valid YAML: this line is indented under "title", which already has a value on line 1; remove the indentation`},
		{"indentation matching no level", "categories:\n  - a\n - b\n",
			"3:2: not valid YAML: this line is indented by 1 space, which matches no level above; indent it by 2 like line 2"},
		{"control character", "title: ok\x07\n",
			"1:10: not valid YAML: control character U+0007 is not allowed; delete it"},
		{"JSON without a comma", "{\"title\": \"x\"\n \"author\": \"y\"}\n",
			`1:14: not valid JSON: a comma is missing between two values; add "," here, at the end of line 1`},
		{"JSON without a comma, within a line", "{\"title\": \"x\" \"author\": \"y\"}\n",
			`1:14: not valid JSON: a comma is missing between two values; add "," here, before the next value`},
		{"JSON cut short", "{\"title\": \"x\",\n \"author\": \"y\"\n",
			"2:15: not valid JSON: the document ends early; close every { with } and every [ with ]"},
		{"JSON list closed by a brace", "{\"title\": \"x\",\n \"n\": [1, 2}\n",
			"2:12: not valid JSON: invalid character '}' after array element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tt.text), &n)
			if err == nil {
				t.Fatalf("yaml.v3 accepts %q; the case tests nothing", tt.text)
			}
			p := syntaxError(tt.text, 0, err)
			got := fmt.Sprintf("%d:%d: %s", p.line, p.col, p.msg)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("syntaxError(%q) (yaml.v3: %v)\n got %s\nwant %s", tt.text, err, got, tt.want)
			}
		})
	}
}

// The fixes the messages propose are valid YAML, and mean what the user
// wrote.
func TestSyntaxFixParses(t *testing.T) {
	for _, fix := range []string{
		`title: "Water: How Much?"`,
		`title: 'The "Fog": a story'`,
		`description: 'a "quoted" word'`,
		`title: "@handle live"`,
	} {
		var v map[string]string
		if err := yaml.Unmarshal([]byte(fix), &v); err != nil {
			t.Errorf("fix %q does not parse: %v", fix, err)
		}
	}
}

// lintYAML must not find a mistake in valid YAML, whatever yaml.v3 said:
// it runs over every definition in the repository's examples and the
// package's own fixtures.
func TestLintYAMLQuietOnValidYAML(t *testing.T) {
	var docs []string
	root := filepath.Join("..", "examples")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// Build outputs (gitignored) are podfeed's writing, not the
			// user's: public/feed.json and .podfeed/cache.json are
			// tab-indented JSON, which the YAML linter rightly flags.
			if n := d.Name(); n == "public" || n == ".podfeed" {
				return fs.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".yaml", ".yml", ".json":
			b, err := os.ReadFile(p)
			docs = append(docs, string(b))
			return err
		case ".md":
			b, err := os.ReadFile(p)
			if fm, _, _, _, ok := splitFrontMatter(string(b)); ok {
				docs = append(docs, fm)
			}
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, goodShow,
		"description: |\n  Line one: with a colon\n\n  \tindented: by a tab inside a block\nnext: ok\n",
		"title: \"multi\n  line: quoted\"\nnext: ok\n",
		"note: plain value\n  continued on the next line\nnext: ok\n",
		"list:\n- a\n- b: c\n  d: e\nnext: 'it''s'\n",
		"url: https://example.org/a:b\ntime: 12:30\n",
	)
	if len(docs) < 8 {
		t.Fatalf("found %d documents; the examples moved?", len(docs))
	}
	for _, doc := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
			t.Fatalf("not valid YAML, cannot test with it: %v\n%s", err, doc)
		}
		for k := anyProblem; k < numYAMLProblems; k++ {
			if p, ok := lintYAML(doc, 0, k); ok {
				t.Errorf("lintYAML(kind %d) found %d:%d %s in valid YAML:\n%s", k, p.line, p.col, p.msg, doc)
			}
		}
	}
}
