package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/podfeed/podfeed/batch"
	"github.com/podfeed/podfeed/fetch"
	"github.com/podfeed/podfeed/report"
	"github.com/podfeed/podfeed/validate"
)

// defaultJobs is --jobs when not given: every core, and at least two, so
// one feed's download overlaps another's check.
func defaultJobs() int { return max(2, runtime.NumCPU()) }

// validateMany checks every target of args and --from (the shard's share
// of them) with --jobs workers, and streams each feed's result in the
// chosen format as it finishes. A feed that cannot be read is a result:
// the run goes on. Memory does not grow with the number of feeds: the
// list is read as workers take from it, and a result is dropped once
// written.
func validateMany(ctx context.Context, e *env, args []string, o validateOptions) error {
	if !isOneOf(o.format, report.StreamFormats()) {
		return usageError(fmt.Errorf("--format %s holds one feed; for several use %s", o.format, strings.Join(report.StreamFormats(), ", ")))
	}
	var list io.Reader
	switch o.from {
	case "":
	case "-":
		for _, a := range args {
			if a == "-" {
				return usageError(errors.New("standard input cannot be both the list (--from -) and a feed (-)"))
			}
		}
		list = e.stdin
	default:
		f, err := os.Open(o.from)
		if err != nil {
			return fmt.Errorf("--from: %w", err)
		}
		defer f.Close()
		list = f
	}
	stdins := 0
	for _, a := range args {
		if a == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return usageError(errors.New("standard input (-) can be named once"))
	}

	// Each job holds one feed's scanner state and buffers (a few hundred
	// KB) over a small live heap; the limit keeps 64 jobs well inside
	// 256 MB.
	tuneGC(e, 160<<20)
	o.client = fetch.NewClient(fetch.Options{AllowPrivate: o.cfg.AllowPrivate})
	defer o.client.CloseIdleConnections()
	o.cfg.Client = o.client
	hosts := batch.NewHosts(o.perHost)
	rules := validate.FeedRules(o.cfg)
	stream, err := report.NewStream(e.stdout, o.format, rules)
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	targets := make(chan batch.Target)
	var listErr error
	listDone := make(chan struct{})
	go func() {
		defer close(listDone)
		_, listErr = batch.Targets(ctx, args, list, o.shard, targets)
	}()
	results := make(chan report.Feed, o.jobs)
	var wg sync.WaitGroup
	for range o.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range targets {
				results <- checkOne(ctx, e, t, o, hosts, rules)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var sum report.Summary
	var writeErr error
	for f := range results {
		sum.Add(f)
		if writeErr == nil {
			if writeErr = stream.Feed(f); writeErr != nil {
				cancel() // nobody reads the rest
			}
		}
	}
	<-listDone
	if writeErr == nil {
		writeErr = stream.Close(sum)
	}
	fmt.Fprintln(e.stderr, manySummary(sum, o))
	switch {
	case writeErr != nil:
		return fmt.Errorf("writing the report: %w", writeErr)
	case listErr != nil && !errors.Is(listErr, context.Canceled):
		return fmt.Errorf("--from %s: %w", o.from, listErr)
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted after %s: %w", plural(sum.Feeds, "feed"), ctx.Err())
	case sum.FetchFailures > 0 && !o.allowFetchFailures:
		return unreadableError(sum.FetchFailures)
	case sum.FeedsFailed > 0:
		return findingsError()
	}
	return nil
}

// checkOne validates one target of a run over many feeds.
func checkOne(ctx context.Context, e *env, t batch.Target, o validateOptions, hosts *batch.Hosts, rules []*validate.Rule) report.Feed {
	f := report.Feed{Input: report.Input{Path: t.Name, Rules: rules, ToolVersion: e.version.Version, DocsRef: o.cfg.DocsRef, All: o.all, Hints: o.hints}, Index: t.Index}
	chk, err := checkTarget(ctx, e, t.Name, o, hosts)
	if err != nil {
		f.Err = err
		return f
	}
	f.Diagnostics, f.Failed, f.URL, f.Items = chk.shown, chk.failed, chk.url, chk.res.Document.ItemCount
	return f
}

// manySummary is the closing line of a run over many feeds, for stderr.
func manySummary(s report.Summary, o validateOptions) string {
	var b strings.Builder
	b.WriteString("validated " + plural(s.Feeds, "feed"))
	if o.shard.N > 0 {
		b.WriteString(" (shard " + o.shard.String() + ")")
	}
	fmt.Fprintf(&b, ": %s, %s, %s", plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"))
	if o.failOn != 0 {
		fmt.Fprintf(&b, "; %d reach --fail-on %s", s.FeedsFailed, o.failOn)
	}
	fmt.Fprintf(&b, "; %d could not be read", s.FetchFailures)
	return b.String()
}
