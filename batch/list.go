package batch

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// Target is one feed to check: its position in the whole list (before
// sharding) and the file name or URL.
type Target struct {
	Index int
	Name  string
}

// MaxLineBytes is the longest line Targets accepts in a list.
const MaxLineBytes = 64 << 10

// Targets sends the targets of args, then of list (one per line; blank
// lines and lines starting with # are skipped, spaces around a name
// trimmed) to out, keeping those shard takes, and closes out. The list is
// read as out is drained, so a list of millions costs no memory. It
// returns the number of targets seen (before sharding), and stops early
// with ctx's error when ctx is done. list may be nil.
func Targets(ctx context.Context, args []string, list io.Reader, shard Shard, out chan<- Target) (int, error) {
	defer close(out)
	i := 0
	send := func(name string) error {
		defer func() { i++ }()
		if !shard.Takes(i) {
			return nil
		}
		select {
		case out <- Target{Index: i, Name: name}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, a := range args {
		if err := send(a); err != nil {
			return i, err
		}
	}
	if list == nil {
		return i, nil
	}
	sc := bufio.NewScanner(list)
	sc.Buffer(make([]byte, 4096), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		if err := send(name); err != nil {
			return i, err
		}
	}
	if err := sc.Err(); err != nil {
		return i, fmt.Errorf("reading the list after line %d: %w", line, err)
	}
	return i, nil
}
