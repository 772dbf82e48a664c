package gen

import (
	"bytes"
	"testing"
)

func concat(eps []Episode) []byte {
	paths, data := Files(eps)
	var b bytes.Buffer
	for i := range paths {
		b.WriteString(paths[i])
		b.WriteByte(0)
		b.Write(data[i])
		b.WriteByte(0)
	}
	for i := range eps {
		b.WriteString(eps[i].NotesHTML)
	}
	return b.Bytes()
}

// TestDeterministic checks that the same seed gives the same bytes and
// another seed other bytes.
func TestDeterministic(t *testing.T) {
	a := concat(Episodes(200, Seed, true))
	b := concat(Episodes(200, Seed, true))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed gave different show folders")
	}
	if c := concat(Episodes(200, Seed+1, true)); bytes.Equal(a, c) {
		t.Fatal("another seed gave the same show folder")
	}
}

// TestHTMLOnlySame checks that leaving out the Markdown changes nothing
// else: the writers and the show folder describe the same episodes.
func TestHTMLOnlySame(t *testing.T) {
	full, lean := Episodes(100, Seed, true), Episodes(100, Seed, false)
	for i := range full {
		if lean[i].NotesMD != "" {
			t.Fatalf("episode %d: NotesMD kept without markdown", i)
		}
		lean[i].NotesMD = full[i].NotesMD
		if full[i] != lean[i] {
			t.Fatalf("episode %d differs:\n%+v\n%+v", i, full[i], lean[i])
		}
	}
}

// TestNotesSize checks the notes are about 2 KB, as the benchmark says.
func TestNotesSize(t *testing.T) {
	for i, e := range Episodes(50, Seed, true) {
		if n := len(e.NotesMD); n < 1900 || n > 2300 {
			t.Errorf("episode %d: notes are %d bytes, want about 2000", i, n)
		}
	}
}
