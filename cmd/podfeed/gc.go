package main

import "runtime/debug"

// tuneGC trades memory for speed in commands that allocate much
// short-lived garbage over a small live heap: it collects a quarter as
// often (GOGC 400) under a soft memory limit of limit bytes. A GOGC or
// GOMEMLIMIT the user set wins.
func tuneGC(e *env, limit int64) {
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}
