package main

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// cmdRecode is the testscript command "recode FILE ENCODING": it rewrites
// the UTF-8 text of FILE in ENCODING (windows-1252, latin1, utf-16le,
// utf-16be with a byte-order mark, shift_jis), for the tests of files
// saved in the wrong encoding.
func cmdRecode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: recode FILE ENCODING")
	}
	var enc encoding.Encoding
	switch args[1] {
	case "windows-1252":
		enc = charmap.Windows1252
	case "latin1":
		enc = charmap.ISO8859_1
	case "utf-16le":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "shift_jis":
		enc = japanese.ShiftJIS
	default:
		ts.Fatalf("recode: unknown encoding %q", args[1])
	}
	name := ts.MkAbs(args[0])
	b, err := os.ReadFile(name)
	ts.Check(err)
	out, err := enc.NewEncoder().Bytes(b)
	ts.Check(err)
	ts.Check(os.WriteFile(name, out, 0o644))
}
