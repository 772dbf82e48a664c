package show

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/unicode"
)

func TestCheckEncoding(t *testing.T) {
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("---\ntitle: Café\n---\n")
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String("---\ntitle: Café\n---\n")
	tests := []struct {
		name, text string
		want       string // "line:col: message prefix"; "" for no problem
	}{
		{"UTF-8", "title: Café ☕\n", ""},
		{"UTF-8 with a byte-order mark", "\uFEFFtitle: Café\n", ""},
		{"Latin-1", "---\ntitle: ok\n---\nA caf\xe9 on the coast.\n",
			`4:6: the file is not UTF-8: byte 0xE9 here would be "é" in Latin-1; the file looks like Latin-1 (ISO-8859-1) or Windows-1252: save it as UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)`},
		{"Windows-1252 quotes", "title: ok\nsummary: \x93Fog\x94 \x96 and bells\n",
			`2:10: the file is not UTF-8: byte 0x93 here would be "“" in Windows-1252; the file looks like Windows-1252`},
		{"Latin-1 after a BOM and UTF-8 text", "\uFEFFtitle: Zoë\nnote: na\xefve\n",
			`2:9: the file is not UTF-8: byte 0xEF here`},
		{"UTF-16LE without a byte-order mark", utf16le, "1:1: the file is UTF-16LE, and podfeed reads UTF-8 only"},
		{"UTF-16BE with a byte-order mark", utf16be, "1:1: the file is UTF-16BE, with a byte-order mark, and podfeed reads UTF-8 only"},
		{"Shift_JIS", "title: \x83\x7c\x83\x68\x83\x4c\x83\x83\x83\x58\x83\x67\x82\xcc\x8e\x9e\x8a\xd4\n",
			"1:8: the file is not UTF-8: byte 0x83 here; the file looks like Shift_JIS (or another CJK encoding): save it as UTF-8 (iconv -f SHIFT_JIS -t UTF-8)"},
		{"Latin-1 that is also a valid GBK pair", "title: na\xefve\n", "1:10: the file is not UTF-8: byte 0xEF here would be \"ï\" in Latin-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bad := checkEncoding(tt.text)
			got := ""
			if bad {
				got = fmt.Sprintf("%d:%d: %s", p.line, p.col, p.msg)
			}
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("checkEncoding(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// A file in another encoding is one error at its first bad byte, in the
// file's own lines; the episode is then left out, so nothing follows from
// it.
func TestLoadRefusesOtherEncodings(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte(goodShow)},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: https://x.org/a.mp3\nlength: 10\n", "Notes.\n\nA caf\xe9.\n"),
	}
	got := loadErrs(t, fsys)
	if len(got) != 1 || !strings.HasPrefix(got[0].Error(), "episodes/a.md:9:6: the file is not UTF-8: byte 0xE9") {
		t.Errorf("Load = %v, want one error at episodes/a.md:9:6", got)
	}
}

// After a syntax error in podcast.yaml, Build reports that error and the
// other files' own, and nothing that would only follow from the show
// being unreadable (no "is required", no "needs media_base_url").
func TestBuildAfterShowSyntaxError(t *testing.T) {
	fsys := fstest.MapFS{
		"podcast.yaml":  {Data: []byte("title: Water: How Much?\n" + goodShow[len("title: Test Show\n"):])},
		"episodes/a.md": ep("title: A\ndate: 2025-01-01\naudio: a.mp3\n", "Notes.\n"),
		"episodes/b.md": ep("title: B\ndate: 2025-01-02\naudio: b.mp3\ntitel: x\n", "Notes.\n"),
	}
	def, err := Load(fsys, ".")
	if def == nil {
		t.Fatalf("Load: %v", err)
	}
	_, err = Build(context.Background(), def, BuildOptions{Now: time.Now()})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Build: err = %v, want Errors", err)
	}
	want := []string{
		`episodes/b.md:5:1: unknown key "titel"; did you mean "title"?`,
		`podcast.yaml:1:13: not valid YAML: the value of title holds ": ", which YAML reads as the start of another key; quote the value: title: "Water: How Much?"`,
	}
	if len(errs) != len(want) {
		t.Fatalf("Build reported %d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i := range want {
		if errs[i].Error() != want[i] {
			t.Errorf("error %d = %q, want %q", i, errs[i].Error(), want[i])
		}
	}
}
