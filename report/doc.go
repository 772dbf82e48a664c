// Package report renders the findings of a validation run for people and
// for tools: text (one parseable line per finding, like a compiler), a
// versioned JSON document (see docs/validate-json.md), SARIF 2.1.0 for
// code-scanning services, and for CI systems GitHub Actions workflow
// commands, GitLab Code Quality JSON, JUnit XML and Checkstyle XML, and for people
// one self-contained HTML page (html.go).
//
// Write renders one feed. A Stream renders the results of many feeds in
// one output (JSON Lines and one SARIF run among them), each feed as it is
// handed over, so memory does not grow with the number of feeds.
//
// It only formats what it is given. It must not read files, filter
// findings by severity or decide exit codes: that policy belongs to the
// caller (validate.Config and the CLI). It imports validate (for the
// finding and rule types), internal/xmlspot (the html format's element
// index), internal/pagestyle and the standard library only, never the CLI.
package report
