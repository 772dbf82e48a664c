package main

import (
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdSparse is the testscript command "sparse FILE SIZE": it extends FILE
// to SIZE bytes (e.g. 1GiB) with zeros that take no disk space, for
// media whose headers disagree with a huge file.
func cmdSparse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sparse FILE SIZE")
	}
	n, err := parseSize(args[1])
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
}

// cmdFLACBlocks is the testscript command "flacblocks SRC DST N SIZE": DST
// is the FLAC file SRC with N VORBIS_COMMENT blocks of SIZE bytes each
// (zeros, written sparsely: 16 GiB of metadata costs a few MB of disk)
// between its STREAMINFO and its audio.
func cmdFLACBlocks(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: flacblocks SRC DST N SIZE")
	}
	src, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	size, err := parseSize(args[3])
	ts.Check(err)
	if len(src) < 42 || string(src[:4]) != "fLaC" || size >= 1<<24 {
		ts.Fatalf("flacblocks: %s is not FLAC, or blocks of %d bytes do not fit a FLAC block", args[0], size)
	}
	// The fixture's blocks after STREAMINFO are dropped; its frames follow.
	pos := 42
	for last := src[4]&0x80 != 0; !last; {
		h := src[pos : pos+4]
		last = h[0]&0x80 != 0
		pos += 4 + (int(h[1])<<16 | int(h[2])<<8 | int(h[3]))
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	defer f.Close()
	head := append([]byte(nil), src[:42]...)
	head[4] &^= 0x80
	_, err = f.Write(head)
	ts.Check(err)
	off := int64(42)
	for i := range n {
		h := []byte{4, byte(size >> 16), byte(size >> 8), byte(size)}
		if i == n-1 {
			h[0] |= 0x80
		}
		_, err = f.WriteAt(h, off)
		ts.Check(err)
		off += 4 + size
	}
	_, err = f.WriteAt(src[pos:], off)
	ts.Check(err)
}
