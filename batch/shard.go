package batch

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard selects every N-th target starting at K (0-based): shard K of N.
// The zero value takes every target. Shards 0/N … N-1/N of one list cover
// it exactly once, whatever the machines they run on.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N" with 0 <= K < N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want K/N, e.g. 0/4", s)
	}
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: want K/N with whole numbers, e.g. 0/4", s)
	}
	if ni < 1 || ki < 0 || ki >= ni {
		return Shard{}, fmt.Errorf("shard %q: want 0 <= K < N", s)
	}
	return Shard{K: ki, N: ni}, nil
}

// Takes reports whether the target at index i (0-based, in list order)
// belongs to the shard.
func (s Shard) Takes(i int) bool {
	return s.N <= 1 || i%s.N == s.K
}

// String returns "K/N", or "" for the zero value.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return strconv.Itoa(s.K) + "/" + strconv.Itoa(s.N)
}
