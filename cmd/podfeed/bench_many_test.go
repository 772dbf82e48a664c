package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/corpus"
)

// Benchmarks of runs over many feeds. They build the podfeed binary and
// run it as a user would, so process start-up, scheduling and memory are
// those of the real command:
//
//	go test ./cmd/podfeed -run '^$' -bench 'BenchmarkValidateMany/.*/1000$' -benchtime 1x -count 3
//	go test ./cmd/podfeed -run '^$' -bench 'BenchmarkValidateServed/.*/10000$' -benchtime 1x
//
// The /10000 and /100000 sizes check the same claims at ten times the size.
//
// Time on a shared machine is noisy: each benchmark also reports the CPU
// time (user+sys) of the podfeed processes, and the comparison benchmark
// times both ways in the same op, alternating which goes first.

var (
	benchBinOnce sync.Once
	benchBin     string
	benchBinErr  error
)

// podfeedBinary builds the command once per test binary run.
func podfeedBinary(b *testing.B) string {
	benchBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "podfeed-bench-")
		if err != nil {
			benchBinErr = err
			return
		}
		benchBin = filepath.Join(dir, "podfeed")
		out, err := exec.Command("go", "build", "-o", benchBin, ".").CombinedOutput()
		if err != nil {
			benchBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if benchBinErr != nil {
		b.Fatal(benchBinErr)
	}
	return benchBin
}

// manyFeeds writes n feeds into dir and returns their paths. shape
// "corpus" cycles through the shared corpus's feeds (real feeds of every
// size and host); "small" is a generated one-item feed per file.
func manyFeeds(b *testing.B, dir, shape string, n int) []string {
	b.Helper()
	var bodies [][]byte
	switch shape {
	case "corpus":
		for _, f := range corpus.Files(b, "feeds", "*.xml") {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			bodies = append(bodies, data)
		}
	case "small":
		for i := range 50 {
			bodies = append(bodies, []byte(strings.Replace(testFeed, "Episode&nbsp;1", "Episode "+strconv.Itoa(i), 1)))
		}
	default:
		b.Fatalf("unknown shape %q", shape)
	}
	paths := make([]string, n)
	for i := range n {
		paths[i] = filepath.Join(dir, fmt.Sprintf("feed-%05d.xml", i))
		if err := os.WriteFile(paths[i], bodies[i%len(bodies)], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// runCmd runs the command and returns its CPU time (user+sys) and peak
// RSS in bytes.
func runCmd(b *testing.B, cmd *exec.Cmd) (cpu time.Duration, maxRSS int64) {
	b.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	st := cmd.ProcessState
	cpu = st.UserTime() + st.SystemTime()
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return cpu, maxRSS
}

// oneProcess validates every feed of list in one podfeed process.
func oneProcess(b *testing.B, bin, list string, jobs int) time.Duration {
	cmd := exec.Command(bin, "validate", "--jobs", strconv.Itoa(jobs), "--from", list, "--format", "jsonl", "--fail-on", "none")
	cmd.Stdout = nil // discarded
	cpu, _ := runCmd(b, cmd)
	return cpu
}

// separateProcesses validates each feed in its own podfeed process, jobs
// processes at a time.
func separateProcesses(b *testing.B, bin string, paths []string, jobs int) time.Duration {
	var mu sync.Mutex
	var total time.Duration
	next := make(chan string)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				cpu, _ := runCmd(b, exec.Command(bin, "validate", "--format", "json", "--fail-on", "none", p))
				mu.Lock()
				total += cpu
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return total
}

// BenchmarkValidateMany compares validating 1,000 (or 10,000) feeds in one process
// with --jobs 2 against as many separate processes, two at a time (the
// machine's cores), on real corpus feeds and on small generated ones. It
// reports the wall-clock and CPU ratios (separate ÷ one process).
func BenchmarkValidateMany(b *testing.B) {
	for _, tc := range []struct {
		shape string
		n     int
	}{{"corpus", 1000}, {"small", 1000}, {"corpus", 10000}, {"small", 10000}} {
		b.Run(fmt.Sprintf("%s/%d", tc.shape, tc.n), func(b *testing.B) {
			bin := podfeedBinary(b)
			dir := b.TempDir()
			paths := manyFeeds(b, dir, tc.shape, tc.n)
			list := filepath.Join(dir, "list.txt")
			if err := os.WriteFile(list, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			var oneWall, sepWall, oneCPU, sepCPU time.Duration
			b.ResetTimer()
			for i := range b.N {
				runOne := func() {
					start := time.Now()
					oneCPU += oneProcess(b, bin, list, 2)
					oneWall += time.Since(start)
				}
				runSep := func() {
					start := time.Now()
					sepCPU += separateProcesses(b, bin, paths, 2)
					sepWall += time.Since(start)
				}
				if i%2 == 0 {
					runOne()
					runSep()
				} else {
					runSep()
					runOne()
				}
			}
			n := float64(b.N)
			b.ReportMetric(oneWall.Seconds()/n, "one-process-s")
			b.ReportMetric(sepWall.Seconds()/n, "separate-s")
			b.ReportMetric(sepWall.Seconds()/oneWall.Seconds(), "wall-speedup-x")
			b.ReportMetric(oneCPU.Seconds()/n, "one-process-cpu-s")
			b.ReportMetric(sepCPU.Seconds()/n, "separate-cpu-s")
			b.ReportMetric(sepCPU.Seconds()/oneCPU.Seconds(), "cpu-speedup-x")
		})
	}
}

// BenchmarkValidateServed validates feeds served over loopback by an
// httptest server in one process with --jobs 64 (and --per-host 64, so 64
// feeds really are in flight at once against the one local host), and
// reports the process's peak RSS. It fails above 256 MB.
func BenchmarkValidateServed(b *testing.B) {
	for _, tc := range []struct {
		shape string
		n     int
	}{{"corpus", 10000}, {"small", 10000}, {"corpus", 100000}, {"small", 100000}} {
		b.Run(fmt.Sprintf("%s/%d", tc.shape, tc.n), func(b *testing.B) {
			bin := podfeedBinary(b)
			var bodies [][]byte
			for _, p := range manyFeeds(b, b.TempDir(), tc.shape, 200) {
				data, err := os.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				bodies = append(bodies, data)
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/feed/"), ".xml"))
				if err != nil || i < 0 {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(bodies[i%len(bodies)])
			}))
			defer srv.Close()
			var list strings.Builder
			for i := range tc.n {
				fmt.Fprintf(&list, "%s/feed/%d.xml\n", srv.URL, i)
			}
			var peak int64
			var cpu time.Duration
			b.ResetTimer()
			for range b.N {
				cmd := exec.Command(bin, "validate", "--allow-private", "--jobs", "64", "--per-host", "64",
					"--from", "-", "--format", "jsonl", "--fail-on", "none")
				cmd.Stdin = strings.NewReader(list.String())
				c, rss := runCmd(b, cmd)
				cpu += c
				peak = max(peak, rss)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
			b.ReportMetric(float64(tc.n)*float64(b.N)/b.Elapsed().Seconds(), "feeds/s")
			if peak > 256<<20 {
				b.Errorf("peak RSS %.0f MB validating %d served feeds with --jobs 64, want under 256 MB", float64(peak)/(1<<20), tc.n)
			}
		})
	}
}
