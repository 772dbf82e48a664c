package show

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"
)

// Caps on what Load and Build read from the show folder. A file above its
// cap is a definition error naming the file, its size and the cap; it is
// never read whole.
const (
	// MaxShowFile is the largest podcast.yaml (with any episodes defined
	// inline, as pipelines that generate the definitions do).
	MaxShowFile = 64 << 20
	// MaxEpisodeFile is the largest episode file (front matter and notes).
	MaxEpisodeFile = 1 << 20
	// MaxChapterFile is the largest chapter file an episode's chapters key
	// may name.
	MaxChapterFile = 1 << 20
	// MaxNotes is the longest Markdown text (an episode's notes or summary,
	// the show's description) Build renders. The longest show notes in the
	// corpus are about 40 KB.
	MaxNotes = 1 << 20
)

// fileProblem is a file that Load or Build refuses to read: it is not a
// regular file, a symbolic link leads out of the show folder, or it is
// larger than its cap. It is reported as a definition error at the file.
type fileProblem struct {
	msg string
}

func (p *fileProblem) Error() string { return p.msg }

// readResult is what a dirReader found when asked for a file.
type readResult int

const (
	readLeft   readResult = iota // not read: left to fs.FS
	readDone                     // read, or refused with an error
	readGone                     // no such file (any more)
	readFolder                   // a folder
)

// readBuf holds the read buffers of readText.
var readBuf = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// readText reads a regular file of at most max bytes into a string, with
// one allocation of its size. It refuses, with a *fileProblem, anything
// else: a FIFO or device (which could block forever or never end), a
// folder, a symbolic link fsys does not follow (os.Root.FS follows none
// that leave the root) and a file above max, which it never reads past
// max+1 bytes even if the file grows while being read.
func readText(fsys fs.FS, name, what string, max int64) (string, error) {
	return readFile(fsys, name, what, max, false)
}

// readFile is readText; listedRegular says that the folder's listing
// already gave name as a regular file (not a link, FIFO or device), so it
// can be opened without looking first.
func readFile(fsys fs.FS, name, what string, max int64, listedRegular bool) (string, error) {
	if !listedRegular {
		st, err := fs.Stat(fsys, name)
		if p := linkProblem(fsys, name, err); p != nil {
			return "", p
		}
		if err != nil {
			return "", err
		}
		if p := unreadable(st, what, max); p != nil {
			return "", p
		}
	}
	// Stat looked before the file was opened: check the opened file too, so
	// that a file swapped for a FIFO or a device in between is refused.
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if p := unreadable(st, what, max); p != nil {
		return "", p
	}
	var sb strings.Builder
	if st.Size() > 0 && st.Size() <= max {
		sb.Grow(int(st.Size()))
	}
	bp := readBuf.Get().(*[]byte)
	defer readBuf.Put(bp)
	r := io.LimitReader(f, max+1)
	for {
		n, err := r.Read(*bp)
		sb.Write((*bp)[:n])
		if int64(sb.Len()) > max {
			return "", tooLarge(what, int64(sb.Len()), max)
		}
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// linkProblem explains err, the error of following name, when name is a
// symbolic link that fsys refuses to follow: os.Root.FS refuses every link
// that leads out of the root.
func linkProblem(fsys fs.FS, name string, err error) *fileProblem {
	if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil
	}
	if lst, lerr := fs.Lstat(fsys, name); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
		return &fileProblem{msg: "a symbolic link that leads out of the show folder: podfeed reads only files inside it"}
	}
	return nil
}

// capNotes drops Markdown text longer than MaxNotes, so it is never
// rendered, and reports it at its key.
func capNotes(errs *errorList, file string, pos *keyPlaces, key string, s *string) {
	if len(*s) <= MaxNotes {
		return
	}
	p, _ := pos.get(key)
	name := key[strings.LastIndexByte(key, '.')+1:]
	size, limit := byteSizes(int64(len(*s)), MaxNotes)
	errs.addf(file, p.Line, p.Col, "%s: %s of Markdown, more than the %s podfeed renders (a transcript belongs in a transcript file: see transcripts)", name, size, limit)
	*s = ""
}

// unreadable says why the file st describes is not read: not a regular
// file, or larger than max bytes; nil when it is fine.
func unreadable(st fs.FileInfo, what string, max int64) error {
	if p := irregular(st); p != nil {
		return p
	}
	if st.Size() > max {
		return tooLarge(what, st.Size(), max)
	}
	return nil
}

func irregular(st fs.FileInfo) *fileProblem {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case m.IsDir():
		kind = "a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		kind = "a device, not a regular file"
	case m&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	}
	return &fileProblem{msg: kind + ": podfeed reads only regular files"}
}

// tooLarge says that a file is above its cap; size is its size, or max+1
// when it grew past the cap while being read.
func tooLarge(what string, size, max int64) *fileProblem {
	if size > max+1 {
		s, m := byteSizes(size, max)
		return &fileProblem{msg: fmt.Sprintf("%s is %s, more than the %s podfeed reads", what, s, m)}
	}
	return &fileProblem{msg: fmt.Sprintf("%s is more than the %s podfeed reads", what, byteSize(max))}
}

// byteSizes formats a size and the cap it exceeds, in bytes when rounding
// would show them the same.
func byteSizes(size, max int64) (string, string) {
	s, m := byteSize(size), byteSize(max)
	if s == m {
		return fmt.Sprintf("%d bytes", size), fmt.Sprintf("%d bytes", max)
	}
	return s, m
}

// byteSize formats n bytes for a person: "812 bytes", "1.5 MiB".
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	case n < 1<<30:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<30))) + " GiB"
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// Excerpts: values quoted in messages are cut to a short excerpt, so that
// a message never echoes a long value (or a file read by mistake) whole.
const (
	excerptMax = 200  // longest string argument quoted whole
	messageMax = 1000 // longest message
)

// excerpt shortens s to about excerptMax bytes, on a rune boundary, and
// says how long it was.
func excerpt(s string) string {
	if len(s) <= excerptMax {
		return s
	}
	cut := excerptMax * 3 / 4
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%s in all)", s[:cut], byteSize(int64(len(s))))
}

// shortArgs returns args with every long string or error cut to an excerpt.
func shortArgs(args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case string:
			s = v
		case error:
			s = v.Error()
		default:
			continue
		}
		if len(s) <= excerptMax {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = excerpt(s)
	}
	if out == nil {
		return args
	}
	return out
}

// shortMessage cuts a message to messageMax bytes.
func shortMessage(s string) string {
	if len(s) <= messageMax {
		return s
	}
	cut := messageMax
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
