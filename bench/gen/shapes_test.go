package gen

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wellFormed parses b with encoding/xml (namespaces and entities
// checked) and returns the number of items.
func wellFormed(t *testing.T, name string, b []byte) int {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	items := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return items
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" && se.Name.Space == "" {
			items++
		}
	}
}

// TestShapes writes every shape at a small scale: well-formed, the item
// count it reports, the same bytes twice, and more bytes at a larger
// scale.
func TestShapes(t *testing.T) {
	corpus := os.Getenv("PODFEED_CORPUS")
	for _, s := range Shapes() {
		t.Run(s.Name, func(t *testing.T) {
			var a, b, big bytes.Buffer
			n, err := s.Write(&a, 0.01, corpus)
			if err != nil {
				t.Fatal(err)
			}
			if got := wellFormed(t, s.Name, a.Bytes()); got != n || n == 0 {
				t.Errorf("wrote %d items, reported %d", got, n)
			}
			if _, err := s.Write(&b, 0.01, corpus); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes gave different bytes")
			}
			if _, err := s.Write(&big, 0.03, corpus); err != nil {
				t.Fatal(err)
			}
			if big.Len() <= a.Len() {
				t.Errorf("scale 0.03 wrote %d bytes, scale 0.01 %d", big.Len(), a.Len())
			}
		})
	}
}

func TestCRLFShape(t *testing.T) {
	s, _ := ShapeNamed("cdata-crlf")
	var b bytes.Buffer
	if _, err := s.Write(&b, 0.001, ""); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "\r\n") < strings.Count(b.String(), "\n")*9/10 || !strings.Contains(b.String(), "<![CDATA[") {
		t.Error("cdata-crlf: want CRLF line ends and CDATA")
	}
}

// TestSampleShape checks the corpus shape without a corpus: the shipped
// sample, its items made unique per copy.
func TestSampleShape(t *testing.T) {
	s, _ := ShapeNamed("corpus")
	var b bytes.Buffer
	n, err := s.Write(&b, 0.01, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := wellFormed(t, "sample", b.Bytes()); got != n {
		t.Fatalf("%d items, reported %d", got, n)
	}
	guids := map[string]bool{}
	d := xml.NewDecoder(&b)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "guid" && se.Name.Space == "" {
			var v string
			if err := d.DecodeElement(&v, &se); err != nil {
				t.Fatal(err)
			}
			if guids[v] {
				t.Fatalf("GUID %q twice", v)
			}
			guids[v] = true
		}
	}
	if len(guids) != n {
		t.Errorf("%d GUIDs for %d items", len(guids), n)
	}
}

// TestWriteShapeFile checks the file writer: complete file, size and
// item count reported, no temporary file left.
func TestWriteShapeFile(t *testing.T) {
	dir := t.TempDir()
	s, _ := ShapeNamed("generated")
	name := filepath.Join(dir, "g.xml")
	n, size, err := WriteShapeFile(s, 0.001, "", name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil || int64(len(b)) != size || wellFormed(t, name, b) != n {
		t.Fatalf("file %d bytes (reported %d), err %v", len(b), size, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files left in the folder, want 1", len(entries))
	}
}
