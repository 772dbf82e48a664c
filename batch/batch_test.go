package batch

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/2": {0, 2}, "1/2": {1, 2}, " 3 / 10 ": {3, 10}, "0/1": {0, 1}} {
		got, err := ParseShard(in)
		if err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "2/2", "-1/2", "0/0", "a/b", "1/2/3"} {
		if s, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) = %v, want an error", in, s)
		}
	}
}

// TestShardsCoverOnce: the shards of N cover every index exactly once.
func TestShardsCoverOnce(t *testing.T) {
	for n := 1; n <= 7; n++ {
		for i := range 100 {
			takers := 0
			for k := range n {
				if (Shard{K: k, N: n}).Takes(i) {
					takers++
				}
			}
			if takers != 1 {
				t.Fatalf("N=%d: index %d taken by %d shards", n, i, takers)
			}
		}
	}
	if !(Shard{}).Takes(5) {
		t.Error("the zero Shard must take everything")
	}
}

func collect(t *testing.T, args []string, list string, shard Shard) ([]Target, int) {
	t.Helper()
	out := make(chan Target)
	var got []Target
	done := make(chan struct{})
	go func() {
		for tg := range out {
			got = append(got, tg)
		}
		close(done)
	}()
	var r *strings.Reader
	if list != "" {
		r = strings.NewReader(list)
	}
	var n int
	var err error
	if r != nil {
		n, err = Targets(context.Background(), args, r, shard, out)
	} else {
		n, err = Targets(context.Background(), args, nil, shard, out)
	}
	<-done
	if err != nil {
		t.Fatal(err)
	}
	return got, n
}

func TestTargets(t *testing.T) {
	list := "# shows we host\nhttps://a.example/feed.xml\n\n  b.xml  \r\n#c.xml\nhttps://c.example/rss\n"
	got, n := collect(t, []string{"x.xml", "y.xml"}, list, Shard{})
	want := []Target{{0, "x.xml"}, {1, "y.xml"}, {2, "https://a.example/feed.xml"}, {3, "b.xml"}, {4, "https://c.example/rss"}}
	if n != 5 || len(got) != len(want) {
		t.Fatalf("got %v (%d seen), want %v", got, n, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("target %d = %v, want %v", i, got[i], want[i])
		}
	}
	a, _ := collect(t, []string{"x.xml", "y.xml"}, list, Shard{0, 2})
	b, _ := collect(t, []string{"x.xml", "y.xml"}, list, Shard{1, 2})
	if len(a) != 3 || len(b) != 2 || a[1].Name != "https://a.example/feed.xml" || b[1].Name != "b.xml" {
		t.Errorf("shard 0/2 = %v, 1/2 = %v", a, b)
	}
}

func TestTargetsLongLine(t *testing.T) {
	out := make(chan Target, 10)
	_, err := Targets(context.Background(), nil, strings.NewReader("a.xml\n"+strings.Repeat("x", MaxLineBytes+1)+"\n"), Shard{}, out)
	if err == nil || !strings.Contains(err.Error(), "after line 1") {
		t.Errorf("err = %v, want one naming the line", err)
	}
}

func TestTargetsCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Target) // never read
	cancel()
	if _, err := Targets(ctx, []string{"a", "b"}, nil, Shard{}, out); err == nil {
		t.Error("no error after cancel")
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"https://Feeds.Example.com/show.xml": "feeds.example.com",
		"http://user:pw@h.example:8080/x?y":  "h.example:8080",
		"https://h.example?q=1":              "h.example",
		"http://[::1]:9/feed":                "[::1]:9",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHostsCap: no more than perHost requests to one host run at once,
// while another host is not held up.
func TestHostsCap(t *testing.T) {
	h := NewHosts(2)
	var running, peak, other atomic.Int32
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := "a.example"
			if i%5 == 0 {
				key = "b.example"
			}
			release, err := h.Acquire(context.Background(), key, time.Minute)
			if err != nil {
				t.Error(err)
				return
			}
			defer release()
			if key == "b.example" {
				other.Add(1)
				return
			}
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
		}()
	}
	wg.Wait()
	if peak.Load() > 2 || peak.Load() < 1 {
		t.Errorf("peak concurrency on one host = %d, want at most 2", peak.Load())
	}
	if other.Load() != 4 {
		t.Errorf("other host ran %d requests, want 4", other.Load())
	}
	if h.Len() != 0 {
		t.Errorf("%d host entries left after every request finished, want 0", h.Len())
	}
}

// TestHostsPause: after Pause, the next request to the host waits at least
// that long; other hosts do not.
func TestHostsPause(t *testing.T) {
	h := NewHosts(4)
	release, err := h.Acquire(context.Background(), "slow.example", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h.Pause("slow.example", 150*time.Millisecond)
	release()
	r2, err := h.Acquire(context.Background(), "other.example", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	r2()
	r3, err := h.Acquire(context.Background(), "slow.example", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	r3()
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("request after a 150ms pause started after %v", waited)
	}
	// A cancelled wait gives up its slot.
	r4, _ := h.Acquire(context.Background(), "slow.example", time.Minute)
	h.Pause("slow.example", time.Hour)
	r4()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.Acquire(ctx, "slow.example", 2*time.Hour); err == nil {
		t.Error("Acquire during an hour's pause returned no error when its context ended")
	}
	// A pause longer than the caller waits fails at once.
	start = time.Now()
	var pe *PausedError
	if _, err := h.Acquire(context.Background(), "slow.example", time.Minute); !errors.As(err, &pe) || pe.Host != "slow.example" {
		t.Errorf("Acquire during an hour's pause with maxWait 1m: %v, want a *PausedError", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("Acquire waited %v before giving up on a pause it would not wait for", time.Since(start))
	}
	h.Pause("nobody.example", time.Hour) // no slot held: ignored
	if h.Len() != 1 {
		t.Errorf("%d entries, want 1 (the paused host)", h.Len())
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Thu, 03 Dec 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Thu, 03 Dec 2026 11:00:00 GMT", 0, true},
		{"9999999999", 24 * time.Hour, true},
		{"", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
		{"1.5", 0, false},
	} {
		got, ok := RetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
