package show

import (
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPlainAbsURL: every URL plainAbsURL takes is one url.Parse takes as
// an absolute http(s) URL with a host, on typical URLs and on strings
// made of the bytes that matter to either.
func TestPlainAbsURL(t *testing.T) {
	parsed := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
	}
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"https://cdn.example.org/audio/ep1.mp3", true},
		{"http://example.org", true},
		{"https://example.org/a?b=c&d=e#f", true},
		{"https://example.org/read/it's-(1)", true},
		{"https://Example.org/", false},      // url.Parse's to judge
		{"https://example.org:8080/", false}, // a port
		{"https://user@example.org/", false}, // user info
		{"https://example.org/a%20b", false}, // an escape
		{"https://example.org/a b", false},
		{"https://example.org?q", false},
		{"https://", false},
		{"ftp://example.org/", false},
		{"HTTPS://example.org/", false},
		{"https://[::1]/", false},
		{"https://example.org/é", false},
	} {
		if got := plainAbsURL(tc.s); got != tc.want {
			t.Errorf("plainAbsURL(%q) = %v, want %v", tc.s, got, tc.want)
		}
		if plainAbsURL(tc.s) && !parsed(tc.s) {
			t.Errorf("plainAbsURL(%q) is true, url.Parse says otherwise", tc.s)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := "aZ09.-_~!$&'()*+,;=:@/?#%[] \t\"<>\\^`{|}é\x00\x7f"
	for range 200_000 {
		var b strings.Builder
		b.WriteString([]string{"https://", "http://", "https://ex.org/"}[rng.IntN(3)])
		for range rng.IntN(12) {
			c := alphabet[rng.IntN(len(alphabet))]
			b.WriteByte(c)
		}
		s := b.String()
		if plainAbsURL(s) && !parsed(s) {
			t.Fatalf("plainAbsURL(%q) is true, url.Parse says otherwise", s)
		}
	}
}

// TestValidSlug: validSlug is the pattern slugs were checked with.
func TestValidSlug(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
	cases := []string{"", "a", "ep-1", "ep_1.x", ".x", "_x", "-x", "a b", "é", "a\n", "ep1\n", strings.Repeat("a", 128), strings.Repeat("a", 129), "A9", "9.", "a/b"}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "aZ09._-/ é\n"
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := validSlug(s), re.MatchString(s); got != want {
			t.Errorf("validSlug(%q) = %v, want %v", s, got, want)
		}
	}
}
