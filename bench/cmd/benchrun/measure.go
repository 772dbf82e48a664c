package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// kase is one contender: a command run as its own process.
type kase struct {
	group, name string
	argv        []string
	env         []string     // added to the environment
	before      func() error // run before each run, not measured
	useWork     bool         // rank by the work time the case reports, not wall time
	baseline    bool         // not a contender: no ratio
	bytes       int64        // input or output size; 0: as the case reports
	items       int
	unit        string // "items" or "files"
	note        string
	skip        string        // non-empty: not run, and why
	timeout     time.Duration // 0: none; a run over it stops the case
	okExit      func(code int) bool

	walls, works []time.Duration
	rss          []int64 // KiB
	cpus         []time.Duration
	reported     result
	timedOut     bool
}

// result is benchcase's JSON line.
type result struct {
	WorkNS int64 `json:"work_ns"`
	Bytes  int64 `json:"bytes"`
	Items  int   `json:"items"`
}

// timeBin is GNU time, which reports the peak RSS of what it runs.
const timeBin = "/usr/bin/time"

// once runs k one time and, when keep is set, records the measurements.
// A run that exceeds k.timeout marks the case timed out and skips it
// from then on.
func (k *kase) once(ctx context.Context, keep bool) error {
	if k.skip != "" || k.timedOut {
		return nil
	}
	if k.before != nil {
		if err := k.before(); err != nil {
			return err
		}
	}
	// /usr/bin/time forks the case from its own small process: the peak
	// RSS of a child that Go starts directly (with vfork) would count
	// this parent's resident memory too.
	rssFile := filepath.Join(os.TempDir(), fmt.Sprintf("benchrun-rss-%d", os.Getpid()))
	argv := append([]string{timeBin, "-f", "%M %U %S", "-o", rssFile}, k.argv...)
	var stdout, stderr bytes.Buffer
	rctx := ctx
	if k.timeout > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, k.timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(rctx, argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if len(k.env) > 0 {
		cmd.Env = append(os.Environ(), k.env...)
	}
	// stop the whole process group: time's child too
	cmd.Cancel = func() error { return killGroup(cmd) }
	setGroup(cmd)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if rctx.Err() == context.DeadlineExceeded {
		k.timedOut = true
		return nil
	}
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || k.okExit == nil || !k.okExit(ee.ExitCode()) {
			return fmt.Errorf("%v\n%s", err, tail(stderr.Bytes()))
		}
	}
	rb, err := os.ReadFile(rssFile)
	if err != nil {
		return fmt.Errorf("peak RSS: %w", err)
	}
	_ = os.Remove(rssFile)
	rss, cpu, err := parseTime(string(rb))
	if err != nil {
		return fmt.Errorf("%s output %q: %w", timeBin, rb, err)
	}
	if !keep {
		return nil
	}
	k.walls = append(k.walls, wall)
	k.rss = append(k.rss, rss) // KiB
	k.cpus = append(k.cpus, cpu)
	if filepath.Base(k.argv[0]) == "benchcase" {
		var r result
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			return fmt.Errorf("benchcase output %q: %w", stdout.Bytes(), err)
		}
		if r.Items != k.items {
			return fmt.Errorf("handled %d %s, want %d", r.Items, k.unit, k.items)
		}
		k.reported = r
		k.works = append(k.works, time.Duration(r.WorkNS))
	}
	return nil
}

// time is the median the row is ranked by.
func (k *kase) time() time.Duration {
	if k.useWork {
		return median(k.works)
	}
	return median(k.walls)
}

// spread is the fastest and slowest of the runs the row is ranked by.
func (k *kase) spread() (time.Duration, time.Duration) {
	ds := k.walls
	if k.useWork {
		ds = k.works
	}
	return minMax(ds)
}

func minMax(ds []time.Duration) (time.Duration, time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	return slices.Min(ds), slices.Max(ds)
}

// measured reports whether k has figures to print.
func (k *kase) measured() bool { return len(k.walls) > 0 }

// parseTime reads GNU time's "%M %U %S": peak RSS in KiB, then user and
// system CPU seconds, added up.
func parseTime(s string) (int64, time.Duration, error) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return 0, 0, errors.New("want peak RSS, user and system time")
	}
	f = f[len(f)-3:] // a failing command adds a line before
	rss, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0, 0, err
	}
	var cpu time.Duration
	for _, x := range f[1:] {
		sec, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return 0, 0, err
		}
		cpu += time.Duration(sec * float64(time.Second))
	}
	return rss, cpu, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianInt(xs []int64) int64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func round(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f ms", float64(d)/1e6)
}

// spreadOf prints a median with its range: "176 ms (160–190)".
func spreadOf(ds []time.Duration) string {
	lo, hi := minMax(ds)
	return fmt.Sprintf("%s (%s–%s)", round(median(ds)), round(lo), round(hi))
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}

// ratio prints a/b to two places, or "—".
func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a.Seconds()/b.Seconds())
}
