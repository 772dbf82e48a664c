package main

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{4, 1, 3, 2}, 2}, // (2+3)/2, truncated
		{[]time.Duration{10, 30}, 20},
	}
	for _, tt := range tests {
		in := append([]time.Duration(nil), tt.in...)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Fatalf("median reordered its input: %v", tt.in)
			}
		}
	}
	if got := medianInt([]int64{7, 3, 5}); got != 5 {
		t.Errorf("medianInt = %d, want 5", got)
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{249 * time.Millisecond, "249 ms"},
		{1500 * time.Millisecond, "1.50 s"},
		{12345 * time.Millisecond, "12.3 s"},
	}
	for _, tt := range tests {
		if got := round(tt.in); got != tt.want {
			t.Errorf("round(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	rss, cpu, err := parseTime("34816 0.41 0.07\n")
	if err != nil || rss != 34816 || cpu != 480*time.Millisecond {
		t.Errorf("parseTime = %d, %v, %v; want 34816, 480ms, nil", rss, cpu, err)
	}
	if _, _, err := parseTime("Command exited with non-zero status 1\n"); err == nil {
		t.Error("parseTime accepted a line without figures")
	}
}

func TestRoundRange(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		a, b []time.Duration
		want string
	}{
		// paired by round: 200/100, 300/200, 100/100
		{[]time.Duration{200 * ms, 300 * ms, 100 * ms}, []time.Duration{100 * ms, 200 * ms, 100 * ms}, " (1.00–2.00)"},
		{[]time.Duration{200 * ms, 300 * ms}, []time.Duration{100 * ms}, ""}, // not measured in every round alike
		{[]time.Duration{200 * ms}, []time.Duration{100 * ms}, ""},           // one round: no range
		{[]time.Duration{200 * ms, 0}, []time.Duration{100 * ms, 100 * ms}, ""},
	} {
		if got := roundRange(tc.a, tc.b); got != tc.want {
			t.Errorf("roundRange(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}
