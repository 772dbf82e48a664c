package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// cbrMP3 is a fast ReaderAt over a large CBR MP3: head bytes (an ID3v2
// tag and a Xing frame), then 417-byte frames.
type cbrMP3 struct {
	head  []byte
	frame []byte
	size  int64
	read  atomic.Int64
}

func newCBRMP3(head []byte, size int64) *cbrMP3 {
	f := make([]byte, mp3Frame128Len)
	copy(f, mp3Frame128[:])
	return &cbrMP3{head: head, frame: f, size: size}
}

func (m *cbrMP3) ReadAt(p []byte, off int64) (int, error) {
	if off >= m.size {
		return 0, io.EOF
	}
	n := min(int64(len(p)), m.size-off)
	p = p[:n]
	for i := int64(0); i < n; {
		o := off + i
		if o < int64(len(m.head)) {
			i += int64(copy(p[i:], m.head[o:]))
			continue
		}
		rel := (o - int64(len(m.head))) % mp3Frame128Len
		i += int64(copy(p[i:], m.frame[rel:]))
	}
	m.read.Add(n)
	if n < int64(len(p)) {
		return int(n), io.EOF
	}
	return int(n), nil
}

// countWriter counts what is written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// TestEmbedCostMP3 embeds chapters into a 1 GB MP3 (with a 200 KB picture
// in its tag) and counts the bytes read: the audio once, as copying it
// needs, plus the tag and the probe's few kilobytes.
func TestEmbedCostMP3(t *testing.T) {
	const size = 1 << 30
	tag := buildID3(3, []id3Frame{
		{"TIT2", append([]byte{3}, "Big episode"...)},
		{"APIC", make([]byte, 200<<10)},
	})
	frames := uint32((size - len(tag)) / mp3Frame128Len)
	head := append(tag, xingFrame("Xing", frames, 576, 0)...)
	r := newCBRMP3(head, size)
	w := &countWriter{}
	chs := []Chapter{{Start: 0, Title: "One"}, {Start: 10 * time.Minute, Title: "Two"}, {Start: 20 * time.Minute, Title: "Three"}}
	res, err := Embed(context.Background(), r, size, w, chs, EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.n != res.Size {
		t.Errorf("wrote %d bytes, result says %d", w.n, res.Size)
	}
	audio := int64(size - len(tag))
	// The tag's frames are copied too (the picture is not read into
	// memory, but it is read once to be copied).
	need := audio + int64(len(tag))
	if got := r.read.Load(); got > need+256<<10 {
		t.Errorf("read %d bytes to embed into a %d-byte file: %d more than copying needs", got, int64(size), got-need)
	} else {
		t.Logf("read %d bytes for a %d-byte file (%d more than the copy)", got, int64(size), got-need)
	}
}

// TestEmbedCostMP4MoovAtEnd embeds chapters into a 512 MB M4A whose moov
// comes after its mdat: the mdat is copied through a small buffer, never
// held in memory.
func TestEmbedCostMP4MoovAtEnd(t *testing.T) {
	in := readFixture(t, "chapters.m4a")
	s := srcOf(in)
	var mdat, moov box
	_ = walkBoxes(s, 0, s.size, func(b box) (bool, error) {
		switch b.typ {
		case "mdat":
			mdat = b
		case "moov":
			moov = b
		}
		return true, nil
	})
	const big = 512 << 20
	hdr := binary.BigEndian.AppendUint32(nil, uint32(8+big))
	hdr = append(hdr, "mdat"...)
	r := &sparseReader{size: mdat.off + 8 + big + moov.size, parts: []sparsePart{
		{0, in[:mdat.off]},
		{mdat.off, hdr},
		{mdat.off + 8, in[mdat.body():mdat.end()]},
		{mdat.off + 8 + big, in[moov.off:moov.end()]},
	}}
	counted := &countingReader{r: r}
	w := &countWriter{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Embed(context.Background(), counted, r.size, w, embedChapters, EmbedOptions{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if w.n != res.Size {
		t.Errorf("wrote %d bytes, result says %d", w.n, res.Size)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	if alloc > 8<<20 {
		t.Errorf("embedding into a %d MB file allocated %d MB: the mdat must not be held in memory", r.size>>20, alloc>>20)
	}
	if got := counted.bytes.Load(); got > r.size+256<<10 {
		t.Errorf("read %d bytes of a %d-byte file", got, r.size)
	}
	t.Logf("%d MB file: %d KB allocated, %d bytes read", r.size>>20, alloc>>10, counted.bytes.Load())
}

// TestEmbedCanceled: a canceled context stops the copy.
func TestEmbedCanceled(t *testing.T) {
	in := readFixture(t, "cbr.mp3")
	p, err := PlanEmbed(context.Background(), bytes.NewReader(in), int64(len(in)), embedChapters, EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.WriteTo(ctx, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteTo(canceled) = %v, want context.Canceled", err)
	}
}

// benchSize is the size of the benchmark files: PODFEED_EMBED_BENCH_MB
// megabytes, 1024 by default.
func benchSize(b *testing.B) int64 {
	mb := int64(1024)
	if v := os.Getenv("PODFEED_EMBED_BENCH_MB"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			b.Fatalf("PODFEED_EMBED_BENCH_MB=%q", v)
		}
		mb = n
	}
	return mb << 20
}

// writeBenchMP3 writes a CBR MP3 of size bytes to dir.
func writeBenchMP3(b *testing.B, dir string, size int64) string {
	tag := buildID3(3, []id3Frame{{"TIT2", append([]byte{3}, "Big episode"...)}})
	frames := uint32((size - int64(len(tag))) / mp3Frame128Len)
	src := newCBRMP3(append(tag, xingFrame("Xing", frames, 576, 0)...), size)
	name := filepath.Join(dir, "big.mp3")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, io.NewSectionReader(src, 0, size)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return name
}

// BenchmarkEmbedMP3File embeds chapters into an MP3 on disk (1 GB unless
// PODFEED_EMBED_BENCH_MB says otherwise), file to file, as `podfeed
// chapters embed` does. BenchmarkCopyFile copies the same file with
// io.Copy for comparison; both report MB/s.
//
//	go test -run '^$' -bench 'EmbedMP3File|CopyFile' -benchtime 3x ./media
func BenchmarkEmbedMP3File(b *testing.B) {
	size := benchSize(b)
	dir := b.TempDir()
	name := writeBenchMP3(b, dir, size)
	chs := []Chapter{{Start: 0, Title: "One"}, {Start: 10 * time.Minute, Title: "Two"}, {Start: 20 * time.Minute, Title: "Three"}}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_ = os.Remove(filepath.Join(dir, "out.mp3")) // freeing the last run's blocks is not the copy's cost
		b.StartTimer()
		in, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, "out.mp3"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Embed(context.Background(), in, size, out, chs, EmbedOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := out.Sync(); err != nil {
			b.Fatal(err)
		}
		out.Close()
		in.Close()
	}
}

func BenchmarkCopyFile(b *testing.B) {
	size := benchSize(b)
	dir := b.TempDir()
	name := writeBenchMP3(b, dir, size)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_ = os.Remove(filepath.Join(dir, "out.mp3")) // freeing the last run's blocks is not the copy's cost
		b.StartTimer()
		in, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, "out.mp3"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			b.Fatal(err)
		}
		if err := out.Sync(); err != nil {
			b.Fatal(err)
		}
		out.Close()
		in.Close()
	}
}

// writeBenchM4A writes an M4A of about size bytes to dir: the fixture
// chapters.m4a with its mdat padded, its moov after the mdat.
func writeBenchM4A(b *testing.B, dir string, size int64) string {
	in, err := os.ReadFile(filepath.Join("testdata", "chapters.m4a"))
	if err != nil {
		b.Fatal(err)
	}
	s := srcOf(in)
	var mdat, moov box
	_ = walkBoxes(s, 0, s.size, func(x box) (bool, error) {
		switch x.typ {
		case "mdat":
			mdat = x
		case "moov":
			moov = x
		}
		return true, nil
	})
	big := size - mdat.off - 8 - moov.size
	hdr := binary.BigEndian.AppendUint32(nil, 1)
	hdr = append(hdr, "mdat"...)
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(16+big))
	// A 64-bit mdat header is 8 bytes longer: the fixture's chunks move
	// with it, so its moov's offsets are shifted here by hand.
	moovB := bytes.Clone(in[moov.off:moov.end()])
	if i := bytes.Index(moovB, []byte("stco")); i >= 0 {
		n := int(binary.BigEndian.Uint32(moovB[i+8:]))
		for k := range n {
			p := i + 12 + 4*k
			binary.BigEndian.PutUint32(moovB[p:], binary.BigEndian.Uint32(moovB[p:])+8)
		}
	}
	r := &sparseReader{size: mdat.off + 16 + big + moov.size, parts: []sparsePart{
		{0, in[:mdat.off]},
		{mdat.off, hdr},
		{mdat.off + 16, in[mdat.body():mdat.end()]},
		{mdat.off + 16 + big, moovB},
	}}
	name := filepath.Join(dir, "big.m4a")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, io.NewSectionReader(r, 0, r.size)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return name
}

// BenchmarkEmbedM4AFile embeds chapters into an M4A on disk whose moov
// comes after its mdat (1 GB unless PODFEED_EMBED_BENCH_MB says
// otherwise), file to file.
//
//	go test -run '^$' -bench 'EmbedM4AFile|CopyFile' -benchtime 3x ./media
func BenchmarkEmbedM4AFile(b *testing.B) {
	size := benchSize(b)
	dir := b.TempDir()
	name := writeBenchM4A(b, dir, size)
	st, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_ = os.Remove(filepath.Join(dir, "out.m4a"))
		b.StartTimer()
		in, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, "out.m4a"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Embed(context.Background(), in, st.Size(), out, embedChapters, EmbedOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := out.Sync(); err != nil {
			b.Fatal(err)
		}
		out.Close()
		in.Close()
	}
}
