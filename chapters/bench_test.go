package chapters

import (
	"fmt"
	"strings"
	"testing"
)

// showNotes builds about size bytes of realistic show notes: prose,
// links, HTML, false positives and chapter lists.
func showNotes(size int) []byte {
	var b strings.Builder
	for ep := 0; b.Len() < size; ep++ {
		fmt.Fprintf(&b, "## Episode %d: habits, questions and the news\n\n", ep)
		b.WriteString("In this episode we talk about why habits are hard to change, answer listener questions and read John 3:16 at 3:15 AM. ")
		b.WriteString("Find the [transcript](https://example.org/transcript?t=12:34) and <a href=\"https://example.org/\">our site</a>.\n\n")
		b.WriteString("### Chapters\n\n")
		for i := 0; i < 12; i++ {
			fmt.Fprintf(&b, "- (%02d:%02d) Topic number %d with a [link](https://example.org/%d)\n", i*5, i*7%60, i, i)
		}
		b.WriteString("\n<p>01:00:00 Late<br>1:10:00 Later &amp; later</p>\n")
		b.WriteString("- Dotted topic [80.00]\n- Another dotted topic [81.30]\n\n")
		b.WriteString("Alban (00:21): a speaker turn that must not count.\n\n")
	}
	return []byte(b.String())
}

func BenchmarkExtract(b *testing.B) {
	notes := showNotes(100 << 10)
	b.SetBytes(int64(len(notes)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(Extract(notes))
	}
	if n == 0 {
		b.Fatal("Extract found nothing in the benchmark notes")
	}
}
