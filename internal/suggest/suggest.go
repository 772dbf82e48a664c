package suggest

// Distance is the Levenshtein distance between a and b: the fewest byte
// insertions, deletions and substitutions that turn a into b. It compares
// bytes, so a non-ASCII character counts as several.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Closest returns the candidate nearest to word, or "" when none is close
// enough to be a typo: its distance must be below len(word)/2+2. Case and
// the difference between '-' and '_' are ignored, so "Pub-Date" finds
// "pub_date". Of equally close candidates the first wins.
func Closest(word string, candidates []string) string {
	w := fold(word)
	best, bestD := "", len(word)/2+2
	for _, c := range candidates {
		// The distance is at least the difference in length: skip the
		// quadratic comparison when that alone is too far (a long value
		// compared with short names).
		if diff := len(w) - len(c); diff >= bestD || -diff >= bestD {
			continue
		}
		if d := Distance(w, fold(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// fold lower-cases ASCII letters and turns '-' into '_', allocating only
// when s changes.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '-' || 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				switch c := b[j]; {
				case c == '-':
					b[j] = '_'
				case 'A' <= c && c <= 'Z':
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
