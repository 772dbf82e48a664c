package validate

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestColumnsCountCodePoints checks that columns count characters of the
// document as written, whatever its encoding and however long the line
// (lines longer than the scanner's window included).
func TestColumnsCountCodePoints(t *testing.T) {
	feed := func(decl, pad string) string {
		return decl + "<rss version=\"2.0\"><channel><title>" + pad + "&nbsp;</title></channel></rss>\n"
	}
	const prefix = len(`<rss version="2.0"><channel><title>`)
	for _, tc := range []struct {
		name   string
		pad    string
		encode func(string) string
		decl   string
	}{
		{"ascii", "abc", nil, ""},
		{"hebrew utf-8", "שלום עולם", nil, ""},
		{"emoji utf-8", "🎙️ podcast 🎧", nil, ""},
		{"long line utf-8", strings.Repeat("é🎧x", 60_000), nil, ""},
		{"latin-1", "Rádio Ação", func(s string) string {
			b, err := charmap.ISO8859_1.NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"},
		{"utf-16le", "Ωmega ünïcode", func(s string) string {
			b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := feed(tc.decl, tc.pad)
			if tc.encode != nil {
				src = tc.encode(src)
			}
			res, err := Run(context.Background(), strings.NewReader(src), Config{Enable: []string{"xml-undefined-entity"}, Profiles: []Profile{"none"}})
			if err != nil {
				t.Fatal(err)
			}
			line := 1
			if tc.decl != "" {
				line = 2
			}
			want := Pos{Line: line, Col: prefix + len([]rune(tc.pad)) + 1}
			var got []Pos
			for _, d := range res.Diagnostics {
				if d.Code == "xml-undefined-entity" {
					got = append(got, d.Pos)
				}
			}
			if len(got) != 1 || got[0] != want {
				t.Errorf("xml-undefined-entity at %v, want [%v]", got, want)
			}
		})
	}
}

func TestContBytes(t *testing.T) {
	for _, s := range []string{"", "a", "é", "abcdefgh", "abcdefgé", "ééééé", "🎧🎧🎧 x", strings.Repeat("שלום ", 40)} {
		if got, want := len(s)-contBytes([]byte(s)), len([]rune(s)); got != want {
			t.Errorf("%q: %d code points, want %d", s, got, want)
		}
	}
}
