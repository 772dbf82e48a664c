package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes. This file is the only place that decides them.
const (
	exitOK      = 0 // success, or nothing reached --fail-on
	exitInvalid = 1 // invalid definitions or input, or findings at or above --fail-on
	exitUsage   = 2 // bad usage, I/O or network failure
)

// codedError carries the exit code a command chose for an error.
type codedError struct {
	code   int
	err    error
	silent bool // already reported to the user; print nothing more
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

// invalidInput marks err as a problem with the user's input (exit 1).
func invalidInput(err error) error { return &codedError{code: exitInvalid, err: err} }

// usageError marks err as bad usage of the command line (exit 2).
func usageError(err error) error { return &codedError{code: exitUsage, err: err} }

// findingsError reports that a command already printed what failed and
// only the exit code is left to set (exit 1).
func findingsError() error {
	return &codedError{code: exitInvalid, err: errors.New("findings reached the failure threshold"), silent: true}
}

// unreadableError reports that n feeds of a run over many could not be
// read (each already reported as a result): exit 2, like a single feed
// that cannot be fetched.
func unreadableError(n int) error {
	return &codedError{code: exitUsage, err: fmt.Errorf("%d feeds could not be read", n), silent: true}
}

// finish prints err (if any) to stderr and returns the exit code for it.
// Errors not marked otherwise are I/O or network failures: exit 2.
func finish(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var ce *codedError
	if errors.As(err, &ce) {
		code = ce.code
		if ce.silent {
			return code
		}
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "podfeed: ") {
		msg = "podfeed: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return code
}
