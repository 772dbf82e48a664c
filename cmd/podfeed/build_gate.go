package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/validate"
)

// gateFeed runs the validator on the feed about to be written. Errors stop
// the build unless force is set; warnings are printed either way.
func gateFeed(ctx context.Context, e *env, path string, data []byte, force bool) error {
	res, err := validate.Run(ctx, bytes.NewReader(data), validate.Config{Path: path})
	if err != nil {
		return fmt.Errorf("validate the new feed: %w", err)
	}
	errs := 0
	for _, d := range res.Diagnostics {
		sev := "warning"
		switch d.Severity {
		case validate.Error:
			sev = "error"
			errs++
		case validate.Info:
			continue
		}
		fmt.Fprintf(e.stderr, "%s:%d:%d: %s: %s [%s]\n", path, d.Pos.Line, d.Pos.Col, sev, d.Message, d.Code)
	}
	if errs == 0 {
		return nil
	}
	if force {
		fmt.Fprintf(e.stderr, "podfeed: --force: writing a feed with %s\n", plural(errs, "validation error"))
		return nil
	}
	return invalidInput(fmt.Errorf("the new feed has %s; nothing was written (fix the definitions, or --force to write anyway)", plural(errs, "validation error")))
}

// checkSubscribers compares the new feed with the one already published at
// path and refuses changes that break subscribers unless accept is set.
func checkSubscribers(e *env, path string, ch *feed.Channel, accept bool) error {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // first build
	}
	if err != nil {
		return fmt.Errorf("read the published feed: %w", err)
	}
	oldSum, err := feed.ReadSummary(bytes.NewReader(old))
	if err != nil {
		fmt.Fprintf(e.stderr, "podfeed: warning: %s is not a feed podfeed can read (%v); replacing it without the subscriber-safety check\n", path, err)
		return nil
	}
	changes := subscriberChanges(oldSum, feed.SummaryOf(ch))
	if len(changes) == 0 {
		return nil
	}
	for _, c := range changes {
		fmt.Fprintf(e.stderr, "%s: %s\n", path, c)
	}
	if accept {
		fmt.Fprintf(e.stderr, "podfeed: --accept-changes: replacing the feed anyway\n")
		return nil
	}
	return invalidInput(fmt.Errorf("the new feed would break subscribers (%s above); nothing was written (use --accept-changes if this is intended)", plural(len(changes), "change")))
}
