// Package batch holds what a run over many feeds needs beside the
// validator: the list of targets (arguments and a list file, read as it
// is consumed), the --shard K/N selection that spreads one list over
// machines with no coordinator, and per-host politeness for URLs (a cap
// on requests to one host at once, and a pause for a host that answered
// with Retry-After).
//
// It imports the standard library only and knows nothing about feeds,
// formats or exit codes.
package batch
